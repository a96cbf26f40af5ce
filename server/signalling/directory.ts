import { disputeLabel } from '../../shared/disputeLabels.js';
import type { IntakeSummary, TerminalSummary } from '../../shared/signalling.js';
import type { IntakeStore } from '../intake/store.js';
import { intakeSummary } from '../intake/summary.js';
import type { TerminalStore } from '../terminals/store.js';

// What the call desk needs from the hub's other records, read through their stores: where a kiosk
// stands, and what its resident filed.

export interface Directory {
  terminal(terminalId: string): Promise<TerminalSummary>;
  /**
   * The intake `submissionId` as filed from `terminalId` (a kiosk cannot point at another kiosk's
   * intake); `terminalId` null: from any terminal, the hub having checked a case ticket for it.
   */
  intake(submissionId: string, terminalId: string | null): Promise<IntakeSummary | null>;
}

export function deskDirectory(terminals: TerminalStore, intakes: IntakeStore): Directory {
  return {
    terminal: (terminalId) => terminals.summary(terminalId),
    async intake(submissionId, terminalId) {
      const intake = await intakes.get(submissionId);
      if (!intake || (terminalId !== null && intake.terminalId !== terminalId)) return null;
      const summary = intakeSummary(intake);
      return {
        submissionId: intake.submissionId,
        caseNumber: intake.caseNumber,
        provisionalNumber: intake.provisionalNumber,
        receivedAt: intake.receivedAt,
        ...summary,
        disputeLabel: disputeLabel(summary.disputeType),
      };
    },
  };
}
