import type { Database } from 'better-sqlite3';
import type { MediationApplication } from '../shared/application.js';
import { applicationPhoneKeys, phoneKey, provisionalKey, type CaseStage, type CaseStatusQuery, type IntakeStatusResponse } from '../shared/caseStatus.js';
import type { DisputeType } from '../shared/disputeTypes.js';
import type { IntakeForm } from '../shared/intake.js';
import { secretsEqual } from './credentials.js';

// Where an application stands, for the resident who holds its receipt: found only when the
// provisional number AND one of the application's phone numbers match. The answer to a wrong
// phone number is the answer to an unknown number, and both take the same work: every candidate
// phone is compared in constant time, against a stand-in when there is no such intake.

interface IntakeMatchRow {
  provisionalNumber: string;
  submissionId: string;
  caseNumber: string;
  disputeType: string;
  receivedAt: string;
  formJson: string;
  applicationJson: string | null;
}

interface CallRow {
  answeredAt: string | null;
  outcome: string | null;
  outcomeAt: string | null;
}

/** Never equal to a phone key (those are digits only). */
const STAND_IN = 'no-such-intake';

export type CaseStatusLookup = ReturnType<typeof openCaseStatusLookup>;

export function openCaseStatusLookup(db: Database) {
  const s = {
    byKey: db.prepare(`
      SELECT provisional_number AS provisionalNumber, submission_id AS submissionId, case_number AS caseNumber,
        dispute_type AS disputeType, received_at AS receivedAt, form_json AS formJson, application_json AS applicationJson
      FROM intakes WHERE replace(replace(upper(provisional_number), '-', ''), '_', '') = ?`),
    // The latest call a mediator answered about this application decides its stage.
    lastAnswered: db.prepare(`
      SELECT answered_at AS answeredAt, outcome, outcome_at AS outcomeAt FROM call_records
      WHERE submission_id = ? AND answered_at IS NOT NULL ORDER BY answered_at DESC, rowid DESC LIMIT 1`),
  };

  function stageOf(intake: IntakeMatchRow): { stage: CaseStage; stageAt: string } {
    const call = s.lastAnswered.get(intake.submissionId) as CallRow | undefined;
    if (!call?.answeredAt) return { stage: 'received', stageAt: intake.receivedAt };
    if (call.outcome === 'settled' || call.outcome === 'scheduled' || call.outcome === 'referred') {
      return { stage: call.outcome, stageAt: call.outcomeAt ?? call.answeredAt };
    }
    return { stage: 'with_mediator', stageAt: call.answeredAt };
  }

  return {
    find(query: CaseStatusQuery): IntakeStatusResponse {
      const rows = s.byKey.all(provisionalKey(query.provisionalNumber)) as IntakeMatchRow[];
      const given = phoneKey(query.mobile);
      let found: IntakeMatchRow | null = null;
      for (const row of rows.length > 0 ? rows : [null]) {
        const keys = row ? applicationPhoneKeys(JSON.parse(row.formJson) as IntakeForm, row.applicationJson ? (JSON.parse(row.applicationJson) as MediationApplication) : null) : [STAND_IN];
        // `&&` would skip comparisons once a match is found; every key is compared regardless.
        for (const key of keys) if (secretsEqual(given, key) && row && !found) found = row;
      }
      if (!found) return { found: false };
      return {
        found: true,
        provisionalNumber: found.provisionalNumber,
        caseNumber: found.caseNumber,
        disputeType: found.disputeType as DisputeType,
        receivedAt: found.receivedAt,
        ...stageOf(found),
      };
    },
  };
}
