// Watches for a resident walking away: after `idleMs` without activity it warns, and after a
// further `warnMs` without "continue" it expires. Pure timers, no DOM, so it can be tested
// with fake timers; the React hook wires it to touches.

interface IdleWatchOptions {
  idleMs: number;
  warnMs: number;
  /** Called when the warning starts, and every second of it with the time left. */
  onWarn: (remainingMs: number) => void;
  onExpire: () => void;
  tickMs?: number;
  now?: () => number;
}

export class IdleWatch {
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private warnDeadline: number | null = null;
  private stopped = true;

  constructor(private readonly options: IdleWatchOptions) {}

  get warning(): boolean {
    return this.warnDeadline !== null;
  }

  start(): void {
    this.stopped = false;
    this.restartIdle();
  }

  /** Activity (a touch, a key). Ignored while the warning is up: only "continue" ends it. */
  activity(): void {
    if (this.stopped || this.warning) return;
    this.restartIdle();
  }

  /** The resident answered the warning. */
  continue(): void {
    if (this.stopped) return;
    this.restartIdle();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private restartIdle() {
    this.clear();
    this.idleTimer = setTimeout(() => this.beginWarning(), this.options.idleMs);
  }

  private beginWarning() {
    const now = this.options.now ?? Date.now;
    this.idleTimer = null;
    this.warnDeadline = now() + this.options.warnMs;
    this.options.onWarn(this.options.warnMs);
    const tick = () => {
      if (this.warnDeadline === null) return;
      const remaining = this.warnDeadline - now();
      if (remaining <= 0) {
        this.stopped = true;
        this.clear();
        this.options.onExpire();
      } else {
        this.options.onWarn(remaining);
      }
    };
    this.tickTimer = setInterval(tick, Math.min(this.options.tickMs ?? 250, Math.max(10, this.options.warnMs)));
  }

  private clear() {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    this.idleTimer = null;
    this.tickTimer = null;
    this.warnDeadline = null;
  }
}
