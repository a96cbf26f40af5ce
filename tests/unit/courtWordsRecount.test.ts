import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uncountedList } from '../../server/courtWords/counting.js';
import { findDictionaryFile, lazyDictionary } from '../../server/courtWords/dictionaryFile.js';
import { recountSchedule, type RecountOutcome } from '../../server/courtWords/recount.js';
import { tempDir } from '../support/testDirs.js';

// When the hub recounts (server/courtWords/recount.ts): one recount at a time, never two at once; a
// recount asked while one runs follows it (one, however many ask), so the asker's count began after
// it asked; the background schedule can be turned off; stopping waits for the one running. And where
// the hub finds the kiosk's dictionary, in a checkout and in a built hub.

/** A recount that ends when the test says so, and how many ran and at most how many at once. */
function controlledRuns() {
  const pending: Array<() => void> = [];
  let started = 0;
  let active = 0;
  let mostAtOnce = 0;
  const run = (): Promise<RecountOutcome> => {
    const n = ++started;
    active++;
    mostAtOnce = Math.max(mostAtOnce, active);
    return new Promise((resolve) =>
      pending.push(() => {
        active--;
        resolve({ filingsRead: n, filingsCounted: n, list: uncountedList(), changed: false });
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
