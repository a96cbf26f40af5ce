import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { signingStore } from '../../server/hearing/signingStore.js';
import { openVault } from '../../server/personalData/vault.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';

// The signing rounds of hearing records (migration 0055) on the engine of this run (SQLite, and
// PostgreSQL in integration-pg, where two instances may answer at once): a round opens once per
// call, an answer is written once, signatures are sealed at rest, a party's pending rounds are
// found by identity, and the round is marked stored by exactly one of several racing transactions.

let db: HubDb;
let dir: string;
const store = signingStore(openVault(Buffer.alloc(32, 9)));
const at = () => new Date().toISOString();
const PNG = Buffer.from('89504e470d0a1a0a-a-signature', 'utf8');

beforeAll(async () => {
  dir = tempDir('hub-signing-');
  db = await openHubDatabase(await testDatabase(dir));
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const signers = [
  { identity: 'KSK-1', signer: 'applicant:0', label: '申请人' },
  { identity: 'join:respondent:0', signer: 'respondent:0', label: '被申请人' },
  { identity: 'join:agent:0', signer: 'agent:0', label: '代理人' },
];

describe('record signing rounds', () => {
  it('opens once per call, keeps the seats, writes each answer once and seals signatures', async () => {
    const callId = 'call-once';
    expect(await store.open(db, { callId, caseId: 'case-1', version: 3, at: at(), signers })).toBe(true);
    expect(await store.open(db, { callId, caseId: 'case-1', version: 4, at: at(), signers: signers.slice(0, 1) })).toBe(false);
    const round = await store.round(db, callId);
    expect(round).toMatchObject({ callId, caseId: 'case-1', version: 3, stored: false });
    expect(round!.signers.map((s) => [s.identity, s.answer])).toEqual(signers.map((s) => [s.identity, null]));
    expect(await store.round(db, 'no-such-call')).toBeNull();

    expect(await store.answer(db, { callId, identity: 'join:respondent:0', answer: 'signed', signaturePng: PNG, at: at() })).toBe(true);
    expect(await store.answer(db, { callId, identity: 'join:respondent:0', answer: 'refused', signaturePng: null, at: at() })).toBe(false);
    expect(await store.answer(db, { callId, identity: 'somebody-else', answer: 'refused', signaturePng: null, at: at() })).toBe(false);
    expect(await store.answer(db, { callId, identity: 'join:agent:0', answer: 'refused', signaturePng: null, at: at() })).toBe(true);
    expect((await store.round(db, callId))!.signers.map((s) => s.answer)).toEqual([null, 'signed', 'refused']);
    expect([...(await store.signatures(db, callId))]).toEqual([['join:respondent:0', PNG]]);
    const raw = await db.db.selectFrom('record_signers').select('signature_sealed').where('call_id', '=', callId).where('answer', '=', 'signed').executeTakeFirstOrThrow();
    expect(raw.signature_sealed).not.toContain(PNG.toString('base64'));
  });

  it("finds a kiosk's pending rounds across calls until it answered or the round was stored", async () => {
    await store.open(db, { callId: 'call-a', caseId: 'case-2', version: 1, at: at(), signers: [{ identity: 'KSK-9', signer: 'applicant:0', label: '申请人' }] });
    await store.open(db, { callId: 'call-b', caseId: 'case-3', version: 1, at: at(), signers: [{ identity: 'KSK-9', signer: 'applicant:0', label: '申请人' }] });
    await store.open(db, { callId: 'call-c', caseId: 'case-4', version: 1, at: at(), signers: [{ identity: 'KSK-9', signer: 'applicant:0', label: '申请人' }] });
    expect((await store.waitingFor(db, 'KSK-9')).sort()).toEqual(['call-a', 'call-b', 'call-c']);
    await store.answer(db, { callId: 'call-a', identity: 'KSK-9', answer: 'refused', signaturePng: null, at: at() });
    expect(await store.markStored(db, 'call-b', at())).toBe(true);
    expect(await store.waitingFor(db, 'KSK-9')).toEqual(['call-c']);
    expect(await store.waitingFor(db, 'KSK-none')).toEqual([]);
  });

  it('is marked stored by exactly one of several racing transactions', async () => {
    await store.open(db, { callId: 'call-race', caseId: 'case-5', version: 2, at: at(), signers: signers.slice(0, 2) });
    const tries = await Promise.all(Array.from({ length: 6 }, () => db.db.transaction().execute((trx) => store.markStored({ engine: db.engine, db: trx }, 'call-race', at()))));
    expect(tries.filter(Boolean)).toHaveLength(1);
    expect((await store.round(db, 'call-race'))!.stored).toBe(true);
  });
});
