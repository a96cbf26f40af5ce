import { reportedDeviceState } from '../../../shared/terminals/deviceHealth.js';
import type { DeviceState, TerminalPresence } from '../../../shared/terminals/heartbeat.js';
import type { Db } from '../db.js';

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
  private readonly read;
  private readonly write;

  constructor(db: Db) {
    this.read = db.prepare<[string], { value: string }>('SELECT value FROM config WHERE key = ?');
    this.write = db.prepare('INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.held = { camera: 'unknown', microphone: 'unknown' };
    try {
      const stored = JSON.parse(this.read.get(HELD_KEY)?.value ?? 'null') as Partial<Devices> | null;
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
      this.write.run(HELD_KEY, JSON.stringify(held));
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
