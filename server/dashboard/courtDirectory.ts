import type { DbScope } from '../db/engine.js';

// The names the dashboard puts on its figures: the court's sites (with their place on the
// district's schematic map), mediation organisations and mediators. Read-only, and only what a
// figure needs (no contact details). These tables belong to server/sites/ and server/staff/;
// until those features offer these reads in their own stores, the dashboard reads them here.

export interface SiteEntry {
  siteId: string;
  name: string;
  kind: string;
  parentSiteId: string | null;
  mapX: number | null;
  mapY: number | null;
  active: boolean;
}

export interface OrganisationEntry {
  organisationId: string;
  name: string;
  kind: string;
  siteId: string | null;
}

export interface MediatorEntry {
  username: string;
  displayName: string;
  organisationId: string | null;
}

export interface CourtDirectory {
  sites: SiteEntry[];
  organisations: OrganisationEntry[];
  mediators: MediatorEntry[];
}

export async function readCourtDirectory({ db }: DbScope): Promise<CourtDirectory> {
  const [sites, organisations, mediators] = await Promise.all([
    db.selectFrom('sites').select(['site_id', 'name', 'kind', 'parent_site_id', 'map_x', 'map_y', 'active']).orderBy('site_id').execute(),
    db.selectFrom('organisations').select(['organisation_id', 'name', 'kind', 'site_id']).orderBy('organisation_id').execute(),
    db.selectFrom('staff').select(['username', 'display_name', 'organisation_id']).where('role', '=', 'mediator').orderBy('username').execute(),
  ]);
  return {
    sites: sites.map((s) => ({ siteId: s.site_id, name: s.name, kind: s.kind, parentSiteId: s.parent_site_id, mapX: s.map_x, mapY: s.map_y, active: Number(s.active) === 1 })),
    organisations: organisations.map((o) => ({ organisationId: o.organisation_id, name: o.name, kind: o.kind, siteId: o.site_id })),
    mediators: mediators.map((m) => ({ username: m.username, displayName: m.display_name || m.username, organisationId: m.organisation_id })),
  };
}
