import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_PNG } from '../e2e/support/applications.js';
import { RESPONDENT, hearingClosedWithoutPhone, hearingRooms, type Cleanup } from '../support/hearingRoom.js';
import { RECORD_UNLOCK_TRIES } from '../../shared/rooms/hearingRecord.js';
import { JOIN_TRIES_PER_CODE, roomPaths } from '../../shared/rooms/joining.js';
import { recordLinkPaths } from '../../shared/rooms/recordByLink.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub } from '../support/hubHarness.js';

// Wrong guesses fired all at once through two hub instances on one PostgreSQL database (as behind
// nginx with `npm run start:cluster`): each guess takes its turn in the database before it is
// compared (server/rateLimit/guessStore.ts), so 30 sent together, half to each instance, are
// compared exactly as often as the bound allows — a record link's round five times, a join code's
// identity five times — and the rest are told to wait, never a 5xx.

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const { hearingRoom } = hearingRooms(cleanup);

const TEXT = '审判员：现在开庭。\n被申请人：同意分期归还。';
const PNG = SIGNATURE_PNG.split(',')[1]!;
const WRONG = { name: RESPONDENT.name, idLast4: '9999' };

/** A hearing's room on instance A (with the SFU) and a second instance B on the same database, data key and files. */
async function twoInstances() {
  const dataKey = randomBytes(32).toString('base64');
  const filesDir = tempDir('wrong-guesses-files-');
  const shared = { dataKey, filesDir, trustProxy: ['127.0.0.1'] };
  const room = await hearingRoom('judge', [], undefined, shared);
  const { databaseUrl } = await testDatabase(room.h.dataDir);
  const b = await startHub({ ...shared, dataDir: tempDir('wrong-guesses-b-'), databaseUrl: databaseUrl!, backup: false });
  cleanup.push(() => b.close());
  return { room, a: room.h.url, b: b.url };
}

async function post(url: string, path: string, body: unknown, client: string): Promise<number> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(url).origin, 'x-forwarded-for': client }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe('wrong guesses across two hub instances on one PostgreSQL database', () => {
  it('compares a record link’s answers fired 30 at once over both instances five times, not ten', async () => {
    const { room, a, b } = await twoInstances();
    await hearingClosedWithoutPhone(room, TEXT, PNG);
    const { callId, respondentInvite: invite } = room;
    // From 30 addresses, so only the link's and the round's bounds are in play.
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(i % 2 === 0 ? a : b, recordLinkPaths.unlock, { invite, callId, ...WRONG }, `198.51.100.${i + 1}`)));
    expect(tally(statuses)).toEqual({ 403: RECORD_UNLOCK_TRIES, 429: 30 - RECORD_UNLOCK_TRIES });
    const rows = await room.h.hub.database.db.selectFrom('wrong_guesses').select(['bucket', 'wrong']).where('bucket', 'like', 'record_unlock.%').orderBy('bucket').execute();
    expect(rows).toEqual([
      { bucket: 'record_unlock.link', wrong: RECORD_UNLOCK_TRIES },
      { bucket: 'record_unlock.round', wrong: RECORD_UNLOCK_TRIES },
    ]);
    const denied = await room.h.hub.database.db.selectFrom('audit_log').select('outcome').where('action', '=', 'record.unlock').execute();
    expect(denied).toHaveLength(RECORD_UNLOCK_TRIES);
  });

  it('compares a join code’s identity fired 30 at once over both instances five times, then the code is dead', async () => {
    const { room, a, b } = await twoInstances();
    const invited = await fetch(room.h.url + roomPaths.invitations, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(room.h.url).origin, cookie: room.deskCookie },
      body: JSON.stringify({ callId: room.callId, role: 'respondent' }),
    });
    expect(invited.status).toBe(201);
    const { code } = (await invited.json()) as { code: string };
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(i % 2 === 0 ? b : a, roomPaths.join, { code, ...WRONG }, `192.0.2.${i + 1}`)));
    // Five compared (403); the rest told to wait (the code's tries taken by answers still being
    // checked, 429) or that the code is locked for good (410 CODE_LOCKED) — none let in, none a 5xx.
    expect(statuses.filter((s) => s === 403)).toHaveLength(JOIN_TRIES_PER_CODE);
    expect(
      statuses.every((s) => s === 403 || s === 429 || s === 410),
      JSON.stringify(statuses),
    ).toBe(true);
    const invitation = await room.h.hub.database.db.selectFrom('room_invitations').select('failures').where('used_at', 'is', null).executeTakeFirstOrThrow();
    expect(invitation.failures).toBe(JOIN_TRIES_PER_CODE);
    // The right party is not let in by it any more: the code is locked for good (410).
    expect(await post(a, roomPaths.join, { code, name: RESPONDENT.name, idLast4: RESPONDENT.idNumber.slice(-4) }, '192.0.2.200')).toBe(410);
    expect(await room.h.hub.database.db.selectFrom('room_invitations').select('used_at').where('failures', '=', JOIN_TRIES_PER_CODE).executeTakeFirstOrThrow()).toEqual({ used_at: null });
  });
});
