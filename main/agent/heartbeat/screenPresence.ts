import { reportedDeviceState } from '../../../shared/terminals/deviceHealth.js';
import type { DeviceState, TerminalPresence } from '../../../shared/terminals/heartbeat.js';
import type { ConfigValues } from '../configValues.js';

// What the kiosk's screen last told the agent for the heartbeat (shared/terminals/heartbeat.ts
// TerminalPresence): the kind of screen, when it was last touched, and the camera and microphone.
// A camera or microphone that failed (or was refused) stays so until a call tries it and finds it
// working — not when a reloaded screen, or a restarted agent, merely lists it again. That held
// state is kept in the agent's config table, so it outlives the agent; nothing about a resident.

const HELD_KEY = 'presence.devicesHeld';
type Devices = Pick<TerminalPresence, 'camera' | 'microphone'>;
const standing = new Set<DeviceState>(['denied', 'failed', 'error']);

export class ScreenPresence {
  private latest: TerminalPresence | null = null;
  private touchedAt: string | null = null;
  private held: Devices;

  constructor(private readonly values: ConfigValues) {
    this.held = { camera: 'unknown', microphone: 'unknown' };
    try {
      const stored = values.json<Partial<Devices>>(HELD_KEY);
      if (stored && standing.has(stored.camera as DeviceState)) this.held.camera = stored.camera!;
      if (stored && standing.has(stored.microphone as DeviceState)) this.held.microphone = stored.microphone!;
    } catch {
      // unreadable: nothing held
    }
  }

  report(report: TerminalPresence, now: Date): void {
    const before = this.latest ?? { ...this.held };
    const device = (d: keyof Devices) => reportedDeviceState(before[d], report[d], report.tried?.[d] ?? false);
    this.latest = { ...report, camera: device('camera'), microphone: device('microphone') };
    if (report.touched) this.touchedAt = now.toISOString();
    const held: Devices = {
      camera: standing.has(this.latest.camera) ? this.latest.camera : 'unknown',
      microphone: standing.has(this.latest.microphone) ? this.latest.microphone : 'unknown',
    };
    if (held.camera !== this.held.camera || held.microphone !== this.held.microphone) {
      this.held = held;
      this.values.setJson(HELD_KEY, held);
    }
  }

  /** The screen's last report, with the devices as held; before any report since start, only what is held. */
  current(): TerminalPresence | null {
    if (this.latest) return this.latest;
    return this.held.camera !== 'unknown' || this.held.microphone !== 'unknown' ? { screen: 'unknown', ...this.held } : null;
  }

  lastTouchAt(): string | null {
    return this.touchedAt;
  }
}
