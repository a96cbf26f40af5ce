import type { Database } from 'better-sqlite3';
import type { IntakeSummary, TerminalSummary } from '../../shared/signalling.js';
import { maskMobile } from '../consolePage.js';
import { disputeLabel } from '../disputeLabels.js';

// Read-only look-ups the call desk needs from the hub's other records: where a kiosk stands and
// what its resident filed. Form fields are read loosely so a richer intake form (which another
// part of the hub owns) only adds to what a mediator sees, never breaks it.

export type Directory = ReturnType<typeof openDirectory>;

interface IntakeLookupRow {
  submissionId: string;
  caseNumber: string;
  provisionalNumber: string;
  receivedAt: string;
  formJson: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function openDirectory(db: Database) {
  const s = {
    terminal: db.prepare(`SELECT terminal_id AS terminalId, name, location FROM terminals WHERE terminal_id = ?`),
    intake: db.prepare(`SELECT submission_id AS submissionId, case_number AS caseNumber, provisional_number AS provisionalNumber,
      received_at AS receivedAt, form_json AS formJson FROM intakes WHERE submission_id = ? AND terminal_id = ?`),
  };
  return {
    terminal(terminalId: string): TerminalSummary {
      return (s.terminal.get(terminalId) as TerminalSummary | undefined) ?? { terminalId, name: terminalId, location: '' };
    },
    /** The intake `submissionId` as filed from `terminalId` (a kiosk cannot point at another kiosk's intake). */
    intake(submissionId: string, terminalId: string): IntakeSummary | null {
      const row = s.intake.get(submissionId, terminalId) as IntakeLookupRow | undefined;
      if (!row) return null;
      let form: Record<string, unknown> = {};
      try {
        form = JSON.parse(row.formJson) as Record<string, unknown>;
      } catch {
        form = {};
      }
      const disputeType = text(form.disputeType);
      return {
        submissionId: row.submissionId,
        caseNumber: row.caseNumber,
        provisionalNumber: row.provisionalNumber,
        receivedAt: row.receivedAt,
        disputeType,
        disputeLabel: disputeLabel(disputeType),
        applicantName: text(form.applicantName),
        mobileMasked: maskMobile(text(form.mobile)),
        description: text(form.description),
      };
    },
  };
}
