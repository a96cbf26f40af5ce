import { AgreementTerms } from '../../shared/agreements/mediationAgreement.js';
import type { DbScope } from '../db/engine.js';
import type { Vault } from '../personalData/vault.js';

// The agreements feature's own rows: the terms of each draft (sealed), and which stored signature
// image belongs to which signer of a draft (the signature's sha256 in `document_signatures` is the
// sha256 of a `signature` document of the same case). Bytes stay with server/documents.

export function agreementStore(vault: Vault) {
  return {
    async recordTerms(scope: DbScope, r: { documentId: string; caseId: string; terms: AgreementTerms; at: string }): Promise<void> {
      await scope.db
        .insertInto('agreement_terms')
        .values({ document_id: r.documentId, case_id: r.caseId, terms_sealed: vault.seal('document', JSON.stringify(r.terms)), created_at: r.at })
        .execute();
    },

    /** The terms of a draft of this case, or null. */
    async terms(scope: DbScope, caseId: string, documentId: string): Promise<AgreementTerms | null> {
      const row = await scope.db.selectFrom('agreement_terms').select('terms_sealed').where('document_id', '=', documentId).where('case_id', '=', caseId).executeTakeFirst();
      return row ? AgreementTerms.parse(JSON.parse(vault.open('document', row.terms_sealed))) : null;
    },

    /** The signature image document of each signer of a draft, as `role:index` → documentId. */
    async signatureImages(scope: DbScope, caseId: string, draftId: string): Promise<Map<string, string>> {
      const rows = await scope.db
        .selectFrom('document_signatures as s')
        .innerJoin('case_documents as d', (j) => j.onRef('d.sha256', '=', 's.signature_sha256'))
        .select(['s.signer_role', 's.signer_index', 'd.document_id'])
        .where('s.document_id', '=', draftId)
        .where('d.case_id', '=', caseId)
        .where('d.kind', '=', 'signature')
        .execute();
      return new Map(rows.map((r) => [`${r.signer_role}:${r.signer_index}`, r.document_id]));
    },
  };
}
export type AgreementStore = ReturnType<typeof agreementStore>;
