import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uncountedList } from '../../server/courtWords/counting.js';
import { findDictionaryFile, lazyDictionary } from '../../server/courtWords/dictionaryFile.js';
import { RecountAbandoned, recountSchedule, untilRecountDue, type RecountOutcome } from '../../server/courtWords/recount.js';
import { tempDir } from '../support/testDirs.js';

// When the hub recounts (server/courtWords/recount.ts): one recount at a time, never two at once; a
// recount asked while one runs follows it (one, however many ask), so the asker's count began after
// it asked; the background schedule can be turned off, and its first recount put off until the last
// one is an interval old; stopping waits for the one running. And where the hub finds the kiosk's
// dictionary, in a checkout and in a built hub.

/** A recount that ends when the test says so, and how many ran and at most how many at once. */
function controlledRuns() {
  const pending: Array<() => void> = [];
  let started = 0;
  let active = 0;
  let mostAtOnce = 0;
  const signals: AbortSignal[] = [];
  const run = (signal: AbortSignal): Promise<RecountOutcome> => {
    signals.push(signal);
    const n = ++started;
    active++;
    mostAtOnce = Math.max(mostAtOnce, active);
    return new Promise((resolve) =>
      pending.push(() => {
        active--;
        resolve({ filingsRead: n, filingsOpened: n, filingsCounted: n, list: uncountedList(), changed: false });
      }),
    );
  };
  return {
    run,
    get started() {
      return started;
    },
    get mostAtOnce() {
      return mostAtOnce;
    },
    /** Each recount's signal, in the order they began. */
    signals,
    /** Ends the oldest recount still running. */
    finish: () => pending.shift()!(),
    /** Lets queued continuations run (a recount that follows begins in one). */
    settle: () => new Promise<void>((r) => setImmediate(r)),
  };
}

describe('recountSchedule', () => {
  it('runs one recount at a time; asked meanwhile, one more follows, begun after it was asked', async () => {
    const runs = controlledRuns();
    const schedule = recountSchedule(runs.run, null, () => undefined);
    const first = schedule.recount();
    const second = schedule.recount();
    const third = schedule.recount();
    expect(second).toBe(third);
    await runs.settle();
    expect(runs.started).toBe(1);
    runs.finish();
    expect((await first).filingsRead).toBe(1);
    await runs.settle();
    expect(runs.started).toBe(2);
    runs.finish();
    expect((await second).filingsRead).toBe(2);
    expect(runs.mostAtOnce).toBe(1);
  });

  it('with no interval never counts by itself; stopping waits for the recount running and refuses more', async () => {
    const runs = controlledRuns();
    const schedule = recountSchedule(runs.run, null, () => undefined);
    schedule.start();
    await runs.settle();
    expect(runs.started).toBe(0);
    const running = schedule.recount();
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await runs.settle();
    expect(stopped).toBe(false);
    runs.finish();
    await running;
    await stopping;
    await expect(schedule.recount()).rejects.toThrow(/closing/);
  });

  it('stopping tells the recount running to give up, and the one waiting behind it never begins', async () => {
    const runs = controlledRuns();
    const schedule = recountSchedule(runs.run, null, () => undefined);
    const running = schedule.recount();
    const waiting = schedule.recount();
    await runs.settle();
    expect(runs.signals.map((s) => s.aborted)).toEqual([false]);
    const stopping = schedule.stop();
    expect(runs.signals[0]!.aborted).toBe(true);
    runs.finish(); // the recount running ends (recountCourtWords throws RecountAbandoned at its next pause)
    await running;
    await expect(waiting).rejects.toBeInstanceOf(RecountAbandoned);
    await stopping;
    await runs.settle();
    expect(runs.started).toBe(1);
  });

  it('with an interval counts once at start, and a failed recount is reported, not thrown', async () => {
    const reported: unknown[] = [];
    const schedule = recountSchedule(
      () => Promise.reject(new Error('database gone')),
      3_600_000,
      (err) => reported.push(err),
    );
    schedule.start();
    await expect.poll(() => reported.length).toBe(1);
    await schedule.stop();
  });
});

describe('when the first recount after a start is due', () => {
  const hour = 3_600_000;
  const now = new Date('2026-12-07T05:00:00.000Z');
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is now with no recount stored, one an interval old or more, or one ahead of the clock', () => {
    expect(untilRecountDue(null, now, hour)).toBe(0);
    expect(untilRecountDue('2026-12-07T04:00:00.000Z', now, hour)).toBe(0);
    expect(untilRecountDue('2026-12-06T05:00:00.000Z', now, hour)).toBe(0);
    expect(untilRecountDue('2026-12-07T05:00:00.001Z', now, hour)).toBe(0);
    expect(untilRecountDue('not a time', now, hour)).toBe(0);
  });

  it('is the rest of the interval after a recent one', () => {
    expect(untilRecountDue('2026-12-07T04:59:00.000Z', now, hour)).toBe(hour - 60_000);
    expect(untilRecountDue('2026-12-07T05:00:00.000Z', now, hour)).toBe(hour);
  });

  it('begins none at start when put off, the first when it falls due, then one every interval', async () => {
    vi.useFakeTimers();
    const runs = controlledRuns();
    const schedule = recountSchedule(runs.run, hour, () => undefined);
    schedule.start(hour - 60_000);
    expect(runs.started).toBe(0);
    await vi.advanceTimersByTimeAsync(hour - 60_001);
    expect(runs.started).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.started).toBe(1);
    runs.finish();
    await vi.advanceTimersByTimeAsync(hour);
    expect(runs.started).toBe(2);
    runs.finish();
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(2 * hour);
    expect(runs.started).toBe(2);
  });

  it('stopped before a put-off first recount falls due, begins none', async () => {
    vi.useFakeTimers();
    const runs = controlledRuns();
    const schedule = recountSchedule(runs.run, hour, () => undefined);
    schedule.start(60_000);
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(2 * hour);
    expect(runs.started).toBe(0);
  });
});

describe('the dictionary file', () => {
  it('is found beside the hub’s code: renderer/ime in a checkout, the built renderer’s assets in dist/', () => {
    const checkout = tempDir('court-words-checkout-');
    mkdirSync(join(checkout, 'renderer', 'ime'), { recursive: true });
    mkdirSync(join(checkout, 'server', 'courtWords'), { recursive: true });
    writeFileSync(join(checkout, 'renderer', 'ime', 'dictionary.json'), '{}');
    expect(findDictionaryFile(join(checkout, 'server', 'courtWords'))).toBe(join(checkout, 'renderer', 'ime', 'dictionary.json'));

    const built = tempDir('court-words-dist-');
    mkdirSync(join(built, 'dist', 'renderer', 'assets'), { recursive: true });
    mkdirSync(join(built, 'dist', 'server', 'courtWords'), { recursive: true });
    writeFileSync(join(built, 'dist', 'renderer', 'assets', 'index-AbC12.js'), '');
    writeFileSync(join(built, 'dist', 'renderer', 'assets', 'dictionary-Xy_9-Q.json'), '{}');
    expect(findDictionaryFile(join(built, 'dist', 'server', 'courtWords'))).toBe(join(built, 'dist', 'renderer', 'assets', 'dictionary-Xy_9-Q.json'));

    expect(findDictionaryFile(tempDir('court-words-none-'))).toBeNull();
  });

  it('is loaded once however often asked; none found is an error for the recount, not a crash', async () => {
    const file = join(tempDir('court-words-file-'), 'dictionary.json');
    writeFileSync(file, JSON.stringify({ words: { qiantiao: '欠条:20 前条:3' }, surnames: { li: '李' }, givenNames: { hua: '华' } }));
    const load = lazyDictionary(file);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await lazyDictionary(file)()).toBe(a);
    expect([...a.words]).toEqual(['欠条', '前条']);
    await expect(lazyDictionary(null)()).rejects.toThrow(/no pinyin dictionary/);
  });

  it('that does not parse fails the load, and is read again at the next', async () => {
    const file = join(tempDir('court-words-broken-'), 'dictionary.json');
    writeFileSync(file, '{"words": {"qiantiao": "欠条:20"');
    await expect(lazyDictionary(file)()).rejects.toThrow(/JSON/);
    writeFileSync(file, JSON.stringify({ words: { qiantiao: '欠条:20' }, surnames: {}, givenNames: {} }));
    expect([...(await lazyDictionary(file)()).words]).toEqual(['欠条']);
  });
});
