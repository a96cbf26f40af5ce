import { afterEach, describe, expect, it } from 'vitest';
import { RECOUNT_INTERVAL_MS } from '../../server/courtWords/recount.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// A hub started again recounts the court's words at start only when the last recount ended an
// interval ago or more (server/courtWords/register.ts, migration 0065): a hub in a restart loop does
// not decrypt every filing each time. Observed by the audit row every recount writes. The hub's
// clock is the test's (HubOptions.now), moved on between starts; `listen` returns once the start's
// recount has begun or been put off, so a recount asked then follows the start's one if it began
// (two rows), or runs alone (one).

let running: RunningHub | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The hub's clock, `offsetMs` ahead of the real one. */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

const recounts = async (hub: RunningHub) => (await hub.hub.database.db.selectFrom('audit_log').select('audit_seq').where('action', '=', 'court_words.recounted').execute()).length;

/** Starts the hub on `dataDir` (a new one without), its recounts on their hourly schedule; then asks for one recount and says how many the start and it wrote. */
async function startAndRecount(dataDir?: string): Promise<number> {
  running = await startHub({ ...(dataDir ? { dataDir } : {}), now, backup: false });
  const before = await recounts(running);
  await running.hub.courtWords.recount();
  return (await recounts(running)) - before;
}

describe('the court words recount at a hub’s start', () => {
  it('runs at the first start, not at a start within the interval after the last recount, and again at one after it', async () => {
    // the first start: no recount yet, so one at start, then the one asked
    expect(await startAndRecount()).toBe(2);
    const dataDir = running!.dataDir;
    const at = await running!.hub.database.db.selectFrom('court_words').select('recounted_at').executeTakeFirstOrThrow();
    expect(at.recounted_at).not.toBeNull();
    await running!.close();

    // ten minutes later (the last recount, the one asked, ended just now): none at start
    offsetMs = 10 * 60_000;
    expect(await startAndRecount(dataDir)).toBe(1);
    await running!.close();

    // more than an interval after that recount: one at start again
    offsetMs = 10 * 60_000 + RECOUNT_INTERVAL_MS + 60_000;
    expect(await startAndRecount(dataDir)).toBe(2);
  });

  it('a recount that changed nothing still moves when the last recount ended', async () => {
    running = await startHub({ now, backup: false, courtWords: { recountMs: null } });
    const first = await running.hub.courtWords.recount();
    const recountedAt = async () => await running!.hub.database.db.selectFrom('court_words').select(['recounted_at', 'counted_at']).executeTakeFirstOrThrow();
    const before = await recountedAt();
    // the clock moves on by a step the ISO text shows
    await waitFor(() => now().toISOString() !== before.recounted_at, 'the clock to move on');
    const second = await running.hub.courtWords.recount();
    expect(second.changed).toBe(false);
    expect(second.list.version).toBe(first.list.version);
    const after = await recountedAt();
    expect(after.counted_at).toBe(before.counted_at);
    expect(after.recounted_at! > before.recounted_at!).toBe(true);
  });
});
