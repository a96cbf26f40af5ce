import { maskName } from '../../shared/masking.js';
import type { IntakeRecord } from '../intake/store.js';
import { intakeSummary, type Summary } from '../intake/summary.js';

// One received intake as the console's JSON listing returns it: the record without the
// application, and its summary. As the court API's case list, the applicant's name is masked and
// what they wrote (claims, facts) is left out, unless the parties were opened (`?reveal=parties`:
// the caller may open personal data, and each case's opening is audited).

export type ConsoleIntake = Omit<IntakeRecord, 'application'> & Summary;

export function toConsoleIntake(intake: IntakeRecord, opened: boolean): ConsoleIntake {
  const { application: _application, ...listed } = intake;
  const summary = intakeSummary(intake);
  return { ...listed, ...summary, ...(opened ? {} : { applicantName: maskName(summary.applicantName), description: '' }) };
}
