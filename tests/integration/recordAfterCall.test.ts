import { afterEach, describe, expect, it } from 'vitest';
import { PERSON_ID, SIGNATURE_PNG } from '../e2e/support/applications.js';
import { RESPONDENT, callEnded, hearingClosedWithRecord, hearingRooms, nextFrameRef, type Cleanup, type Frame } from '../support/hearingRoom.js';
import { RECORD_UNLOCK_TRIES, RECORD_UNLOCK_WINDOW_MS } from '../../shared/rooms/hearingRecord.js';
import { sampleResident } from '../support/fixtures.js';
import { startHub, waitFor } from '../support/hubHarness.js';
import { enrollTerminal, kioskClient, type FrameClient } from '../support/signallingClients.js';

// A hearing's record reaches a party who was away after the call is over (issue 12 item 5): the
// judge closes the hearing while the kiosk's link is cut, the call ends, and when the kiosk comes
// back (to the same hub, or to a restarted one) it is sent the record still waiting for its party
// (room.record.pending); its answer lands in the same signing round once, and the signed record is
// stored with the case once, with its record.signed event. Another terminal is sent nothing and may
// not answer. A kiosk is public (issue 12 promise 4): the pending frame carries no text; the text is
// sent only after the party's name + ID ending match the party the round waits for (the applicant
// here, the kiosk's caller), tries are counted per terminal and per round, and an answer before
// that is refused. Runs on SQLite and PostgreSQL.

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const { hearingRoom, track } = hearingRooms(cleanup);

const TEXT = '审判员：现在开庭。\n申请人：请求归还借款。\n被申请人：同意分期归还。';
const PNG = SIGNATURE_PNG.split(',')[1]!;

/** The kiosk's caller is the case's applicant (tests/support/fixtures.ts sampleApplication). */
const APPLICANT = { name: sampleResident.name, idLast4: PERSON_ID.slice(-4) };
const WRONG = { name: sampleResident.name, idLast4: '9999' };

async function unlock(c: FrameClient, callId: string, who: { name: string; idLast4: string }): Promise<Frame> {
  const ref = nextFrameRef();
  c.send({ t: 'room.record.unlock', ref, callId, ...who });
  return c.next((f) => (f.t === 'room.record' || f.t === 'error') && f.ref === ref, 'answer to room.record.unlock', 30_000);
}

/** What the hub counted of unlock tries, by bucket. */
async function unlockTries(h: Awaited<ReturnType<typeof startHub>>) {
  const rows = await h.hub.database.db.selectFrom('wrong_guesses').select(['bucket', 'wrong']).where('bucket', 'like', 'record_unlock.%').execute();
  const tries: Record<string, number> = {};
  for (const r of rows) if (r.wrong > 0) tries[r.bucket] = (tries[r.bucket] ?? 0) + Number(r.wrong);
  return tries;
}

const textSeen = (c: FrameClient) => c.frames.filter((f) => JSON.stringify(f).includes('现在开庭'));

async function answer(c: FrameClient, frame: Record<string, unknown>): Promise<Frame> {
  const ref = nextFrameRef();
  c.send({ ...frame, ref });
  return c.next((f) => (f.t === 'room.done' || f.t === 'error') && f.ref === ref, `answer to ${String(frame.t)}`, 30_000);
}

/** A hearing whose record is saved and closed while the kiosk is away; the respondent answers in the room; then the judge ends the call. */
async function closedWithoutKiosk(respondent: 'sign' | 'refuse') {
  const room = await hearingRoom('judge');
  const { j, k, r, callId } = room;
  await hearingClosedWithRecord(j, callId, TEXT, () => k.close()); // the kiosk's link to the hub is cut
  await r.next((f) => f.t === 'room.record', 'the respondent is asked');
  const own = respondent === 'sign' ? { t: 'room.record.sign', callId, version: 1, imagePngBase64: PNG } : { t: 'room.record.refuse', callId, version: 1 };
  expect(await answer(r, own)).toMatchObject({ t: 'room.done' });
  await callEnded(j, callId);
  return room;
}

async function signedRecord(room: Awaited<ReturnType<typeof hearingRoom>>, h = room.h) {
  // The round first: once it reads stored, the transaction that stored it (documents, event) has committed.
  const round = await h.hub.database.db.selectFrom('record_signing_rounds').select('stored_at').where('call_id', '=', room.callId).executeTakeFirstOrThrow();
  const events = (await h.hub.cases.events(h.hub.database, room.caseId)).filter((e) => e.event.type === 'record.signed').map((e) => e.event);
  const signers = await h.hub.database.db.selectFrom('record_signers').select(['identity', 'answer']).where('call_id', '=', room.callId).orderBy('seat').execute();
  const documents = await h.hub.database.db.selectFrom('case_documents').select('kind').where('case_id', '=', room.caseId).execute();
  return {
    events,
    signers: signers.map((s) => `${s.identity.replace(/^join:respondent:.*/, 'respondent')}:${s.answer}`),
    stored: round.stored_at !== null,
    kinds: documents.map((d) => d.kind).sort(),
  };
}

/** The last answer is acknowledged before the record is drawn: the stored record, once it is. */
async function storedRecord(room: Awaited<ReturnType<typeof hearingRoom>>, h = room.h) {
  return waitFor(async () => {
    const signed = await signedRecord(room, h);
    return signed.stored ? signed : null;
  }, 'the signed record stored');
}

describe('a hearing record after the call', () => {
  it('is sent to the kiosk when it reconnects after the call ended, to that terminal only; its signature is stored once', async () => {
    const room = await closedWithoutKiosk('sign');
    const { h, callId, credential } = room;
    expect(await signedRecord(room)).toMatchObject({ events: [], stored: false, signers: ['KSK-HEAR-1:null', 'respondent:signed'] });

    // Another terminal connecting is sent nothing of it, and may not answer it (not its party's round).
    const other = track(await kioskClient(h.url, await enrollTerminal(h.url, 'KSK-OTHER-1')));
    await other.next((f) => f.t === 'hello', 'the other kiosk hello');
    expect(await answer(other, { t: 'room.record.sign', callId, version: 1, imagePngBase64: PNG })).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    expect(other.frames.filter((f) => f.t === 'room.record.pending' || f.t === 'room.record')).toEqual([]);

    // The kiosk's link returns: no call any more, and the record its party still has to sign.
    const k2 = track(await kioskClient(h.url, credential));
    expect(await k2.next((f) => f.t === 'hello', 'the kiosk back')).toMatchObject({ call: null });
    expect(await k2.next((f) => f.t === 'room.record.pending', 'the record to sign')).toEqual({ t: 'room.record.pending', callId, version: 1 });
    // Before the party shows who they are: no text, and no answer taken.
    expect(await answer(k2, { t: 'room.record.sign', callId, version: 1, imagePngBase64: PNG })).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    expect(await unlock(k2, callId, WRONG)).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    // The other terminal cannot unlock it either, even with the right identity (not its round).
    expect(await unlock(other, callId, APPLICANT)).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    expect(await unlock(k2, callId, { name: RESPONDENT.name, idLast4: RESPONDENT.idNumber.slice(-4) })).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    expect(textSeen(k2)).toEqual([]);
    expect(textSeen(other)).toEqual([]);
    expect(await unlockTries(h)).toEqual({ 'record_unlock.terminal': 2, 'record_unlock.round': 2 });
    const denied = await h.hub.database.db.selectFrom('audit_log').select(['outcome']).where('action', '=', 'record.unlock').where('actor_id', '=', 'KSK-HEAR-1').execute();
    expect(denied.map((a) => a.outcome)).toEqual(['denied', 'denied']);
    // The party's own name (spaced, as typed) and ID ending: the text to read and sign.
    expect(await unlock(k2, callId, { name: ` ${[...sampleResident.name].join(' ')} `, idLast4: APPLICANT.idLast4 })).toMatchObject({ t: 'room.record', callId, version: 1, text: TEXT });
    // Right answers use up no try (the round's other parties are not locked out by this one reading it again and again).
    for (let i = 0; i < RECORD_UNLOCK_TRIES; i++) expect(await unlock(k2, callId, APPLICANT)).toMatchObject({ t: 'room.record', text: TEXT });
    expect(await unlockTries(h)).toEqual({ 'record_unlock.terminal': 2, 'record_unlock.round': 2 });
    expect(await answer(k2, { t: 'room.record.sign', callId, version: 1, imagePngBase64: PNG })).toMatchObject({ t: 'room.done' });
    // The same answer again (an agent resending after a reconnect) changes nothing.
    expect(await answer(k2, { t: 'room.record.sign', callId, version: 1, imagePngBase64: PNG })).toMatchObject({ t: 'room.done' });
    const signed = await storedRecord(room);
    expect(signed).toMatchObject({ stored: true, signers: ['KSK-HEAR-1:signed', 'respondent:signed'], kinds: ['record', 'signature', 'signature'] });
    expect(signed.events).toHaveLength(1);
    expect(signed.events[0]!.payload).toMatchObject({ roomId: callId, document: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });

    // Answered: a later connection is not asked again.
    k2.close();
    const k3 = track(await kioskClient(h.url, credential));
    await k3.next((f) => f.t === 'hello', 'the kiosk back again');
    // A different answer later (a second screen) changes nothing either.
    expect(await answer(k3, { t: 'room.record.refuse', callId, version: 1 })).toMatchObject({ t: 'room.done' });
    expect(k3.frames.filter((f) => f.t === 'room.record.pending')).toEqual([]);
    expect(await signedRecord(room)).toMatchObject({ signers: ['KSK-HEAR-1:signed', 'respondent:signed'], events: [expect.anything()] });
  });

  it('is sent to the kiosk after a hub restart; a refusal is recorded and the record stored once', async () => {
    const room = await closedWithoutKiosk('sign');
    const { h, callId, credential } = room;
    await h.close();
    const again = await startHub({ dataDir: h.dataDir });
    cleanup.push(() => again.close());
    const k2 = track(await kioskClient(again.url, credential));
    expect(await k2.next((f) => f.t === 'hello', 'the kiosk on the restarted hub')).toMatchObject({ call: null });
    expect(await k2.next((f) => f.t === 'room.record.pending', 'the record to sign')).toEqual({ t: 'room.record.pending', callId, version: 1 });
    // The restarted hub remembers no unlock: the party shows who they are to it (wrong tries counted, up to the limit).
    for (let i = 0; i < RECORD_UNLOCK_TRIES - 1; i++) expect(await unlock(k2, callId, WRONG)).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    expect(await answer(k2, { t: 'room.record.refuse', callId, version: 1 })).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    expect(textSeen(k2)).toEqual([]);
    expect(await unlock(k2, callId, APPLICANT)).toMatchObject({ t: 'room.record', text: TEXT });
    expect(await answer(k2, { t: 'room.record.refuse', callId, version: 1 })).toMatchObject({ t: 'room.done' });
    const signed = await storedRecord(room, again);
    expect(signed).toMatchObject({ stored: true, signers: ['KSK-HEAR-1:refused', 'respondent:signed'], kinds: ['record', 'signature'] });
    expect(signed.events).toHaveLength(1);
  });

  it('is stored at the next start when the hub stopped after the last answer was kept, before the record was drawn', async () => {
    const room = await closedWithoutKiosk('sign');
    const { h, callId } = room;
    // The state a hub leaves when it stops between keeping the last answer and storing the record:
    // every party answered, nothing stored (the kiosk's refusal written as the store writes it).
    await h.hub.database.db.updateTable('record_signers').set({ answer: 'refused', answered_at: new Date().toISOString() }).where('call_id', '=', callId).where('answer', 'is', null).execute();
    expect(await signedRecord(room)).toMatchObject({ stored: false, events: [] });
    await h.close();
    const again = await startHub({ dataDir: h.dataDir });
    cleanup.push(() => again.close());
    const signed = await storedRecord(room, again);
    expect(signed).toMatchObject({ stored: true, signers: ['KSK-HEAR-1:refused', 'respondent:signed'], kinds: ['record', 'signature'] });
    expect(signed.events).toHaveLength(1);
  });

  it('is sent to a kiosk present at the close when the call ends before it answered', async () => {
    const room = await hearingRoom('judge');
    const { j, k, r, callId } = room;
    await hearingClosedWithRecord(j, callId, TEXT);
    await k.next((f) => f.t === 'room.record', 'the kiosk is asked in the room');
    expect(await answer(r, { t: 'room.record.refuse', callId, version: 1 })).toMatchObject({ t: 'room.done' });
    const endRef = nextFrameRef();
    j.send({ t: 'call.end', ref: endRef, callId, outcome: 'scheduled', notes: '' });
    await k.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ended', 'the call ended at the kiosk');
    expect(await k.next((f) => f.t === 'room.record.pending', 'still to sign after the call')).toEqual({ t: 'room.record.pending', callId, version: 1 });
    // Too many wrong tries lock the round at this kiosk: even the right identity is refused, and no answer is taken.
    for (let i = 0; i < RECORD_UNLOCK_TRIES; i++) expect(await unlock(k, callId, WRONG)).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    const locked = await unlock(k, callId, APPLICANT);
    expect(locked).toMatchObject({ t: 'error', code: 'RATE_LIMITED' });
    // and told how long for (the kiosk says "N minutes"): the window that began with the first wrong try, nearly whole
    expect(locked.retryAfterS).toBeGreaterThan(RECORD_UNLOCK_WINDOW_MS / 1000 - 300);
    expect(locked.retryAfterS).toBeLessThanOrEqual(RECORD_UNLOCK_WINDOW_MS / 1000);
    expect(await answer(k, { t: 'room.record.sign', callId, version: 1, imagePngBase64: PNG })).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    expect(await unlockTries(room.h)).toEqual({ 'record_unlock.terminal': RECORD_UNLOCK_TRIES, 'record_unlock.round': RECORD_UNLOCK_TRIES });
  });
});
