// When has the screen been left alone for the whole idle delay? A touch, key or wheel starts the
// count again, and a finger resting on the screen holds it until it is lifted: the loop never
// starts under a hand. Pure timers, no DOM (unit-tested with fake timers); useUntouched wires it
// to the window's events.

export class UntouchedWatch {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Pointers down on the screen now (their ids). */
  private readonly down = new Set<number>();
  private idle = false;
  private running = false;

  constructor(
    private delayMs: number,
    private readonly onChange: (idle: boolean) => void,
  ) {}

  start(): void {
    this.running = true;
    this.restart();
  }

  stop(): void {
    this.running = false;
    this.down.clear();
    this.clear();
    this.setIdle(false);
  }

  /** A touch begins (with its pointer id), or a key or the wheel is used (no id). */
  activity(pointerId?: number): void {
    if (pointerId !== undefined) this.down.add(pointerId);
    this.setIdle(false);
    this.restart();
  }

  /** A finger is lifted (its pointer id), or every finger is (no id). */
  release(pointerId?: number): void {
    if (pointerId === undefined) this.down.clear();
    else this.down.delete(pointerId);
    if (!this.idle) this.restart();
  }

  /** A new delay (the court changed it) counts from now, and does not end a loop already showing. */
  setDelay(ms: number): void {
    if (ms === this.delayMs) return;
    this.delayMs = ms;
    if (!this.idle) this.restart();
  }

  private restart(): void {
    this.clear();
    if (!this.running || this.down.size > 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.setIdle(true);
    }, this.delayMs);
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private setIdle(idle: boolean): void {
    if (this.idle === idle) return;
    this.idle = idle;
    this.onChange(idle);
  }
}
