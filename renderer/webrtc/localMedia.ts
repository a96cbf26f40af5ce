// The kiosk's own camera and microphone for a call. Started only after the resident consents;
// stopped (camera light off) when the call ends or the camera is switched off. When a device
// disappears mid-call (a USB camera unplugged, a driver reset), it falls back to the system's
// default device of that kind, or carries on without it (audio only), and says which, so the
// screen can tell the resident. A device that comes back is picked up again. How each device
// answered (ok, missing, denied, failed) is told to `onHealth`, so the kiosk's heartbeat carries it.

import type { DeviceState } from '../../shared/terminals/heartbeat.js';

export type MediaNotice = 'cameraSwitched' | 'micSwitched' | 'audioOnly' | 'noMicrophone' | 'cameraBack' | null;

export interface LocalMediaState {
  stream: MediaStream;
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  muted: boolean;
  cameraOff: boolean;
  notice: MediaNotice;
}

export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  addEventListener(type: 'devicechange', listener: () => void): void;
  removeEventListener(type: 'devicechange', listener: () => void): void;
}

/** Modest video: enough for a face at a counter, light on a weak kiosk CPU and a thin line. */
export const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 } };
export const AUDIO_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

export class MediaUnavailableError extends Error {
  constructor(readonly denied: boolean) {
    super(denied ? 'Camera and microphone were not allowed' : 'No camera or microphone');
    this.name = 'MediaUnavailableError';
  }
}

type Kind = 'audio' | 'video';

/** Camera and microphone as getUserMedia and the tracks last answered (`unknown`: not asked yet). */
export interface MediaHealth {
  camera: DeviceState;
  microphone: DeviceState;
}

/** What a getUserMedia refusal says of the device: not allowed, not there, or there but would not start. */
export function deviceStateOf(error: unknown): DeviceState {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'failed';
}

export class LocalMedia {
  readonly stream = new MediaStream();
  private tracks: Record<Kind, MediaStreamTrack | null> = { audio: null, video: null };
  private muted = false;
  private cameraOff = false;
  private notice: MediaNotice = null;
  private stopped = false;
  private health: Record<Kind, DeviceState> = { audio: 'unknown', video: 'unknown' };
  private readonly failures: Record<Kind, unknown> = { audio: null, video: null };
  private readonly onDeviceChange = () => void this.recoverMissing();

  constructor(
    private readonly devices: MediaDevicesLike,
    private readonly listeners: { onChange(state: LocalMediaState): void; onTrack(kind: Kind, track: MediaStreamTrack | null): void; onHealth?(health: MediaHealth): void },
  ) {}

  state(): LocalMediaState {
    return { stream: this.stream, audio: this.tracks.audio, video: this.tracks.video, muted: this.muted, cameraOff: this.cameraOff, notice: this.notice };
  }

  /** Camera and microphone if possible; either alone if that is all there is (with a notice). */
  async start(): Promise<void> {
    let got: MediaStream | null = null;
    try {
      got = await this.devices.getUserMedia({ audio: AUDIO_CONSTRAINTS, video: VIDEO_CONSTRAINTS });
    } catch (error) {
      if (isDenied(error)) {
        this.found({ audio: 'denied', video: 'denied' });
        throw new MediaUnavailableError(true);
      }
      got = await this.tryGet('audio');
      if (got) {
        this.notice = 'audioOnly';
        this.found({ audio: 'ok', video: deviceStateOf(error) });
      } else if ((got = await this.tryGet('video'))) {
        this.notice = 'noMicrophone';
        this.found({ audio: deviceStateOf(this.failures.audio), video: 'ok' });
      } else this.found({ audio: deviceStateOf(this.failures.audio), video: deviceStateOf(this.failures.video) });
    }
    if (!got || this.stopped) {
      got?.getTracks().forEach((t) => t.stop());
      if (!got) throw new MediaUnavailableError(false);
      return;
    }
    for (const track of got.getTracks()) this.adopt(track.kind as Kind, track, false);
    if (!this.notice) this.found({ audio: 'ok', video: 'ok' });
    this.devices.addEventListener('devicechange', this.onDeviceChange);
    this.changed();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (this.tracks.audio) this.tracks.audio.enabled = !muted;
    this.changed();
  }

  /** Off releases the camera entirely (its light goes out); on asks for it again. */
  async setCameraOff(off: boolean): Promise<void> {
    this.cameraOff = off;
    if (off) this.drop('video');
    else if (!this.tracks.video) {
      const got = await this.tryGet('video');
      const track = got?.getVideoTracks()[0];
      // Not taken (off again, the call over, or a second tap's opening already took one while this
      // one waited): stopped at once, so no camera light stays on behind a screen that says off.
      if (track && !this.stopped && !this.cameraOff && !this.tracks.video) this.adopt('video', track, true);
      else for (const t of got?.getTracks() ?? []) t.stop();
      if (!track) this.notice = 'audioOnly';
      this.found({ video: track ? 'ok' : deviceStateOf(this.failures.video) });
    }
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    this.devices.removeEventListener('devicechange', this.onDeviceChange);
    for (const kind of ['audio', 'video'] as const) this.drop(kind, false);
  }

  private adopt(kind: Kind, track: MediaStreamTrack, announce: boolean): void {
    this.tracks[kind] = track;
    if (kind === 'audio') track.enabled = !this.muted;
    this.stream.addTrack(track);
    track.addEventListener('ended', () => void this.lost(kind, track));
    if (announce) this.listeners.onTrack(kind, track);
  }

  private drop(kind: Kind, announce = true): void {
    const track = this.tracks[kind];
    if (!track) return;
    this.tracks[kind] = null;
    this.stream.removeTrack(track);
    track.stop();
    if (announce) this.listeners.onTrack(kind, null);
  }

  /** A device went away under us: the default device of that kind, or carry on without it. */
  private async lost(kind: Kind, track: MediaStreamTrack): Promise<void> {
    if (this.stopped || this.tracks[kind] !== track) return;
    this.drop(kind);
    const got = await this.tryGet(kind);
    const replacement = got?.getTracks().find((t) => t.kind === kind) ?? null;
    if (this.stopped || (kind === 'video' && this.cameraOff)) return void replacement?.stop();
    if (replacement) {
      this.adopt(kind, replacement, true);
      this.notice = kind === 'video' ? 'cameraSwitched' : 'micSwitched';
      this.found({ [kind]: 'ok' });
    } else {
      this.notice = kind === 'video' ? 'audioOnly' : 'noMicrophone';
      // Its track ended and nothing answers for it: gone if none is listed, else failed.
      this.found({ [kind]: got ? 'failed' : deviceStateOf(this.failures[kind]) });
    }
    this.changed();
  }

  /** A device appeared: fill in whichever kind we are missing. */
  private async recoverMissing(): Promise<void> {
    for (const kind of ['audio', 'video'] as const) {
      if (this.stopped || this.tracks[kind] || (kind === 'video' && this.cameraOff)) continue;
      const got = await this.tryGet(kind);
      const track = got?.getTracks().find((t) => t.kind === kind);
      if (!track) continue;
      if (this.stopped || this.tracks[kind]) {
        track.stop();
        continue;
      }
      this.adopt(kind, track, true);
      this.notice = kind === 'video' ? 'cameraBack' : null;
      this.found({ [kind]: 'ok' });
      this.changed();
    }
  }

  private async tryGet(kind: Kind): Promise<MediaStream | null> {
    try {
      return await this.devices.getUserMedia(kind === 'audio' ? { audio: AUDIO_CONSTRAINTS } : { video: VIDEO_CONSTRAINTS });
    } catch (error) {
      this.failures[kind] = error;
      return null;
    }
  }

  /** Notes how devices answered and tells `onHealth` when that changed. */
  private found(states: Partial<Record<Kind, DeviceState>>): void {
    const next = { ...this.health, ...states };
    if (next.audio === this.health.audio && next.video === this.health.video) return;
    this.health = next;
    this.listeners.onHealth?.({ camera: next.video, microphone: next.audio });
  }

  private changed(): void {
    if (!this.stopped) this.listeners.onChange(this.state());
  }
}

function isDenied(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NotAllowedError' || name === 'SecurityError';
}
