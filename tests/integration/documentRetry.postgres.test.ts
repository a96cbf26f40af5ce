import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../server/db/engine.js';
import { folderDocuments } from '../../server/documents/documentStore.js';
import { loadDataKey } from '../../server/personalData/dataKey.js';
import { openVault } from '../../server/personalData/vault.js';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { caseRowDeadlock, type CaseRowDeadlock } from '../support/caseRowDeadlock.js';
import { receiveDispute } from '../support/dashboardViewers.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// A transaction that stored a document and was then chosen as a deadlock victim is run again whole
// (server/db/engine.ts inTransaction → retryConflicts); the first attempt's sealed file is removed
// as it rolls back, so the retry leaves exactly one file for the one document recorded. The
// deadlock (tests/support/caseRowDeadlock.ts): another session holds `case_documents`; the
// transaction locks the case row (as a case action does), the store writes its file and waits to
// insert its row; then that session asks for the case row. The retry waits until that session has
// committed (other.released): begun at once, it could lock the case row before that session, woken
// by the first attempt's rollback, does — a second deadlock, not the one engineered.

let h: RunningHub;
let other: CaseRowDeadlock;

beforeAll(async () => {
  h = await startHub({ backup: false });
  other = await caseRowDeadlock(h);
}, 120_000);

afterAll(async () => {
  await other?.end();
  await h?.close();
});

describe('a document stored by a transaction run again after a deadlock', () => {
  it('leaves one file for its one row', async () => {
    const documents = folderDocuments(h.hub.files.documents, openVault(loadDataKey({ dataDir: h.dataDir })), () => new Date());
    const files = () => (existsSync(h.hub.files.documents) ? readdirSync(h.hub.files.documents) : []).filter((f) => !f.startsWith('.'));
    const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
    expect(files()).toEqual([]);

    await other.hold('case_documents');
    let attempts = 0;
    const stored = inTransaction(h.hub.database, async (trx) => {
      attempts += 1;
      if (attempts > 1) await other.released;
      await trx.db.selectFrom('cases').select('case_id').where('case_id', '=', caseId).forUpdate().execute();
      return documents.store(trx, { caseId, kind: 'ruling', mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.7 ruling'), createdBy: 'judge' });
    });
    await other.deadlock(caseId, 'the store to wait for case_documents, its file written');

    const document = await stored;
    expect(attempts).toBe(2);
    expect(files()).toEqual([document.documentId]);
    expect((await documents.list(h.hub.database, caseId)).map((d) => d.documentId)).toEqual([document.documentId]);
    expect((await documents.read(h.hub.database, caseId, document.documentId))?.bytes.toString()).toBe('%PDF-1.7 ruling');
  });
});
