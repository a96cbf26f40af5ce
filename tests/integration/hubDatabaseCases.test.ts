import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtDateOf } from '../../shared/cases/deadlines.js';
import { defaultCourt } from '../../shared/cases/caseNumber.js';
import { caseActions, type Acting } from '../../server/cases/caseActions.js';
import { caseStore, CaseRefusal } from '../../server/cases/caseStore.js';
import { partyStore } from '../../server/cases/partyStore.js';
import { chainValid } from '../../server/cases/eventChain.js';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { folderDocuments } from '../../server/documents/documentStore.js';
import { openVault } from '../../server/personalData/vault.js';
import { seedCourtStructure } from '../../server/sites/courtDefaults.js';
import { siteStore } from '../../server/sites/siteStore.js';
import { accountStore } from '../../server/staff/accountStore.js';
import { foldCase } from '../../shared/cases/caseFile.js';
import { sampleApplication } from '../support/fixtures.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';

// The case store on the engine of this run (SQLite, and PostgreSQL in the integration-pg project,
// where appends really run side by side and the case row lock and the serial upsert matter):
// concurrent staff on one case — one wins, the others are told the case moved on; case numbers
// allocated concurrently for many rounds — yearly serials with no repeats and no gaps; and after
// it all, every stored fold equals a rebuild from its log and every hash chain verifies.

let db: HubDb;
let dir: string;
const now = () => new Date();
const store = caseStore({ now, courtCode: defaultCourt.code });
let actions: ReturnType<typeof caseActions>;
const clerk: Acting = { actor: { kind: 'staff', username: 'clerk', role: 'filing_clerk' }, scope: { role: 'filing_clerk' }, siteId: null };
const assistant: Acting = { actor: { kind: 'staff', username: 'assistant', role: 'judge_assistant' }, scope: { role: 'judge_assistant' }, siteId: null };

beforeAll(async () => {
  dir = tempDir('hub-cases-');
  db = await openHubDatabase(await testDatabase(dir));
  const vault = openVault(Buffer.alloc(32, 7));
  const sites = siteStore();
  await seedCourtStructure(db, sites, now().toISOString());
  actions = caseActions({ store, parties: partyStore(vault), documents: folderDocuments(path.join(dir, 'documents'), vault, now), sites, accounts: accountStore(), call: () => null, now });
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const enter = async () => (await actions.receive(db, { channel: 'court', application: sampleApplication(), who: clerk, siteId: 'qlh-court-hall' })).case;
const divert = (caseId: string, who: Acting, expectedSeq = 1) =>
  actions.act(db, caseId, { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', consent: { method: 'application' } }, expectedSeq }, who);

describe(`case store (${testEngine()})`, () => {
  it('lets one of several staff acting on a case at once win; the others are told it moved on', async () => {
    for (let round = 0; round < 8; round++) {
      const c = await enter();
      const outcomes = await Promise.allSettled([divert(c.caseId, clerk), divert(c.caseId, assistant), divert(c.caseId, clerk)]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const o of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
        expect(o.reason).toBeInstanceOf(CaseRefusal);
        expect((o.reason as CaseRefusal).refusal.code).toBe('STALE_CASE');
        expect((o.reason as CaseRefusal).current).toMatchObject({ seq: 2, state: 'in_mediation' });
      }
    }
  });

  it('allocates case numbers concurrently, round after round, as yearly serials without repeats or gaps', async () => {
    for (let round = 0; round < 6; round++) {
      const cases = await Promise.all(Array.from({ length: 6 }, () => enter()));
      await Promise.all(cases.map((c, i) => divert(c.caseId, i % 2 ? clerk : assistant)));
    }
    const rows = await db.db.selectFrom('cases').select('case_number').where('case_number', 'is not', null).execute();
    const serials = rows.map((r) => Number(/民诉前调(\d+)号/.exec(r.case_number!)![1])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
    expect(serials.length).toBe(8 + 36);
    const year = Number(courtDateOf(now()).slice(0, 4));
    expect(rows.every((r) => r.case_number!.startsWith(`（${year}）甘0103`))).toBe(true);
  });

  it('keeps every stored fold equal to a rebuild from its log, and every hash chain whole', async () => {
    const ids = await store.caseIds(db);
    expect(ids.length).toBeGreaterThan(40);
    for (const caseId of ids) {
      const events = await store.events(db, caseId);
      expect(chainValid(events)).toBe(true);
      expect(foldCase(events.map((e) => e.event))).toEqual(await store.load(db, caseId));
    }
  });
});
