import type { ParticipantRole } from '../../shared/call.js';
import { entersDirectly, roomRoleOf } from '../../shared/rooms/roleTable.js';
// What to do when a media link stops working, escalating: a short grace for ICE to recover by
// itself ("disconnected" often heals), then an ICE restart on the same connection (cheap: keeps
// tracks and DTLS, finds a new path), then a full rejoin of the room (a new peer connection on
// both sides), and only then giving up. Decisions only; the caller owns the connection.

export type RecoveryPhase = 'connecting' | 'healthy' | 'waiting' | 'restarting' | 'rejoining' | 'failed';

export interface RecoveryActions {
  restartIce(): void;
  rejoin(): void;
  giveUp(): void;
  onPhase?(phase: RecoveryPhase): void;
}

export interface RecoveryTiming {
  /** How long a new link may take to connect before we rejoin. */
  connectTimeoutMs: number;
  /** How long "disconnected" may last before an ICE restart. */
  disconnectGraceMs: number;
  /** How long an ICE restart may take before a full rejoin. */
  restartTimeoutMs: number;
  /** Full rejoins tried in a row before giving up. */
  maxRejoins: number;
}

export const defaultRecoveryTiming: RecoveryTiming = {
  connectTimeoutMs: 15_000,
  disconnectGraceMs: 2_000,
  restartTimeoutMs: 8_000,
  maxRejoins: 2,
};

/** The resident rejoins first; the staff side waits longer, so both do not rejoin at once. */
export function recoveryTimingFor(role: ParticipantRole, base: RecoveryTiming = defaultRecoveryTiming): RecoveryTiming {
  // Court staff wait longer, so that the party's side (kiosk, phone) is the one that restarts first.
  return !entersDirectly(roomRoleOf(role)) ? base : { ...base, restartTimeoutMs: base.restartTimeoutMs * 2, connectTimeoutMs: base.connectTimeoutMs * 2 };
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export class LinkRecovery {
  private phase: RecoveryPhase = 'connecting';
  private timer: unknown = null;
  private rejoins = 0;

  constructor(
    private readonly actions: RecoveryActions,
    private readonly timing: RecoveryTiming = defaultRecoveryTiming,
    private readonly timers: Timers = realTimers,
  ) {}

  get current(): RecoveryPhase {
    return this.phase;
  }

  /** Feed every connection-state change of the current link here. */
  onState(state: RTCPeerConnectionState | RTCIceConnectionState): void {
    if (this.phase === 'failed') return;
    if (state === 'connected' || state === 'completed') {
      this.disarm();
      this.rejoins = 0;
      return this.set('healthy');
    }
    if (state === 'disconnected' && this.phase === 'healthy') {
      this.set('waiting');
      return this.arm(this.timing.disconnectGraceMs, () => this.restart());
    }
    if (state === 'failed') {
      // A failed ICE restart (or a failure straight away) escalates; a first failure restarts.
      if (this.phase === 'restarting' || this.phase === 'rejoining' || this.phase === 'connecting') return this.rejoin();
      return this.restart();
    }
  }

  /** The caller built a (new) link: give it time to connect, then rejoin. */
  linkStarted(): void {
    if (this.phase === 'failed') return;
    // A replacement (either side rejoined) is a reconnection as far as the people are concerned.
    if (this.phase !== 'connecting') this.set('rejoining');
    this.arm(this.timing.connectTimeoutMs, () => this.rejoin());
  }

  dispose(): void {
    this.disarm();
    this.phase = 'failed';
  }

  private restart(): void {
    this.set('restarting');
    this.actions.restartIce();
    this.arm(this.timing.restartTimeoutMs, () => this.rejoin());
  }

  private rejoin(): void {
    if (this.rejoins >= this.timing.maxRejoins) {
      this.disarm();
      this.set('failed');
      return this.actions.giveUp();
    }
    this.rejoins++;
    this.set('rejoining');
    this.actions.rejoin();
    this.arm(this.timing.connectTimeoutMs, () => this.rejoin());
  }

  private set(phase: RecoveryPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.actions.onPhase?.(phase);
  }

  private arm(ms: number, fire: () => void): void {
    this.disarm();
    this.timer = this.timers.set(() => {
      this.timer = null;
      fire();
    }, ms);
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
