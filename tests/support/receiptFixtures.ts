import type { Language } from '../../shared/intake.js';
import { buildReceiptDocument, receiptFactsOf, type ReceiptDocument } from '../../shared/receipt.js';
import { fullSubmission } from './applicationFixtures.js';

/** A queued filing's receipt document, as the agent builds it, for a full submission. */
export function queuedReceiptDocument(provisionalNumber: string, language: Language, submittedAt = '2026-11-27T01:00:00.000Z'): ReceiptDocument {
  return buildReceiptDocument({
    receipt: { submissionId: '6f1c1f7e-1111-4111-8111-111111111111', provisionalNumber, submittedAt, status: 'queued', caseNumber: null },
    hubReachable: true,
    facts: receiptFactsOf(fullSubmission()),
    language,
    publicHubUrl: 'https://hub.court.example',
    terminalName: 'T1',
  });
}
