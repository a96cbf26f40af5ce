import type { FastifyInstance } from 'fastify';
import { auditorOf } from '../staff/principal.js';
import type { AccountStore } from '../staff/accountStore.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError } from '../http/errors.js';
import type { SiteStore } from './siteStore.js';

// Sites and mediation organisations through the court API: every signed-in staff member reads
// them (forms choose among them); admins add, change and retire them, audited.

export interface SiteRouteDeps extends CourtRouteDeps {
  sites: SiteStore;
  accounts: AccountStore;
  now: () => Date;
}

export function registerSiteRoutes(app: FastifyInstance, deps: SiteRouteDeps): void {
  const { scope, sites, accounts, audit, now } = deps;
  const unknownParent = () => new HubError(400, 'INVALID_REFERENCE', 'No such site', [{ path: 'parentSiteId', message: 'errors.site.unknown' }]);

  serveCourtRoute(app, deps, 'listSites', async () => ({ sites: await sites.sites(scope) }));

  serveCourtRoute(app, deps, 'createSite', async ({ body }, principal) => {
    if (body.parentSiteId && !(await sites.site(scope, body.parentSiteId))) throw unknownParent();
    if (!(await sites.addSite(scope, body, now().toISOString()))) throw new HubError(409, 'CONFLICT', 'That site id is taken');
    await audit.record(scope.db, auditorOf(principal), { action: 'site.created', outcome: 'ok', recordKind: 'site', recordId: body.siteId });
    return (await sites.site(scope, body.siteId))!;
  });

  serveCourtRoute(app, deps, 'updateSite', async ({ params, body }, principal) => {
    if (!(await sites.site(scope, params.siteId))) throw new HubError(404, 'NOT_FOUND', 'No such site');
    if (body.parentSiteId && (body.parentSiteId === params.siteId || !(await sites.site(scope, body.parentSiteId)))) throw unknownParent();
    const site = await sites.updateSite(scope, params.siteId, body);
    await audit.record(scope.db, auditorOf(principal), { action: 'site.updated', outcome: 'ok', recordKind: 'site', recordId: params.siteId });
    return site!;
  });

  serveCourtRoute(app, deps, 'listOrganisations', async () => ({ organisations: await sites.organisations(scope) }));

  serveCourtRoute(app, deps, 'createOrganisation', async ({ body }, principal) => {
    if (body.siteId && !(await sites.site(scope, body.siteId))) throw new HubError(400, 'INVALID_REFERENCE', 'No such site', [{ path: 'siteId', message: 'errors.site.unknown' }]);
    if (!(await sites.addOrganisation(scope, body, now().toISOString()))) throw new HubError(409, 'CONFLICT', 'That organisation id is taken');
    await audit.record(scope.db, auditorOf(principal), { action: 'organisation.created', outcome: 'ok', recordKind: 'organisation', recordId: body.organisationId });
    return (await sites.organisation(scope, body.organisationId))!;
  });

  serveCourtRoute(app, deps, 'updateOrganisation', async ({ params, body }, principal) => {
    if (!(await sites.organisation(scope, params.organisationId))) throw new HubError(404, 'NOT_FOUND', 'No such organisation');
    if (body.siteId && !(await sites.site(scope, body.siteId))) throw new HubError(400, 'INVALID_REFERENCE', 'No such site', [{ path: 'siteId', message: 'errors.site.unknown' }]);
    const organisation = await sites.updateOrganisation(scope, params.organisationId, body);
    await audit.record(scope.db, auditorOf(principal), { action: 'organisation.updated', outcome: 'ok', recordKind: 'organisation', recordId: params.organisationId });
    return organisation!;
  });

  serveCourtRoute(app, deps, 'listMediators', async ({ params }) => {
    if (!(await sites.organisation(scope, params.organisationId))) throw new HubError(404, 'NOT_FOUND', 'No such organisation');
    const mediators = await accounts.mediators(scope, params.organisationId);
    return { mediators: mediators.map((m) => ({ username: m.username, displayName: m.displayName, active: m.active })) };
  });

  serveCourtRoute(app, deps, 'listAllMediators', async () => {
    const mediators = await accounts.allMediators(scope);
    return { mediators: mediators.map((m) => ({ username: m.username, displayName: m.displayName, active: m.active, organisationId: m.organisationId ?? '' })) };
  });
}
