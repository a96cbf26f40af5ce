import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_PNG } from '../e2e/support/applications.js';
import { RESPONDENT, hearingClosedWithoutPhone, hearingRooms, type Cleanup } from '../support/hearingRoom.js';
import { RECORD_UNLOCK_TRIES } from '../../shared/rooms/hearingRecord.js';
import { RECORD_LINK_TTL_MS, recordLinkPaths } from '../../shared/rooms/recordByLink.js';
import { casePagePath } from '../../server/console/paths.js';
import { startHub, waitFor } from '../support/hubHarness.js';
import { courtDay } from '../../shared/courtTime.js';

// A party who joined a hearing from a phone (the join page) and was away when the judge closed it
// signs the record after the call (issue 12 item 3/5): the same invite link offers the round still
// waiting for that party, its text only after the party's name + ID ending (wrong answers counted
// per link and per round, right ones never), and the answer lands once in the same round, which
// then stores the signed record with its one record.signed event — on the same hub or a restarted
// one. A link whose round is answered, stored or older than RECORD_LINK_TTL_MS offers nothing.
// Runs on SQLite and PostgreSQL.

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const { hearingRoom } = hearingRooms(cleanup);

const TEXT = '审判员：现在开庭。\n申请人：请求归还借款。\n被申请人：同意分期归还。';
const PNG = SIGNATURE_PNG.split(',')[1]!;
const PARTY = { name: RESPONDENT.name, idLast4: RESPONDENT.idNumber.slice(-4) };
const WRONG = { name: RESPONDENT.name, idLast4: '9999' };

async function post(url: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(url).origin }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A hearing closed while the phone's link is cut; the kiosk's party signs in the room; the call ends. */
async function closedWithoutPhone() {
  const room = await hearingRoom('judge');
  await hearingClosedWithoutPhone(room, TEXT, PNG);
  return room;
}

async function outcome(room: Awaited<ReturnType<typeof hearingRoom>>, h = room.h) {
  const events = (await h.hub.cases.events(h.hub.database, room.caseId)).filter((e) => e.event.type === 'record.signed');
  const signers = await h.hub.database.db.selectFrom('record_signers').select(['identity', 'answer']).where('call_id', '=', room.callId).orderBy('seat').execute();
  const documents = await h.hub.database.db.selectFrom('case_documents').select('kind').where('case_id', '=', room.caseId).execute();
  const tries = await h.hub.database.db.selectFrom('wrong_guesses').select(['bucket', 'wrong']).where('bucket', 'like', 'record_unlock.%').execute();
  const counted: Record<string, number> = {};
  for (const t of tries) if (t.wrong > 0) counted[t.bucket] = (counted[t.bucket] ?? 0) + Number(t.wrong);
  return { events: events.length, signers: signers.map((s) => `${s.identity}:${s.answer}`), kinds: documents.map((d) => d.kind).sort(), counted };
}

describe('a hearing record signed through the join link after the call', () => {
  it('offers the waiting round to the link only, opens its text to the party only, and stores the signature once', async () => {
    const room = await closedWithoutPhone();
    const { h, callId, respondentInvite: invite } = room;
    expect(await outcome(room)).toMatchObject({ events: 0, signers: ['KSK-HEAR-1:signed', 'join:respondent:0:null'] });

    // The link offers the round (no text); a link never issued offers nothing.
    expect(await post(h.url, recordLinkPaths.waiting, { invite })).toEqual({ status: 200, body: { records: [{ callId, version: 1 }] } });
    expect(await post(h.url, recordLinkPaths.waiting, { invite: 'AAAAAAAAAAAAAAAA' })).toEqual({ status: 200, body: { records: [] } });
    expect(await post(h.url, recordLinkPaths.waiting, { invite: 'no spaces allowed' })).toMatchObject({ status: 400 });

    // A wrong identity: refused, counted for the link and the round, audited without what was typed; no answer taken with it.
    expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, ...WRONG })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const refused = await post(h.url, recordLinkPaths.answer, { invite, ...WRONG, answer: { callId, version: 1, answer: 'sign', imagePngBase64: PNG } });
    expect(refused).toMatchObject({ status: 403 });
    expect(JSON.stringify(refused.body)).not.toContain('现在开庭');
    // The kiosk party's identity does not open the respondent's link either.
    expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, name: '张三', idLast4: '0000' })).toMatchObject({ status: 403 });
    expect((await outcome(room)).counted).toEqual({ 'record_unlock.link': 3, 'record_unlock.round': 3 });
    const audit = await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'record.unlock').execute();
    expect(audit.map((a) => a.outcome)).toEqual(['denied', 'denied', 'denied']);
    expect(JSON.stringify(audit)).not.toContain('9999');

    // The party's own name and ID ending: the text, as often as they like (right answers count nothing).
    for (let i = 0; i < RECORD_UNLOCK_TRIES; i++) {
      expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, ...PARTY })).toEqual({ status: 200, body: { record: { callId, version: 1, text: TEXT } } });
    }
    expect((await outcome(room)).counted).toEqual({ 'record_unlock.link': 3, 'record_unlock.round': 3 });
    // A version not the one to sign, or a signature that is no PNG: a clear refusal, nothing written.
    expect(await post(h.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 2, answer: 'refuse' } })).toMatchObject({ status: 409 });
    expect(await post(h.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 1, answer: 'sign', imagePngBase64: 'AAAAAAAAAAAAAAAA' } })).toMatchObject({ status: 400 });
    expect(await outcome(room)).toMatchObject({ events: 0, signers: ['KSK-HEAR-1:signed', 'join:respondent:0:null'] });

    expect(await post(h.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 1, answer: 'sign', imagePngBase64: PNG } })).toEqual({ status: 200, body: { stored: false } });
    // Acknowledged once kept; the signed record is drawn and stored just after.
    const signed = await waitFor(async () => {
      const now = await outcome(room);
      return now.events === 1 ? now : null;
    }, 'the signed record stored');
    expect(signed).toMatchObject({ events: 1, signers: ['KSK-HEAR-1:signed', 'join:respondent:0:signed'], kinds: ['record', 'signature', 'signature'] });
    const event = (await h.hub.cases.events(h.hub.database, room.caseId)).find((e) => e.event.type === 'record.signed')!.event;
    expect(event.payload).toMatchObject({ roomId: callId, document: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });

    // The case page names it by the room's mode: a hearing's record (庭审笔录), in both languages.
    const page = async (lang: string) => (await fetch(h.url + casePagePath(room.caseId), { headers: { cookie: `${room.deskCookie}; console_lang=${lang}` } })).text();
    expect(await page('zh-CN')).toContain('>庭审笔录 v1</a>');
    const en = await page('en');
    expect(en).toContain('>Hearing record v1</a>');
    expect(en).not.toContain('Mediation record');

    // Answered: the link offers nothing more, and a second answer (another phone) changes nothing.
    expect(await post(h.url, recordLinkPaths.waiting, { invite })).toEqual({ status: 200, body: { records: [] } });
    expect(await post(h.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 1, answer: 'refuse' } })).toMatchObject({ status: 404 });
    expect(await outcome(room)).toMatchObject({ events: 1, signers: ['KSK-HEAR-1:signed', 'join:respondent:0:signed'] });
  });

  it('works after a hub restart (a refusal recorded, the record stored once), and a link older than its limit offers nothing', async () => {
    const room = await closedWithoutPhone();
    const { h, callId, respondentInvite: invite } = room;
    await h.close();
    const again = await startHub({ dataDir: h.dataDir });
    cleanup.push(() => again.close());
    expect(await post(again.url, recordLinkPaths.waiting, { invite })).toEqual({ status: 200, body: { records: [{ callId, version: 1 }] } });

    // Past the limit after the close: nothing offered, nothing opened.
    const opened = await again.hub.database.db.selectFrom('record_signing_rounds').select('opened_at').where('call_id', '=', callId).executeTakeFirstOrThrow();
    const old = new Date(Date.now() - RECORD_LINK_TTL_MS - 60_000).toISOString();
    await again.hub.database.db.updateTable('record_signing_rounds').set({ opened_at: old }).where('call_id', '=', callId).execute();
    expect(await post(again.url, recordLinkPaths.waiting, { invite })).toEqual({ status: 200, body: { records: [] } });
    expect(await post(again.url, recordLinkPaths.unlock, { invite, callId, ...PARTY })).toMatchObject({ status: 404 });
    await again.hub.database.db.updateTable('record_signing_rounds').set({ opened_at: opened.opened_at }).where('call_id', '=', callId).execute();

    expect(await post(again.url, recordLinkPaths.unlock, { invite, callId, ...PARTY })).toMatchObject({ status: 200, body: { record: { text: TEXT } } });
    expect(await post(again.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 1, answer: 'refuse' } })).toEqual({ status: 200, body: { stored: false } });
    expect(
      await waitFor(async () => {
        const now = await outcome(room, again);
        return now.events === 1 ? now : null;
      }, 'the signed record stored'),
    ).toMatchObject({ events: 1, signers: ['KSK-HEAR-1:signed', 'join:respondent:0:refused'], kinds: ['record', 'signature'] });
  });

  it('stores a record signed after the case moved on (the mediation failed meanwhile): a late signature is never refused, so never lost', async () => {
    const room = await closedWithoutPhone();
    const { h, callId, respondentInvite: invite } = room;
    await h.hub.cases.append(h.hub.database, room.caseId, { type: 'mediation.failed', actor: { kind: 'system' }, payload: { cause: 'no_agreement' } }, { today: courtDay(Date.now()) });
    expect(await post(h.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 1, answer: 'refuse' } })).toEqual({ status: 200, body: { stored: false } });
    const stored = await waitFor(async () => {
      const now = await outcome(room);
      return now.events === 1 ? now : null;
    }, 'the signed record stored on the failed case');
    expect(stored).toMatchObject({ signers: ['KSK-HEAR-1:signed', 'join:respondent:0:refused'], kinds: ['record', 'signature'] });
  });

  it('locks the round after too many wrong answers through the link, even for the right one', async () => {
    const room = await closedWithoutPhone();
    const { h, callId, respondentInvite: invite } = room;
    for (let i = 0; i < RECORD_UNLOCK_TRIES; i++) expect(await post(h.url, recordLinkPaths.unlock, { invite, callId, ...WRONG })).toMatchObject({ status: 403 });
    const locked = await post(h.url, recordLinkPaths.unlock, { invite, callId, ...PARTY });
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect(await post(h.url, recordLinkPaths.answer, { invite, ...PARTY, answer: { callId, version: 1, answer: 'refuse' } })).toMatchObject({ status: 429 });
    expect(await outcome(room)).toMatchObject({ events: 0, signers: ['KSK-HEAR-1:signed', 'join:respondent:0:null'] });
  });

  it('counts guesses sent all at once one by one: a link fired 30 times together gets five guesses, not thirty', async () => {
    const room = await closedWithoutPhone();
    const { h, callId, respondentInvite: invite } = room;
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(h.url, recordLinkPaths.unlock, { invite, callId, ...WRONG })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 403)).toHaveLength(RECORD_UNLOCK_TRIES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - RECORD_UNLOCK_TRIES);
    expect((await outcome(room)).counted).toEqual({ 'record_unlock.link': RECORD_UNLOCK_TRIES, 'record_unlock.round': RECORD_UNLOCK_TRIES });
  });
});
