import type { FastifyInstance } from 'fastify';
import { mayInviteToSession, type CaseCall, type CaseCallDesk, type FilingTerminal } from '../../shared/courtApi/caseDesk.js';
import { sessionCanTakePlace } from '../../shared/cases/lifecycle.js';
import { inviteLink } from '../../shared/rooms/joining.js';
import type { FleetThresholds } from '../../shared/terminals/terminalHealth.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError } from '../http/errors.js';
import type { InvitationStore } from '../rooms/invitationStore.js';
import type { CallRecord } from '../signalling/callRecords.js';
import type { SiteStore } from '../sites/siteStore.js';
import type { AccountStore } from '../staff/accountStore.js';
import { auditorOf } from '../staff/principal.js';
import { fleetTile } from '../terminals/fleetRoutes.js';
import type { FleetStore, FleetTerminal } from '../terminals/fleetStore.js';
import { caseInScope } from './caseRoutes.js';
import type { CaseStore } from './caseStore.js';

// The court API's side of a case page for the mediator about to hold a session
// (shared/courtApi/caseDesk.ts): the filing terminal's health by the fleet's one rule (fleetTile),
// the case's answered calls for the session-held form's pick list (the same calls the API accepts
// there: about the case's intake, answered by a mediator), and an invitation into the call the
// caller is holding about the case, issued by the rooms' own invitation store and audited as
// the desk's invitations are ('room.invited').

export interface CaseDeskDeps extends CourtRouteDeps {
  store: CaseStore;
  /** The calls about one intake, oldest first (server/signalling/callRecords.ts forSubmission). */
  callsAbout: (submissionId: string) => Promise<CallRecord[]>;
  fleet: FleetStore;
  thresholds: FleetThresholds;
  sites: SiteStore;
  accounts: AccountStore;
  invitations: InvitationStore;
  now: () => Date;
}

export function registerCaseDeskRoutes(app: FastifyInstance, deps: CaseDeskDeps): void {
  const { scope, audit, now } = deps;

  async function filingTerminal(fleet: FleetTerminal[], terminalId: string | null): Promise<FilingTerminal | null> {
    const t = terminalId ? fleet.find((x) => x.terminalId === terminalId) : undefined;
    if (!t) return null;
    const tile = fleetTile(t, now().getTime(), deps.thresholds);
    const site = tile.siteId ? await deps.sites.site(scope, tile.siteId) : null;
    return { terminalId: tile.terminalId, name: tile.name, siteName: site?.name ?? null, health: tile.health, receivedAt: tile.receivedAt };
  }

  /** Answered calls about the intake, newest first. */
  async function answeredCalls(submissionId: string | null): Promise<CallRecord[]> {
    if (!submissionId) return [];
    return (await deps.callsAbout(submissionId)).filter((c) => c.answeredAt !== null && c.mediator !== null).sort((a, b) => b.answeredAt!.localeCompare(a.answeredAt!));
  }

  serveCourtRoute(app, deps, 'caseCallDesk', async ({ params }, principal): Promise<CaseCallDesk> => {
    const c = await caseInScope(deps, principal, params.caseId, 'case.calls_viewed');
    const [fleet, records, events] = await Promise.all([deps.fleet.list(scope, null), answeredCalls(c.submissionId), deps.store.events(scope, c.caseId)]);
    const terminal = await filingTerminal(fleet, c.terminalId);
    const names = new Map<string, string | null>();
    const calls: CaseCall[] = [];
    for (const r of records) {
      if (!names.has(r.mediator!)) names.set(r.mediator!, (await deps.accounts.account(scope, r.mediator!))?.displayName || null);
      const joinedRoles = new Set<string>();
      for (const { event: e } of events) {
        const p = e.payload as { roomId?: unknown; role?: unknown };
        if ((e.type === 'room.joined' || e.type === 'room.admitted') && p.roomId === r.callId && typeof p.role === 'string' && p.role !== 'mediator') joinedRoles.add(p.role);
      }
      calls.push({
        callId: r.callId,
        answeredAt: r.answeredAt!,
        endedAt: r.endedAt,
        seconds: r.durationS,
        mediator: r.mediator,
        mediatorName: names.get(r.mediator!) ?? null,
        terminalId: r.terminalId,
        terminalName: fleet.find((t) => t.terminalId === r.terminalId)?.name ?? null,
        joinedRoles: [...joinedRoles],
      });
    }
    const open = records.find((r) => r.endedAt === null && r.mediator === principal.account.username);
    await audit.record(scope.db, auditorOf(principal), { action: 'case.calls_viewed', outcome: 'ok', caseId: c.caseId });
    return { terminal, calls, openCallId: open?.callId ?? null };
  });

  serveCourtRoute(app, deps, 'inviteToSession', async ({ params, body }, principal) => {
    const c = await caseInScope(deps, principal, params.caseId, 'room.invited');
    if (!mayInviteToSession(principal.account.role)) {
      await audit.record(scope.db, auditorOf(principal), { action: 'room.invited', outcome: 'denied', caseId: c.caseId, recordKind: 'reason', recordId: 'ROLE_NOT_ALLOWED' });
      throw new HubError(403, 'ROLE_NOT_ALLOWED', 'Your role does not allow this');
    }
    if (!sessionCanTakePlace(c.kind, c.state)) {
      await audit.record(scope.db, auditorOf(principal), { action: 'room.invited', outcome: 'denied', caseId: c.caseId, recordKind: 'reason', recordId: 'TRANSITION_NOT_ALLOWED' });
      throw new HubError(409, 'TRANSITION_NOT_ALLOWED', 'No mediation session can take place on this case now');
    }
    // the rooms' rule: an invitation lets a party into a call the inviter is holding
    const open = (await answeredCalls(c.submissionId)).find((r) => r.endedAt === null && r.mediator === principal.account.username);
    if (!open) throw new HubError(409, 'CONFLICT', 'You are not holding a call about this case: answer the party’s call first, then invite');
    const created = await deps.invitations.create(scope, { callId: open.callId, caseId: c.caseId, role: body.role, createdBy: principal.account.username, at: now() });
    await audit.record(scope.db, auditorOf(principal), { action: 'room.invited', outcome: 'ok', caseId: c.caseId, recordKind: 'call', recordId: open.callId });
    return { inviteId: created.inviteId, code: created.code, link: inviteLink(created.inviteId), role: body.role, expiresAt: created.expiresAt, callId: open.callId };
  });
}
