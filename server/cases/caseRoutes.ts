import type { FastifyInstance } from 'fastify';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { foldCase } from '../../shared/cases/caseFile.js';
import { courtDateOf } from '../../shared/cases/deadlines.js';
import type { CaseListQuery, CaseSummary } from '../../shared/courtApi/cases.js';
import { can, inScope } from '../../shared/staff/roles.js';
import type { DbScope } from '../db/engine.js';
import type { Documents } from '../documents/documentStore.js';
import { attachmentDisposition, downloadName } from '../documents/downloadName.js';
import { toCsv, toXlsx } from '../export/spreadsheet.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError } from '../http/errors.js';
import type { SiteStore } from '../sites/siteStore.js';
import { auditorOf, type StaffPrincipal } from '../staff/principal.js';
import { InvalidActionDetails, type Acting, type CaseActions } from './caseActions.js';
import type { CaseListStore } from './caseListStore.js';
import { CaseNotFound, CaseRefusal, type CaseStore } from './caseStore.js';
import { allowedActions, caseExportTable, caseSummary, eventView, PARTIES_OPENED, partyView } from './caseViews.js';
import { invalidDetailsError, refusalError, refusalMessages } from './caseRefusalErrors.js';
import { chainValid } from './eventChain.js';
import type { PartyStore } from './partyStore.js';

// Cases through the court API (/api/v1/cases): the list (scope, filters, search) and its exports,
// entering a dispute at court or at a counter, one case with its log, parties (masked unless
// opened), documents and linked cases, acting on it (every action through the case store and so
// through `decide()`), its documents and its integrity. A case outside the caller's scope is
// answered as if it did not exist (404), and the attempt is audited as denied; so is every refusal.

export interface CaseRouteDeps extends CourtRouteDeps {
  store: CaseStore;
  actions: CaseActions;
  list: CaseListStore;
  parties: PartyStore;
  documents: Documents;
  sites: SiteStore;
  now: () => Date;
  /** Where court staff enter a case when they name no site: the court's hall. */
  hallSiteId: string;
}

/** Rows an export holds at most (a larger one: narrow the filters). */
const EXPORT_MAX_ROWS = 20_000;

/** The case if it exists and is in the caller's scope; else 404 (audited as denied when it exists). */
export async function caseInScope(deps: Pick<CaseRouteDeps, 'scope' | 'store' | 'audit'>, p: StaffPrincipal, caseId: string, action: string): Promise<CaseFile> {
  const c = await deps.store.load(deps.scope, caseId);
  if (c && inScope(p.scope, c)) return c;
  if (c) await deps.audit.record(deps.scope.db, auditorOf(p), { action, outcome: 'denied', caseId, recordKind: 'reason', recordId: 'OUT_OF_SCOPE' });
  throw new HubError(404, 'NOT_FOUND', 'No such case');
}

export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  const { scope, store, actions, list, parties, documents, sites, audit, now } = deps;
  const today = () => courtDateOf(now());
  const acting = (p: StaffPrincipal): Acting => ({ actor: { kind: 'staff', username: p.account.username, role: p.account.role }, scope: p.scope, siteId: p.account.siteId });
  const denied = (p: StaffPrincipal, action: string, caseId: string | null, recordKind?: string, recordId?: string) =>
    audit.record(scope.db, auditorOf(p), { action, outcome: 'denied', caseId, recordKind: recordKind ?? null, recordId: recordId ?? null });

  const caseFor = (p: StaffPrincipal, caseId: string, action: string) => caseInScope(deps, p, caseId, action);

  async function summaries(s: DbScope, cases: CaseFile[]): Promise<CaseSummary[]> {
    const names = await parties.applicantNames(
      s,
      cases.map((c) => c.caseId),
    );
    return cases.map((c) => caseSummary(c, names.get(c.caseId) ?? null, today()));
  }

  async function storedViews(caseIds: string[], eventIds: Set<string>) {
    const views = [];
    for (const caseId of [...new Set(caseIds)]) views.push(...(await store.events(scope, caseId)).filter((e) => eventIds.has(e.event.eventId)).map(eventView));
    return views;
  }

  serveCourtRoute(app, deps, 'listCases', async ({ query }, principal) => {
    const page = await list.list(scope, query, principal.scope, today());
    return { cases: await summaries(scope, page.cases), nextCursor: page.nextCursor };
  });

  async function exportRows(query: CaseListQuery, principal: StaffPrincipal): Promise<CaseSummary[]> {
    const rows: CaseSummary[] = [];
    let q: CaseListQuery = { ...query, limit: 500 };
    for (;;) {
      const page = await list.list(scope, q, principal.scope, today());
      rows.push(...(await summaries(scope, page.cases)));
      if (!page.nextCursor || rows.length >= EXPORT_MAX_ROWS) return rows.slice(0, EXPORT_MAX_ROWS);
      q = { ...q, cursor: page.nextCursor };
    }
  }
  for (const format of ['csv', 'xlsx'] as const) {
    serveCourtRoute(app, deps, format === 'csv' ? 'exportCsv' : 'exportXlsx', async ({ query, reply }, principal) => {
      const table = caseExportTable(await exportRows(query, principal));
      await audit.record(scope.db, auditorOf(principal), { action: `case.exported_${format}`, outcome: 'ok', recordKind: 'rows', recordId: String(table.rows.length) });
      const file = `cases-${today()}.${format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return format === 'csv' ? toCsv(table) : toXlsx(table);
    });
  }

  serveCourtRoute(app, deps, 'enterCase', async ({ body }, principal) => {
    const role = principal.account.role;
    // counter staff enter at their own counter; the court's filing staff at court (or for a counter)
    const allowed = body.channel === 'counter' ? can(role, 'enterAtCounter') : role === 'filing_clerk';
    if (!allowed) {
      await denied(principal, 'case.received', null, 'reason', 'ROLE_NOT_ALLOWED');
      throw new HubError(403, 'ROLE_NOT_ALLOWED', refusalMessages.ROLE_NOT_ALLOWED);
    }
    const siteId = role === 'counter_staff' ? principal.account.siteId : (body.siteId ?? deps.hallSiteId);
    const site = siteId ? await sites.site(scope, siteId) : null;
    if (!site || !site.active) throw new HubError(400, 'INVALID_REFERENCE', 'No such site', [{ path: 'siteId', message: 'errors.site.unknown' }]);
    try {
      const outcome = await actions.receive(scope, { channel: body.channel, application: body.application, who: { ...acting(principal), siteId }, siteId });
      await audit.record(scope.db, auditorOf(principal), { action: 'case.received', outcome: 'ok', caseId: outcome.case.caseId });
      return { case: outcome.case, appended: await storedViews([outcome.case.caseId], new Set(outcome.appended.map((a) => a.event.eventId))) };
    } catch (err) {
      if (err instanceof CaseRefusal) {
        await denied(principal, 'case.received', null, 'reason', err.refusal.code);
        throw refusalError(err.refusal, null);
      }
      throw err;
    }
  });

  serveCourtRoute(app, deps, 'getCase', async ({ params, query }, principal) => {
    const c = await caseFor(principal, params.caseId, 'case.viewed');
    const reveal = query.reveal === 'parties';
    if (reveal && !can(principal.account.role, 'openPersonalData')) {
      await denied(principal, PARTIES_OPENED, c.caseId);
      throw new HubError(403, 'FORBIDDEN', 'Your role does not allow opening personal data');
    }
    const linkedIds = [c.disputeCaseId, c.confirmationCaseId, c.lawsuitCaseId].filter((id): id is string => !!id);
    const linked: CaseFile[] = [];
    for (const id of linkedIds) {
      const l = await store.load(scope, id);
      if (l && inScope(principal.scope, l)) linked.push(l);
    }
    // a masked view never opens the application: what was left to be asked is stored beside it in clear
    const application = reveal ? await parties.application(scope, c.caseId) : null;
    const detail = {
      case: c,
      events: (await store.events(scope, c.caseId)).map(eventView),
      parties: (await parties.parties(scope, c.caseId)).map((p) => partyView(p, reveal)),
      application,
      deferred: application ? (application.deferred ?? []) : await parties.deferred(scope, c.caseId),
      documents: await documents.list(scope, c.caseId),
      linked: await summaries(scope, linked),
      allowedActions: allowedActions(c, principal.scope),
    };
    await audit.record(scope.db, auditorOf(principal), { action: reveal ? PARTIES_OPENED : 'case.viewed', outcome: 'ok', caseId: c.caseId });
    return detail;
  });

  serveCourtRoute(app, deps, 'caseEvents', async ({ params }, principal) => {
    const c = await caseFor(principal, params.caseId, 'case.events_viewed');
    return { events: (await store.events(scope, c.caseId)).map(eventView) };
  });

  serveCourtRoute(app, deps, 'actOnCase', async ({ params, body }, principal) => {
    await caseFor(principal, params.caseId, body.type);
    try {
      const outcome = await actions.act(scope, params.caseId, body, acting(principal));
      await audit.record(scope.db, auditorOf(principal), { action: body.type, outcome: 'ok', caseId: params.caseId, recordKind: 'seq', recordId: String(outcome.case.seq) });
      return {
        case: outcome.case,
        appended: await storedViews(
          outcome.appended.map((a) => a.after.caseId),
          new Set(outcome.appended.map((a) => a.event.eventId)),
        ),
      };
    } catch (err) {
      if (err instanceof CaseRefusal) {
        await denied(principal, body.type, params.caseId, 'reason', err.refusal.code);
        throw refusalError(err.refusal, err.current);
      }
      if (err instanceof InvalidActionDetails) {
        await denied(principal, body.type, params.caseId, 'reason', err.code);
        throw invalidDetailsError(err);
      }
      if (err instanceof CaseNotFound) throw new HubError(404, 'NOT_FOUND', 'No such case');
      throw err;
    }
  });

  serveCourtRoute(app, deps, 'uploadDocument', async ({ params, body }, principal) => {
    const c = await caseFor(principal, params.caseId, 'document.stored');
    const bytes = Buffer.from(body.contentBase64, 'base64');
    const stored = await documents.store(scope, { caseId: c.caseId, kind: body.kind, mimeType: body.mimeType, bytes, createdBy: principal.account.username });
    await audit.record(scope.db, auditorOf(principal), { action: 'document.stored', outcome: 'ok', caseId: c.caseId, recordKind: 'document', recordId: stored.documentId });
    const { ref: _ref, ...view } = stored;
    return { ...view, signatures: [] };
  });

  serveCourtRoute(app, deps, 'getDocument', async ({ params, reply }, principal) => {
    const c = await caseFor(principal, params.caseId, 'document.opened');
    const found = await documents.read(scope, c.caseId, params.documentId);
    if (!found) throw new HubError(404, 'NOT_FOUND', 'No such document');
    await audit.record(scope.db, auditorOf(principal), { action: 'document.opened', outcome: 'ok', caseId: c.caseId, recordKind: 'document', recordId: params.documentId });
    const name = downloadName(c.caseNumber ?? c.provisionalNumber ?? c.caseId, found.document);
    reply.type(found.document.mimeType).header('content-disposition', attachmentDisposition(name));
    return found.bytes;
  });

  serveCourtRoute(app, deps, 'caseIntegrity', async ({ params }, principal) => {
    const c = await caseFor(principal, params.caseId, 'case.integrity_checked');
    const events = await store.events(scope, c.caseId);
    const rebuilt = events.length > 0 ? foldCase(events.map((e) => e.event)) : null;
    return {
      caseId: c.caseId,
      events: events.length,
      chainValid: chainValid(events),
      foldMatches: rebuilt !== null && JSON.stringify(rebuilt) === JSON.stringify(c),
      lastHash: events.at(-1)?.hash ?? null,
    };
  });
}
