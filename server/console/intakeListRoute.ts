import type { FastifyInstance } from 'fastify';
import { can, inScope } from '../../shared/staff/roles.js';
import type { CaseStore } from '../cases/caseStore.js';
import { PARTIES_OPENED } from '../cases/caseViews.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import { auditorOf } from '../staff/principal.js';
import { admitStaff, type StaffGateDeps } from '../staff/staffGate.js';
import { toConsoleIntake } from './intakeRows.js';
import { consolePaths } from './paths.js';

// GET /api/v1/console/intakes — the JSON listing of received intakes, from before the case life
// cycle, kept for court systems that read it (server/README.md). An intake is its case's, so it
// follows the court API's rules for cases: `readCases` (403, audited), only the cases in the
// caller's part of the court, the applicant masked unless `?reveal=parties` (`openPersonalData`,
// each case's opening audited as on the case page), and the listing itself audited.

/** How many intakes the listing looks at (newest first). */
const CONSOLE_LIST_LIMIT = 200;
const INTAKES_LISTED = 'intakes.listed';

export interface IntakeListRouteOptions {
  intakes: IntakeStore;
  cases: CaseStore;
  gate: StaffGateDeps;
}

export function registerIntakeListRoute(app: FastifyInstance, opts: IntakeListRouteOptions): void {
  const { gate } = opts;
  app.get<{ Querystring: { reveal?: string } }>(consolePaths.intakesApi, async (request) => {
    const principal = await admitStaff(gate, request, 'readCases', INTAKES_LISTED);
    const reveal = request.query.reveal === 'parties';
    if (reveal && !can(principal.account.role, 'openPersonalData')) {
      await gate.audit.record(gate.scope.db, auditorOf(principal), { action: PARTIES_OPENED, outcome: 'denied' });
      throw new HubError(403, hubErrorCodes.forbidden, 'Your role does not allow opening personal data');
    }
    const recent = await opts.intakes.recent(CONSOLE_LIST_LIMIT);
    const cases = await opts.cases.bySubmissions(
      gate.scope,
      recent.map((i) => i.submissionId),
    );
    const listed = [];
    const opened: string[] = [];
    for (const intake of recent) {
      const c = cases.get(intake.submissionId);
      if (!c || !inScope(principal.scope, c)) continue;
      if (reveal) opened.push(c.caseId);
      listed.push(toConsoleIntake(intake, reveal));
    }
    // every case opened by this listing, in one insert (recorded before the answer carries them)
    await gate.audit.recordAll(
      gate.scope.db,
      auditorOf(principal),
      opened.map((caseId) => ({ action: PARTIES_OPENED, outcome: 'ok' as const, caseId })),
    );
    await gate.audit.record(gate.scope.db, auditorOf(principal), { action: INTAKES_LISTED, outcome: 'ok', recordKind: 'rows', recordId: String(listed.length) });
    return { total: listed.length, intakes: listed };
  });
}
