import type { IntakeRecordStep } from '../intake/store.js';
import { terminalSite } from '../sites/courtDefaults.js';
import { namedTerminal } from './actorNames.js';
import type { Acting, CaseActions } from './caseActions.js';

// A kiosk's intake becomes its dispute case in the transaction that records it (issue 10 item 2):
// `case.received` by the terminal, channel `kiosk` — or `counter` when the terminal is a remote
// service counter, where staff enter disputes for residents; an intake a signed-in counter staff
// member entered (its counterEntry, checked at ingest) is theirs: channel `counter`, actor that
// staff member, at their sign-in's site; otherwise at the terminal's site (the court's
// hall for a terminal without one), with the parties and the application sealed. If the case
// cannot be opened, the intake is not recorded either and the kiosk is told to try again.
// Every intake runs this: the terminal is looked up once (its site, kind and names together), and
// the application the intake store sealed is kept as it is, not sealed again.

export function caseOfIntake(actions: CaseActions): IntakeRecordStep {
  return async (trx, intake) => {
    const terminal = await namedTerminal(trx, intake.terminalId);
    const entry = intake.counterEntry;
    const siteId = entry?.siteId ?? terminalSite(terminal.siteId);
    const who: Acting = entry
      ? { actor: { kind: 'staff', username: entry.staffUsername, role: 'counter_staff' }, scope: { role: 'counter_staff', organisationId: null, siteId: entry.siteId }, siteId }
      : { actor: terminal.actor, actorNamed: true, siteId };
    await actions.receive(trx, {
      channel: entry || terminal.kind === 'counter' ? 'counter' : 'kiosk',
      application: intake.application,
      applicationSealed: intake.applicationSealed ?? undefined,
      who,
      siteId,
      submissionId: intake.submissionId,
      provisionalNumber: intake.provisionalNumber,
      terminalId: intake.terminalId,
    });
  };
}
