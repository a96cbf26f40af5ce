import type { IntakeRecord } from '../intake/store.js';
import { intakeSummary, type Summary } from '../intake/summary.js';

// One received intake as the console's JSON listing returns it: the record without the
// application, and its summary.

export type ConsoleIntake = Omit<IntakeRecord, 'application'> & Summary;

export function toConsoleIntake(intake: IntakeRecord): ConsoleIntake {
  const { application: _application, ...listed } = intake;
  return { ...listed, ...intakeSummary(intake) };
}
