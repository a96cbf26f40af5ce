import type { Language } from '../../../shared/intake.js';
import type { ReceiptFacts } from '../../../shared/receipt.js';

// The masked facts of recent submissions, for their receipts. Kept in memory only, and only for
// as long as a receipt screen can ask for them: the store purges a submission's personal data as
// soon as the court has it (often within a second of the submit), and a durable copy of even the
// masked facts would outlive that promise. After a restart of the agent, a receipt is still
// printable from what the store has: from the sealed application while it waits to be sent, and
// without the applicant's details once it has been delivered.

export const RECEIPT_FACTS_TTL_MS = 30 * 60_000;
const MAX_ENTRIES = 32;

interface Entry {
  facts: ReceiptFacts;
  language: Language;
  at: number;
}

export class ReceiptFactsMemory {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(submissionId: string, language: Language, facts: ReceiptFacts): void {
    this.entries.delete(submissionId);
    this.entries.set(submissionId, { facts, language, at: this.now() });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  get(submissionId: string): { facts: ReceiptFacts; language: Language } | null {
    const entry = this.entries.get(submissionId);
    if (!entry) return null;
    if (this.now() - entry.at > RECEIPT_FACTS_TTL_MS) {
      this.entries.delete(submissionId);
      return null;
    }
    return entry;
  }
}
