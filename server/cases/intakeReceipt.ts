import type { MediationApplication } from '../../shared/application.js';
import { queryTemplate } from '../db/queryTemplate.js';
import type { IntakeRecordStep } from '../intake/store.js';
import type { Acting, CaseActions } from './caseActions.js';

// A kiosk's intake becomes its dispute case in the transaction that records it (issue 10 item 2):
// `case.received` by the terminal, channel `kiosk` — or `counter` when the terminal is a remote
// service counter, where staff enter disputes for residents; an intake a signed-in counter staff
// member entered (its counterEntry, checked at ingest) is theirs: channel `counter`, actor that
// staff member, at their sign-in's site; otherwise at the terminal's site (the court's
// hall for a terminal without one), with the parties and the application sealed. If the case
// cannot be opened, the intake is not recorded either and the kiosk is told to try again.

const terminalOf = queryTemplate((db, k: { terminalId: string }) => db.selectFrom('terminals').select(['site_id', 'kind']).where('terminal_id', '=', k.terminalId));

export function caseOfIntake(actions: CaseActions, hallSiteId: string): IntakeRecordStep {
  return async (trx, intake) => {
    const [terminal] = await terminalOf(trx, { terminalId: intake.terminalId });
    const entry = intake.counterEntry;
    const siteId = entry?.siteId ?? terminal?.site_id ?? hallSiteId;
    const who: Acting = entry
      ? { actor: { kind: 'staff', username: entry.staffUsername, role: 'counter_staff' }, scope: { role: 'counter_staff', organisationId: null, siteId: entry.siteId }, siteId }
      : { actor: { kind: 'terminal', terminalId: intake.terminalId }, siteId };
    await actions.receive(trx, {
      channel: entry || terminal?.kind === 'counter' ? 'counter' : 'kiosk',
      application: JSON.parse(intake.applicationJson) as MediationApplication,
      who,
      siteId,
      submissionId: intake.submissionId,
      provisionalNumber: intake.provisionalNumber,
      terminalId: intake.terminalId,
    });
  };
}
