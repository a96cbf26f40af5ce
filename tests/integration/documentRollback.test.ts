import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../server/db/engine.js';
import { folderDocuments } from '../../server/documents/documentStore.js';
import { loadDataKey } from '../../server/personalData/dataKey.js';
import { openVault } from '../../server/personalData/vault.js';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { receiveDispute } from '../support/dashboardViewers.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// A document stored inside a transaction that rolls back leaves no file behind (server/db/engine.ts
// TransactionAttempt): its row is gone with the transaction, and so is its sealed file. A COMMIT
// that goes through keeps both. (The retry of a deadlock victim, which rolls back one attempt and
// runs the next, is proved in documentRetry.postgres.test.ts.)

let h: RunningHub;
let documents: ReturnType<typeof folderDocuments>;
const files = () => (existsSync(h.hub.files.documents) ? readdirSync(h.hub.files.documents) : []).filter((f) => !f.startsWith('.'));

beforeAll(async () => {
  h = await startHub({ backup: false });
  documents = folderDocuments(h.hub.files.documents, openVault(loadDataKey({ dataDir: h.dataDir })), () => new Date());
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('a document stored in a transaction', () => {
  it('is removed with the transaction that rolls back, and kept with one that commits', async () => {
    const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
    const doc = { caseId, kind: 'ruling' as const, mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.7 rolled back'), createdBy: 'judge' };
    const before = files().length;

    const refusal = new Error('the action was refused after the document was written');
    await expect(
      inTransaction(h.hub.database, async (trx) => {
        await documents.store(trx, doc);
        expect(files()).toHaveLength(before + 1); // written, inside the transaction
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(files()).toHaveLength(before);
    expect(await documents.list(h.hub.database, caseId)).toEqual([]);

    const kept = await inTransaction(h.hub.database, (trx) => documents.store(trx, { ...doc, bytes: Buffer.from('%PDF-1.7 kept') }));
    expect(files()).toHaveLength(before + 1);
    expect((await documents.read(h.hub.database, caseId, kept.documentId))?.bytes.toString()).toBe('%PDF-1.7 kept');
  });
});
