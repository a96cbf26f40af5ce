import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_PNG } from '../e2e/support/applications.js';
import { RESPONDENT, hearingClosedWithoutPhone, hearingRooms, type Cleanup } from '../support/hearingRoom.js';
import { RECORD_UNLOCK_TRIES, RECORD_UNLOCK_WINDOW_MS } from '../../shared/rooms/hearingRecord.js';
import { JOIN_TRIES_PER_MINUTE, roomPaths } from '../../shared/rooms/joining.js';
import { recordLinkPaths } from '../../shared/rooms/recordByLink.js';
import { LINK_GUESSES_PER_ADDRESS } from '../../shared/wrongGuesses.js';
import { guessStore } from '../../server/rateLimit/guessStore.js';
import { startHub } from '../support/hubHarness.js';

// Wrong guesses of who someone is, counted in the database (server/rateLimit/guessStore.ts,
// migration 0062): a round locked by wrong answers through its link stays locked after a restart
// and says when it opens; one client address's wrong guesses count over every link route (the
// join page's code + identity, a record link's unlock) against one bound, which another address
// does not share, and an hour later the address may try again and the ended windows' rows are
// gone. The rows hold only what was guessed at or who guessed — never a name or ID digits. Runs on
// SQLite and PostgreSQL (two instances on one PostgreSQL: wrongGuessesAcrossInstances.postgres.test.ts).

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const { hearingRoom } = hearingRooms(cleanup);

const TEXT = '审判员：现在开庭。\n申请人：请求归还借款。';
const PNG = SIGNATURE_PNG.split(',')[1]!;
const PARTY = { name: RESPONDENT.name, idLast4: RESPONDENT.idNumber.slice(-4) };
const WRONG = { name: RESPONDENT.name, idLast4: '9999' };

type Answer = { status: number; retryAfter: number; body: { error?: { code: string } } & Record<string, unknown> };

/** A POST to `path` on `url`, forwarded (when `client` is given) by the trusted proxy from `client`. */
async function post(url: string, path: string, body: unknown, client?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: new URL(url).origin, ...(client ? { 'x-forwarded-for': client } : {}) };
  const res = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0), body: (await res.json()) as Answer['body'] };
}

type Hub = Awaited<ReturnType<typeof startHub>>;
const guessRows = (h: Hub) => h.hub.database.db.selectFrom('wrong_guesses').selectAll().orderBy('bucket').orderBy('guess_key').execute();

describe('wrong guesses counted in the database', () => {
  it('keeps a round locked by wrong answers through its link after a restart, and says when it opens', async () => {
    const room = await hearingRoom('judge');
    await hearingClosedWithoutPhone(room, TEXT, PNG);
    const { h, callId, respondentInvite: invite } = room;
    for (let i = 0; i < RECORD_UNLOCK_TRIES; i++) expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, ...WRONG })).toMatchObject({ status: 403 });

    await h.close();
    const again = await startHub({ dataDir: h.dataDir });
    cleanup.push(() => again.close());
    const locked = await post(again.url, recordLinkPaths.unlock, { invite, callId, ...PARTY });
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    // When a turn is free again: the hour that began with the first wrong answer, not a fixed figure.
    expect(locked.retryAfter).toBeGreaterThan(RECORD_UNLOCK_WINDOW_MS / 1000 - 600);
    expect(locked.retryAfter).toBeLessThanOrEqual(RECORD_UNLOCK_WINDOW_MS / 1000);
    expect(await post(again.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 1, answer: 'refuse' } })).toMatchObject({ status: 429 });

    // What is counted: the link, the round and the address — keys only, never what was typed.
    const rows = await guessRows(again);
    expect(rows.filter((r) => r.wrong > 0).map((r) => [r.bucket, r.guess_key, r.wrong])).toEqual([
      ['link.address', '127.0.0.1', RECORD_UNLOCK_TRIES],
      ['record_unlock.link', invite, RECORD_UNLOCK_TRIES],
      ['record_unlock.round', callId, RECORD_UNLOCK_TRIES],
    ]);
    expect(JSON.stringify(rows)).not.toContain(RESPONDENT.name);
  });

  it('counts one address’s wrong guesses over the join page and the record link against one bound, not another address’s, until the hour is over', async () => {
    let skew = 0;
    // Behind a proxy the hub trusts (as nginx with HUB_TRUST_PROXY): the client is X-Forwarded-For's.
    const room = await hearingRoom('judge', [], undefined, { trustProxy: ['127.0.0.1'], now: () => new Date(Date.now() + skew) });
    await hearingClosedWithoutPhone(room, TEXT, PNG);
    const { h, callId, respondentInvite: invite } = room;
    const guesser = '203.0.113.9';
    const other = '203.0.113.10';

    // Three wrong answers through the record link, the rest of the bound as wrong codes on the join page
    // (under the join page's own limit on tries a minute: the clock moves on a minute between batches).
    const onLink = 3;
    for (let i = 0; i < onLink; i++) expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, ...WRONG }, guesser)).toMatchObject({ status: 403 });
    for (let i = 0; i < LINK_GUESSES_PER_ADDRESS.max - onLink; i++) {
      if (i > 0 && i % (JOIN_TRIES_PER_MINUTE - 1) === 0) skew += 61_000;
      expect(await post(h.url, roomPaths.join, { code: String(100000 + i), ...WRONG }, guesser)).toMatchObject({ status: 404 });
    }

    // The bound is reached: every link route refuses this address, even the right answer, and says when.
    const join = await post(h.url, roomPaths.join, { code: '199999', ...WRONG }, guesser);
    expect(join).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect(join.retryAfter).toBeGreaterThan(3000);
    expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, ...PARTY }, guesser)).toMatchObject({ status: 429 });
    // Another address is not held back: the round and the link had turns left, and a right answer costs none.
    expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, ...PARTY }, other)).toMatchObject({ status: 200, body: { record: { text: TEXT } } });
    expect(await post(h.url, roomPaths.join, { code: '199998', ...WRONG }, other)).toMatchObject({ status: 404 });
    const counted = async () => Object.fromEntries((await guessRows(h)).filter((r) => r.wrong > 0).map((r) => [`${r.bucket} ${r.guess_key}`, r.wrong]));
    expect(await counted()).toEqual({
      [`link.address ${guesser}`]: LINK_GUESSES_PER_ADDRESS.max,
      [`link.address ${other}`]: 1,
      [`record_unlock.link ${invite}`]: onLink,
      [`record_unlock.round ${callId}`]: onLink,
    });

    // An hour on, the address may guess again (one wrong guess in a new window), and the ended windows' rows are pruned.
    skew += LINK_GUESSES_PER_ADDRESS.windowMs + 60_000;
    expect(await post(h.url, roomPaths.join, { code: '199997', ...WRONG }, guesser)).toMatchObject({ status: 404 });
    expect((await guessRows(h)).map((r) => [r.bucket, r.guess_key, r.wrong])).toEqual([['link.address', guesser, 1]]);
  });
});

describe('taking turns', () => {
  it('gives back the turns already taken when a later one fails, so a failure is nobody’s wrong guess', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const guesses = guessStore(h.hub.database);
    const good = { bucket: 'join.identity', key: 'invite-1', bound: { max: 5, windowMs: 60_000 } };
    // a bound whose window cannot be written: taking its turn throws after the first was taken
    const broken = { bucket: 'link.address', key: '203.0.113.9', bound: { max: 5, windowMs: Number.NaN } };
    let compared = false;
    const judging = guesses.judge(
      [good, broken],
      async () => (compared = true),
      () => true,
    );
    await expect(judging).rejects.toThrow(RangeError);
    expect(compared).toBe(false);
    const rows = await h.hub.database.db.selectFrom('wrong_guesses').select(['bucket', 'guess_key', 'wrong']).execute();
    expect(rows).toEqual([{ bucket: 'join.identity', guess_key: 'invite-1', wrong: 0 }]);
  });
});
