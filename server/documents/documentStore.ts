import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocumentRef } from '../../shared/cases/caseEvents.js';
import type { DocumentView } from '../../shared/courtApi/cases.js';
import type { DbScope } from '../db/engine.js';
import type { Vault } from '../personalData/vault.js';

// A case's documents: agreement drafts and signed agreements, rulings, hearing records,
// recordings. This is the `documents` interface the case actions take references from; it keeps
// the bytes it is given (generating an agreement from a template is the documents feature's own
// later work, on top of this) and their sha256, which the event recording the document repeats.
// Bytes live in a folder, sealed with the hub's data key (they are full of personal data); a row
// in `case_documents` says what each is. Handwritten signatures on a version are rows of their own.

export interface NewDocument {
  caseId: string;
  kind: DocumentView['kind'];
  mimeType: string;
  bytes: Buffer;
  createdBy: string;
}

export interface StoredDocument extends Omit<DocumentView, 'signatures'> {
  ref: DocumentRef;
}

export interface Documents {
  /** Keeps the bytes and records the document (version: the next of its kind on the case). */
  store(scope: DbScope, doc: NewDocument): Promise<StoredDocument>;
  /** A document of the case, or null (also when it belongs to another case). */
  find(scope: DbScope, caseId: string, documentId: string): Promise<StoredDocument | null>;
  list(scope: DbScope, caseId: string): Promise<DocumentView[]>;
  /** The bytes, checked against the recorded sha256. */
  read(scope: DbScope, caseId: string, documentId: string): Promise<{ document: StoredDocument; bytes: Buffer } | null>;
  recordSignature(scope: DbScope, s: { documentId: string; signerRole: string; signerIndex: number; method: string; signatureSha256: string; signedAt: string }): Promise<void>;
}

type Row = { document_id: string; case_id: string; kind: string; version: number; sha256: string; size: number; mime_type: string; created_by: string; created_at: string };

const toStored = (r: Row): StoredDocument => ({
  documentId: r.document_id,
  caseId: r.case_id,
  kind: r.kind as DocumentView['kind'],
  version: r.version,
  sha256: r.sha256,
  size: r.size,
  mimeType: r.mime_type,
  createdBy: r.created_by,
  createdAt: r.created_at,
  ref: { documentId: r.document_id, sha256: r.sha256, size: r.size },
});

const columns = ['document_id', 'case_id', 'kind', 'version', 'sha256', 'size', 'mime_type', 'created_by', 'created_at'] as const;

/** Documents kept sealed in `directory` (created 0700; files 0600). */
export function folderDocuments(directory: string, vault: Vault, now: () => Date): Documents {
  const fileOf = (storageKey: string) => path.join(directory, storageKey);
  const find = async (scope: DbScope, caseId: string, documentId: string) => {
    const row = await scope.db.selectFrom('case_documents').select(columns).where('document_id', '=', documentId).where('case_id', '=', caseId).executeTakeFirst();
    return row ? toStored(row) : null;
  };
  return {
    async store(scope, doc) {
      const documentId = randomUUID();
      const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
      await fs.mkdir(directory, { recursive: true, mode: 0o700 });
      await fs.writeFile(fileOf(documentId), vault.sealBytes(doc.bytes), { mode: 0o600, flag: 'wx' });
      // Written before its row; should the transaction roll back (a deadlock victim is run again whole), the file goes too.
      scope.attempt?.onRollback(() => fs.rm(fileOf(documentId), { force: true }));
      const last = await scope.db
        .selectFrom('case_documents')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('case_id', '=', doc.caseId)
        .where('kind', '=', doc.kind)
        .executeTakeFirst();
      const row: Row = {
        document_id: documentId,
        case_id: doc.caseId,
        kind: doc.kind,
        version: (Number(last?.v) || 0) + 1,
        sha256,
        size: doc.bytes.length,
        mime_type: doc.mimeType,
        created_by: doc.createdBy,
        created_at: now().toISOString(),
      };
      await scope.db
        .insertInto('case_documents')
        .values({ ...row, storage_key: documentId })
        .execute();
      return toStored(row);
    },
    find,
    async list(scope, caseId) {
      const rows = await scope.db.selectFrom('case_documents').select(columns).where('case_id', '=', caseId).orderBy('created_at').orderBy('document_id').execute();
      if (rows.length === 0) return [];
      const signatures = await scope.db
        .selectFrom('document_signatures')
        .selectAll()
        .where(
          'document_id',
          'in',
          rows.map((r) => r.document_id),
        )
        .orderBy('signed_at')
        .execute();
      return rows.map((r) => {
        const { ref: _ref, ...view } = toStored(r);
        return {
          ...view,
          signatures: signatures
            .filter((s) => s.document_id === r.document_id)
            .map((s) => ({
              signerRole: s.signer_role as DocumentView['signatures'][number]['signerRole'],
              signerIndex: s.signer_index,
              method: s.method as DocumentView['signatures'][number]['method'],
              signatureSha256: s.signature_sha256,
              signedAt: s.signed_at,
            })),
        };
      });
    },
    async read(scope, caseId, documentId) {
      const document = await find(scope, caseId, documentId);
      if (!document) return null;
      const row = await scope.db.selectFrom('case_documents').select('storage_key').where('document_id', '=', documentId).executeTakeFirstOrThrow();
      const bytes = vault.openBytes(await fs.readFile(fileOf(row.storage_key)));
      if (createHash('sha256').update(bytes).digest('hex') !== document.sha256) throw new Error(`document ${documentId} does not match its sha256`);
      return { document, bytes };
    },
    async recordSignature(scope, s) {
      await scope.db
        .insertInto('document_signatures')
        .values({ document_id: s.documentId, signer_role: s.signerRole, signer_index: s.signerIndex, method: s.method, signature_sha256: s.signatureSha256, signed_at: s.signedAt })
        .execute();
    },
  };
}
