import type { FastifyInstance } from 'fastify';
import { crashReportPath, CrashReport, scrubCrashReport } from '../../shared/terminals/crashReport.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError, parseOrThrow } from '../http/errors.js';
import { auditorOf } from '../staff/principal.js';
import { authenticateTerminal } from './authenticate.js';
import type { CrashReportStore } from './crashReportStore.js';
import type { FleetStore } from './fleetStore.js';
import type { TerminalStore } from './store.js';

// Crash reports (issue 14 item 10): a kiosk posts one with its own credential (the outbox's
// 'report' job; a resend replaces); court admins — who manage the fleet — read a terminal's
// reports through the court API ('terminalCrashReports'), and every reading is audited.

export interface CrashReportRouteDeps extends CourtRouteDeps {
  terminals: TerminalStore;
  fleet: Pick<FleetStore, 'terminal'>;
  reports: CrashReportStore;
  moved: () => void;
  now: () => Date;
}

export function registerCrashReportRoutes(app: FastifyInstance, deps: CrashReportRouteDeps): void {
  const { scope } = deps;
  app.post(crashReportPath, async (request, reply) => {
    const terminalId = await authenticateTerminal(deps.terminals, request);
    // scrubbed again here: the hub does not take a kiosk's word that nothing personal is in it
    const report = scrubCrashReport(parseOrThrow(CrashReport, request.body, 'CrashReport'));
    await deps.reports.record(scope, terminalId, report, deps.now().toISOString());
    deps.moved();
    return reply.code(204).send();
  });

  serveCourtRoute(app, deps, 'terminalCrashReports', async ({ params }, principal) => {
    if (!(await deps.fleet.terminal(scope, params.terminalId))) throw new HubError(404, 'NOT_FOUND', 'No such terminal');
    await deps.audit.record(scope.db, auditorOf(principal), { action: 'terminal.crash_reports_viewed', outcome: 'ok', recordKind: 'terminal', recordId: params.terminalId });
    return { terminalId: params.terminalId, reports: await deps.reports.list(scope, params.terminalId) };
  });
}
