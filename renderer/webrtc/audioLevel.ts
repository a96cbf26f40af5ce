// A microphone level for the preflight meter and the "you are muted" hint: RMS of the signal,
// sampled ~12 times a second (a meter needs no more, and a weak kiosk CPU is spared).

const INTERVAL_MS = 80;

/** Calls `onLevel` with 0..1 until the returned function is called. */
export function watchAudioLevel(track: MediaStreamTrack, onLevel: (level: number) => void): () => void {
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch {
    return () => undefined;
  }
  void context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    // Speech sits around 0.02–0.2 RMS; a square-root curve makes quiet voices visibly move the bar.
    onLevel(Math.min(1, Math.sqrt(rms / 0.25)));
  }, INTERVAL_MS);
  return () => {
    clearInterval(timer);
    source.disconnect();
    void context.close().catch(() => undefined);
  };
}
