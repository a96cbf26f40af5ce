import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceStateOf, LocalMedia, MediaUnavailableError, type LocalMediaState, type MediaDevicesLike, type MediaHealth } from '../../renderer/webrtc/localMedia.js';

// The kiosk's camera and microphone against fake devices: fallbacks at start, an unplugged
// camera mid-call (default device, else audio only), a camera plugged back in, camera off.

class FakeTrack extends EventTarget {
  enabled = true;
  stopped = false;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string,
  ) {
    super();
  }
  stop() {
    this.stopped = true;
  }
  unplug() {
    this.dispatchEvent(new Event('ended'));
  }
}
class FakeStream {
  private tracks: FakeTrack[] = [];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  addTrack(t: FakeTrack) {
    this.tracks.push(t);
  }
  removeTrack(t: FakeTrack) {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
  getTracks() {
    return [...this.tracks];
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
}

const original = (globalThis as { MediaStream?: unknown }).MediaStream;
beforeAll(() => void ((globalThis as { MediaStream?: unknown }).MediaStream = FakeStream));
afterAll(() => void ((globalThis as { MediaStream?: unknown }).MediaStream = original));

/** Devices the test plugs in and out; getUserMedia fails for a kind that is absent. */
function devices(present: { audio: boolean; video: boolean; denied?: boolean }) {
  const listeners = new Set<() => void>();
  let n = 0;
  const d: MediaDevicesLike & { present: typeof present; change(): void } = {
    present,
    async getUserMedia(c) {
      if (present.denied) throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
      const want = { audio: Boolean(c.audio), video: Boolean(c.video) };
      if ((want.audio && !present.audio) || (want.video && !present.video)) throw Object.assign(new Error('none'), { name: 'NotFoundError' });
      const tracks: FakeTrack[] = [];
      if (want.audio) tracks.push(new FakeTrack('audio', `mic-${++n}`));
      if (want.video) tracks.push(new FakeTrack('video', `cam-${++n}`));
      return new FakeStream(tracks) as unknown as MediaStream;
    },
    addEventListener: (_t, l) => void listeners.add(l),
    removeEventListener: (_t, l) => void listeners.delete(l),
    change: () => listeners.forEach((l) => l()),
  };
  return d;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function media(d: MediaDevicesLike) {
  const changes: Array<{ kind: string; track: string | null }> = [];
  const health: MediaHealth[] = [];
  let last: LocalMediaState | null = null;
  const m = new LocalMedia(d, {
    onChange: (s) => (last = s),
    onTrack: (kind, track) => changes.push({ kind, track: track ? (track as unknown as FakeTrack).label : null }),
    onHealth: (h) => health.push(h),
  });
  return { m, changes, health, state: () => last! };
}

describe('local media', () => {
  it('starts camera and microphone, and stops them (camera light off) at the end', async () => {
    const { m, state } = media(devices({ audio: true, video: true }));
    await m.start();
    expect(state().audio?.kind).toBe('audio');
    expect(state().video?.kind).toBe('video');
    expect(state().notice).toBeNull();
    const tracks = state().stream.getTracks() as unknown as FakeTrack[];
    m.stop();
    expect(tracks.every((t) => t.stopped)).toBe(true);
  });

  it('falls back to audio only, or video only, and says so; fails clearly with neither or when refused', async () => {
    const a = media(devices({ audio: true, video: false }));
    await a.m.start();
    expect([a.state().video, a.state().notice]).toEqual([null, 'audioOnly']);
    const v = media(devices({ audio: false, video: true }));
    await v.m.start();
    expect([v.state().audio, v.state().notice]).toEqual([null, 'noMicrophone']);
    await expect(media(devices({ audio: false, video: false })).m.start()).rejects.toMatchObject({ denied: false });
    const refused = media(devices({ audio: true, video: true, denied: true })).m.start();
    await expect(refused).rejects.toBeInstanceOf(MediaUnavailableError);
    await expect(refused).rejects.toMatchObject({ denied: true });
  });

  it('replaces an unplugged camera with the default one, else carries on with audio only, and takes it back later', async () => {
    const d = devices({ audio: true, video: true });
    const { m, state, changes } = media(d);
    await m.start();
    (state().video as unknown as FakeTrack).unplug();
    await settle();
    expect(state().notice).toBe('cameraSwitched');
    expect(changes.filter((c) => c.kind === 'video').map((c) => c.track)).toEqual([null, expect.stringMatching(/^cam-/)]);

    d.present.video = false;
    (state().video as unknown as FakeTrack).unplug();
    await settle();
    expect([state().video, state().notice]).toEqual([null, 'audioOnly']);

    d.present.video = true;
    d.change();
    await settle();
    expect(state().video?.kind).toBe('video');
    expect(state().notice).toBe('cameraBack');
  });

  it('mutes by disabling the microphone and switches the camera off by releasing it', async () => {
    const { m, state, changes } = media(devices({ audio: true, video: true }));
    await m.start();
    m.setMuted(true);
    expect(state().audio?.enabled).toBe(false);
    const cam = state().video as unknown as FakeTrack;
    await m.setCameraOff(true);
    expect([cam.stopped, state().video, state().cameraOff]).toEqual([true, null, true]);
    await m.setCameraOff(false);
    expect(state().video?.kind).toBe('video');
    expect(changes.map((c) => c.track === null)).toEqual([true, false]);
  });

  it('never leaves a camera lit that it did not take: on tapped twice, or off while it was opening', async () => {
    const d = devices({ audio: true, video: true });
    const opened: FakeTrack[] = [];
    const getUserMedia = d.getUserMedia.bind(d);
    d.getUserMedia = async (c) => {
      const s = await getUserMedia(c);
      opened.push(...(s.getTracks() as unknown as FakeTrack[]));
      return s;
    };
    const { m, state } = media(d);
    await m.start();
    await m.setCameraOff(true);
    opened.length = 0;
    // on, tapped twice before the camera opened: one track taken, the other stopped
    await Promise.all([m.setCameraOff(false), m.setCameraOff(false)]);
    expect(opened).toHaveLength(2);
    expect(opened.filter((t) => !t.stopped)).toEqual([state().video]);
    // on, then off before it opened: nothing taken, nothing lit
    await m.setCameraOff(true);
    opened.length = 0;
    await Promise.all([m.setCameraOff(false), m.setCameraOff(true)]);
    expect([state().video, state().cameraOff]).toEqual([null, true]);
    expect(opened.every((t) => t.stopped)).toBe(true);
    // and the call's end stops what it holds
    await m.setCameraOff(false);
    m.stop();
    expect(opened.every((t) => t.stopped)).toBe(true);
  });

  it('tells the heartbeat how each device answered: ok, missing, denied, failed, and ok again', async () => {
    expect(['NotAllowedError', 'SecurityError', 'NotFoundError', 'OverconstrainedError', 'NotReadableError', 'AbortError'].map((name) => deviceStateOf({ name }))).toEqual([
      'denied',
      'denied',
      'missing',
      'missing',
      'failed',
      'failed',
    ]);
    const both = media(devices({ audio: true, video: true }));
    await both.m.start();
    expect(both.health).toEqual([{ camera: 'ok', microphone: 'ok' }]);

    const refused = media(devices({ audio: true, video: true, denied: true }));
    await refused.m.start().catch(() => undefined);
    expect(refused.health).toEqual([{ camera: 'denied', microphone: 'denied' }]);

    const d = devices({ audio: true, video: false });
    const noCamera = media(d);
    await noCamera.m.start();
    expect(noCamera.health).toEqual([{ camera: 'missing', microphone: 'ok' }]);
    d.present.video = true;
    d.change();
    await settle();
    expect(noCamera.health.at(-1)).toEqual({ camera: 'ok', microphone: 'ok' });

    // a camera whose track ends and nothing answers in its place
    d.present.video = false;
    (noCamera.state().video as unknown as FakeTrack).unplug();
    await settle();
    expect(noCamera.health.at(-1)).toEqual({ camera: 'missing', microphone: 'ok' });

    // present but will not start (another program holds it)
    const busy: MediaDevicesLike = {
      ...devices({ audio: true, video: true }),
      async getUserMedia(c) {
        if (c.video) throw Object.assign(new Error('busy'), { name: 'NotReadableError' });
        return new FakeStream([new FakeTrack('audio', 'mic')]) as unknown as MediaStream;
      },
    };
    const held = media(busy);
    await held.m.start();
    expect(held.health).toEqual([{ camera: 'failed', microphone: 'ok' }]);
  });
});
