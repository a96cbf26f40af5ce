import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardRenderer, needsRecovery, type RecoverableContents, type RenderProcessGone } from '../../main/electron/recovery.js';

const HOME = 'kiosk://app/';
const RECOVERY = 'kiosk://app/__recovery';

type Fn = (...args: never[]) => void;

/** A webContents whose renderer can be made to hang or crash. */
class FakeContents implements RecoverableContents {
  hung = false;
  destroyed = false;
  readonly loads: string[] = [];
  readonly actions: string[] = [];
  probes = 0;
  private readonly listeners = new Map<string, Set<Fn>>();
  private readonly stuck: Array<() => void> = [];

  on(event: string, listener: Fn): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }
  removeListener(event: string, listener: Fn): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  executeJavaScript(): Promise<unknown> {
    this.probes++;
    if (!this.hung) return Promise.resolve(true);
    return new Promise((resolve) => this.stuck.push(() => resolve(true)));
  }
  forcefullyCrashRenderer(): void {
    this.actions.push('crash');
    this.hung = false;
    this.stuck.splice(0); // a killed renderer never answers
  }
  loadURL(url: string): Promise<void> {
    this.actions.push(`load ${url}`);
    this.loads.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  // --- test controls
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
  gone(details: RenderProcessGone): void {
    this.emit('render-process-gone', {}, details);
  }
  unstick(): void {
    for (const r of this.stuck.splice(0)) r();
  }
  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

let contents: FakeContents;
beforeEach(() => {
  vi.useFakeTimers();
  contents = new FakeContents();
});
afterEach(() => {
  vi.useRealTimers();
});

const guard = (extra = {}) => guardRenderer(contents, { homeUrl: HOME, recoveryUrl: RECOVERY, log: () => {}, ...extra });

describe('renderer crash recovery', () => {
  it.each(['crashed', 'killed', 'oom', 'abnormal-exit', 'launch-failed', 'integrity-failure', 'memory-eviction'])('after "%s" shows the recovery page, then home', async (reason) => {
    const g = guard();
    contents.gone({ reason, exitCode: 1 });
    expect(contents.loads).toEqual([RECOVERY]);
    expect(g.recovering).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(contents.loads).toEqual([RECOVERY, HOME]);
    expect(g.recovering).toBe(false);
    g.dispose();
  });

  it('leaves a clean exit alone', async () => {
    const g = guard();
    expect(needsRecovery({ reason: 'clean-exit' })).toBe(false);
    contents.gone({ reason: 'clean-exit', exitCode: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(contents.loads).toEqual([]);
    g.dispose();
  });

  it('coalesces a burst of crash events into one recovery', async () => {
    const g = guard();
    contents.gone({ reason: 'crashed' });
    contents.gone({ reason: 'crashed' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(contents.loads).toEqual([RECOVERY, HOME]);
    expect(g.recoveries).toBe(1);
    g.dispose();
  });

  it('tells of each crash or hang once (the crash report), not of the forced crash of a hang nor of a recovery asked for', async () => {
    const failures: string[] = [];
    const g = guard({ onFailure: (cause: string, detail: string) => failures.push(`${cause}:${detail}`) });
    contents.gone({ reason: 'crashed' });
    contents.gone({ reason: 'crashed' });
    await vi.advanceTimersByTimeAsync(1000);
    contents.emit('unresponsive');
    contents.gone({ reason: 'killed' }); // the hang's own forced crash
    await vi.advanceTimersByTimeAsync(1000);
    g.recover('crash', 'staff asked');
    await vi.advanceTimersByTimeAsync(1000);
    expect(failures).toEqual(['crash:crashed', 'hang:unresponsive']);
    g.dispose();
  });

  it('recovers again if the renderer crashes again after coming home', async () => {
    const g = guard();
    contents.gone({ reason: 'crashed' });
    await vi.advanceTimersByTimeAsync(1000);
    contents.gone({ reason: 'oom' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(contents.loads).toEqual([RECOVERY, HOME, RECOVERY, HOME]);
    g.dispose();
  });
});

describe('renderer hang watchdog', () => {
  it('probes with executeJavaScript every 2 s and leaves a responsive page alone', async () => {
    const g = guard();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(contents.probes).toBe(30);
    expect(contents.actions).toEqual([]);
    g.dispose();
  });

  it('after 3 missed probes kills the renderer and is back home within 10 s of the hang', async () => {
    const g = guard();
    await vi.advanceTimersByTimeAsync(2000); // one answered probe
    contents.hung = true; // hangs right after a probe was answered: the worst case
    const hungAt = Date.now();
    while (!contents.loads.includes(HOME)) await vi.advanceTimersByTimeAsync(100);
    expect(contents.actions).toEqual(['crash', `load ${RECOVERY}`, `load ${HOME}`]);
    expect(Date.now() - hungAt).toBeLessThanOrEqual(10_000);
    g.dispose();
  });

  it('does not count a slow but answered probe as a hang', async () => {
    const g = guard();
    contents.hung = true;
    await vi.advanceTimersByTimeAsync(2000); // probe sent
    await vi.advanceTimersByTimeAsync(4000); // two misses
    contents.unstick();
    contents.hung = false;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(contents.actions).toEqual([]);
    g.dispose();
  });

  it('ignores the crash event its own forced crash causes', async () => {
    const g = guard();
    contents.hung = true;
    await vi.advanceTimersByTimeAsync(8000);
    expect(contents.actions[0]).toBe('crash');
    contents.gone({ reason: 'killed' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(contents.loads).toEqual([RECOVERY, HOME]);
    g.dispose();
  });

  it("acts on Chromium's 'unresponsive' at once", async () => {
    const g = guard();
    contents.emit('unresponsive');
    expect(contents.actions).toEqual(['crash', `load ${RECOVERY}`]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(contents.loads).toEqual([RECOVERY, HOME]);
    g.dispose();
  });

  it('treats a rejected probe as an answer', async () => {
    const g = guard();
    contents.executeJavaScript = () => Promise.reject(new Error('Script failed to execute'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(contents.actions).toEqual([]);
    g.dispose();
  });

  it('stops probing and listening after dispose, and does nothing to a destroyed window', async () => {
    const g = guard();
    g.dispose();
    expect(contents.listenerCount()).toBe(0);
    contents.hung = true;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(contents.probes).toBe(0);

    const g2 = guard();
    contents.destroyed = true;
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(contents.actions).toEqual([]);
    g2.dispose();
  });

  it('a dispose during recovery cancels the pending return home', async () => {
    const g = guard();
    contents.gone({ reason: 'crashed' });
    g.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(contents.loads).toEqual([RECOVERY]);
  });
});
