import { randomUUID } from 'node:crypto';
import type { AgreementLookup, AgreementSignInput, AgreementSignReceipt, SignerQuery } from '../../../shared/agreements/kioskSigning.js';
import type { Db } from '../db.js';
import type { JobOutcome, JobRunner } from '../outbox/jobRunner.js';
import type { Outbox, OutboxJob } from '../outbox/outbox.js';
import type { Sealer } from '../sealing.js';
import type { AgreementHubClient } from './agreementHubClient.js';

// A party (the applicant, a respondent) signs their mediation agreement at the kiosk. Transaction boundary: the signature row
// (its personal part sealed) and its outbox job (kind 'signature') are written in ONE commit, and
// the resident is told "signed" only after that commit returns. Sync then sends it; the hub records
// it at most once per signer and draft, so a resend after a lost answer is harmless. When the
// court has it, the row is marked delivered, its sealed payload dropped and the job completed, in
// one commit. A refusal (the agreement changed meanwhile) parks it as "needs attention".

/** Who signs (the filing's phone, or a party's name and last 4 of ID) and what: sealed until delivered. */
type Sealed = SignerQuery & { documentId: string; imagePngBase64: string };

interface Row {
  signature_id: string;
  sealed_payload: Buffer | null;
  status: 'queued' | 'delivered' | 'needs_attention';
}

export type SignatureState = Row['status'];

export class AgreementSignatures {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly sealer: Sealer,
    private readonly client: AgreementHubClient,
    private readonly credential: () => string | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** The agreement waiting for this resident's signature, read from the court (it is never kept here). */
  async read(query: SignerQuery): Promise<AgreementLookup> {
    const credential = this.credential();
    if (!credential) return { kind: 'unreachable' };
    const reading = await this.client.read(credential, query);
    if (reading.kind !== 'answer') return reading;
    return reading.answer.found ? { kind: 'agreement', agreement: reading.answer.agreement } : { kind: 'none' };
  }

  /** Commits the signature and its job; the receipt exists only after the commit. */
  queue(input: AgreementSignInput): AgreementSignReceipt {
    const signatureId = randomUUID();
    const queuedAt = new Date(this.now()).toISOString();
    const { pngDataUrl, ...signer } = input;
    const sealed: Sealed = { ...signer, imagePngBase64: pngDataUrl.slice(pngDataUrl.indexOf(',') + 1) };
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO agreement_signatures (signature_id, document_id, sealed_payload, status, queued_at) VALUES (?, ?, ?, 'queued', ?)`)
        .run(signatureId, input.documentId, this.sealer.seal(sealed), queuedAt);
      this.outbox.enqueue('signature', signatureId, this.now());
    })();
    return { signatureId, queuedAt };
  }

  state(signatureId: string): SignatureState | null {
    return this.db.prepare<[string], Row>('SELECT signature_id, sealed_payload, status FROM agreement_signatures WHERE signature_id = ?').get(signatureId)?.status ?? null;
  }

  /** Sends one signature per job (each is its own resident's act). */
  runner(): JobRunner {
    const select = this.db.prepare<[string], Row>('SELECT signature_id, sealed_payload, status FROM agreement_signatures WHERE signature_id = ?');
    const delivered = this.db.prepare(`UPDATE agreement_signatures SET status = 'delivered', delivered_at = ?, sealed_payload = NULL, last_error = NULL WHERE signature_id = ?`);
    const attention = this.db.prepare(`UPDATE agreement_signatures SET status = 'needs_attention', last_error = ? WHERE signature_id = ?`);
    return {
      send: async (jobs: OutboxJob[], { credential }): Promise<JobOutcome> => {
        const job = jobs[0]!;
        const row = select.get(job.ref);
        if (!row?.sealed_payload) {
          this.outbox.complete(job.id); // already delivered, or its row is gone: nothing left to send
          return { kind: 'settled' };
        }
        const s = this.sealer.open<Sealed>(row.sealed_payload);
        const outcome = await this.client.sign(await credential(), { signatureId: row.signature_id, ...s });
        if (outcome.kind === 'delivered') {
          this.db.transaction(() => {
            delivered.run(new Date(this.now()).toISOString(), row.signature_id);
            this.outbox.complete(job.id);
          })();
        }
        return outcome;
      },
      parked: (jobs, reason) => {
        for (const job of jobs) attention.run(reason.slice(0, 200), job.ref);
      },
    };
  }
}
