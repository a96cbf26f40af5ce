import { maskName } from '../../shared/masking.js';
import type { IntakeRecord } from '../intake/store.js';
import { intakeSummary, type Summary } from '../intake/summary.js';

// One received intake as the console's JSON listing returns it: the record without the
// application, and its summary. As the court API's case list, the applicant's name is masked and
// what they wrote (claims, facts, and the labels they gave their attachments, free text such as
// "借条（张三签名）") is left out, unless the parties were opened (`?reveal=parties`: the caller
// may open personal data, and each case's opening is audited).

export type ConsoleIntake = Omit<IntakeRecord, 'application'> & Summary;

export function toConsoleIntake(intake: IntakeRecord, opened: boolean): ConsoleIntake {
  const { application: _application, ...listed } = intake;
  const summary = intakeSummary(intake);
  if (opened) return { ...listed, ...summary };
  const attachments = intake.attachments.map(({ label: _label, ...unlabelled }) => unlabelled);
  return { ...listed, ...summary, attachments, applicantName: maskName(summary.applicantName), description: '' };
}
