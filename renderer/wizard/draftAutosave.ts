import type { Draft, KioskApi } from '../../shared/contract.js';

// Saves the draft through the agent a moment after the last change, and discards it. All agent
// calls run one after another, so a slow save can never land after a discard and bring a
// wiped resident's data back.

export class DraftAutosave {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: Draft | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Pick<KioskApi, 'call'>,
    private readonly delayMs = 300,
  ) {}

  /** Remembers the latest draft and saves it after `delayMs` without further changes. */
  schedule(draft: Draft): void {
    this.pending = draft;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  /** Saves a scheduled draft now. Resolves when every earlier call has finished. */
  flush(): Promise<void> {
    this.clearTimer();
    const draft = this.pending;
    this.pending = null;
    if (draft) this.enqueue(() => this.api.call('draft.save', draft));
    return this.chain;
  }

  /** Drops any scheduled save and deletes the stored draft (after calls already under way). */
  discard(): Promise<void> {
    this.cancel();
    this.enqueue(() => this.api.call('draft.discard'));
    return this.chain;
  }

  /** Forgets a scheduled save without touching the agent. */
  cancel(): void {
    this.clearTimer();
    this.pending = null;
  }

  private enqueue(op: () => Promise<unknown>) {
    // A failed save is retried by the next change; a failed call must never block later ones.
    this.chain = this.chain.then(op).then(
      () => undefined,
      () => undefined,
    );
  }

  private clearTimer() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
