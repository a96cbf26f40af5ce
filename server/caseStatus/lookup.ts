import type { CaseFile } from '../../shared/cases/caseFile.js';
import { residentCaseNumbers } from '../../shared/cases/caseNumber.js';
import { residentStage } from '../../shared/cases/residentStage.js';
import { applicationPhoneKeys, phoneKey, provisionalKey, type CaseStage, type CaseStatusQuery, type IntakeStatusResponse } from '../../shared/caseStatus.js';
import { secretsEqual } from '../http/credentials.js';
import type { IntakeRecord, IntakeStore } from '../intake/store.js';
import type { CallRecords } from '../signalling/callRecords.js';

// Where an application stands, for the resident who holds its receipt: found only when the
// provisional number AND one of the application's phone numbers match. The answer to a wrong
// phone number is the answer to an unknown number, and both take the same work: every candidate
// phone is compared in constant time, against a stand-in when there is no such intake.

/** Never equal to a phone key (those are digits only). */
const STAND_IN = 'no-such-intake';

/** The dispute case an intake became (server/cases), if it is one yet. */
export type CaseOfIntake = (submissionId: string) => Promise<CaseFile | null>;

/** A case's number by its id (the 民特 or 民初 case a dispute went on to). */
export type CaseNumberOf = (caseId: string) => Promise<string | null>;

export function caseStatusLookup(intakes: IntakeStore, calls: CallRecords, caseOf: CaseOfIntake, numberOf: CaseNumberOf, today: () => string) {
  /** The number the resident's case goes by now, with the mediation number beside a later one. */
  async function numbers(c: CaseFile | null, intake: IntakeRecord) {
    if (!c) return { caseNumber: intake.caseNumber };
    const linked = {
      confirmation: c.confirmationCaseId ? await numberOf(c.confirmationCaseId) : null,
      lawsuit: c.lawsuitCaseId ? await numberOf(c.lawsuitCaseId) : null,
    };
    const { caseNumber, mediationCaseNumber } = residentCaseNumbers(c, linked);
    return mediationCaseNumber ? { caseNumber, mediationCaseNumber } : { caseNumber };
  }

  /** The latest call a mediator answered about this application decides its stage. */
  async function stageOf(intake: IntakeRecord): Promise<{ stage: CaseStage; stageAt: string }> {
    const call = await calls.lastAnswered(intake.submissionId);
    if (!call?.answeredAt) return { stage: 'received', stageAt: intake.receivedAt };
    if (call.outcome === 'settled' || call.outcome === 'scheduled' || call.outcome === 'referred') {
      return { stage: call.outcome, stageAt: call.outcomeAt ?? call.answeredAt };
    }
    return { stage: 'with_mediator', stageAt: call.answeredAt };
  }

  return {
    /** `ticketFor`: the kiosk door's case ticket for the intake found (./callTickets.ts); the phone page gets none. */
    async find(query: CaseStatusQuery, ticketFor?: (submissionId: string) => string): Promise<IntakeStatusResponse> {
      const found = await matchIntake(intakes, query);
      if (!found) return { found: false };
      const c = await caseOf(found.submissionId);
      return {
        found: true,
        provisionalNumber: found.provisionalNumber,
        ...(await numbers(c, found)),
        disputeType: c ? (c.disputeType as typeof found.application.disputeType) : found.application.disputeType,
        receivedAt: found.receivedAt,
        ...(await stageOf(found)),
        ...(c ? { resident: residentStage(c, today()) } : {}),
        ...(ticketFor ? { callTicket: ticketFor(found.submissionId) } : {}),
      };
    },
  };
}

/** The intake whose provisional number and one of whose phone numbers both match, or null (same work either way). */
export async function matchIntake(intakes: IntakeStore, query: CaseStatusQuery): Promise<IntakeRecord | null> {
  const candidates = await intakes.byProvisionalKey(provisionalKey(query.provisionalNumber));
  const given = phoneKey(query.mobile);
  let found: IntakeRecord | null = null;
  for (const intake of candidates.length > 0 ? candidates : [null]) {
    const keys = intake ? applicationPhoneKeys(intake.application) : [STAND_IN];
    // `&&` would skip comparisons once a match is found; every key is compared regardless.
    for (const key of keys) if (secretsEqual(given, key) && intake && !found) found = intake;
  }
  return found;
}
