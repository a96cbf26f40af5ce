import type { Organisation, OrganisationCreate, OrganisationUpdate, Site, SiteCreate, SiteUpdate } from '../../shared/courtApi/sites.js';
import type { DbScope } from '../db/engine.js';

// The court's structure: its sites (hall, tribunals, township centres, community grid points) and
// the mediation organisations staff divert cases to. Admins add, rename and retire them; nothing
// is deleted, because cases and events keep referring to them.

type SiteRow = { site_id: string; name: string; kind: string; parent_site_id: string | null; map_x: number | null; map_y: number | null; active: 0 | 1; created_at: string };
type OrgRow = { organisation_id: string; name: string; kind: string; site_id: string | null; active: 0 | 1; created_at: string };

const toSite = (r: SiteRow): Site => ({
  siteId: r.site_id,
  name: r.name,
  kind: r.kind as Site['kind'],
  parentSiteId: r.parent_site_id,
  mapX: r.map_x,
  mapY: r.map_y,
  active: r.active === 1,
  createdAt: r.created_at,
});
const toOrganisation = (r: OrgRow): Organisation => ({
  organisationId: r.organisation_id,
  name: r.name,
  kind: r.kind as Organisation['kind'],
  siteId: r.site_id,
  active: r.active === 1,
  createdAt: r.created_at,
});

export type SiteStore = ReturnType<typeof siteStore>;

export function siteStore() {
  const site = async (scope: DbScope, siteId: string) => {
    const row = await scope.db.selectFrom('sites').selectAll().where('site_id', '=', siteId).executeTakeFirst();
    return row ? toSite(row) : null;
  };
  const organisation = async (scope: DbScope, organisationId: string) => {
    const row = await scope.db.selectFrom('organisations').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
    return row ? toOrganisation(row) : null;
  };
  return {
    site,
    organisation,
    async sites(scope: DbScope): Promise<Site[]> {
      return (await scope.db.selectFrom('sites').selectAll().orderBy('kind').orderBy('site_id').execute()).map(toSite);
    },
    async organisations(scope: DbScope): Promise<Organisation[]> {
      return (await scope.db.selectFrom('organisations').selectAll().orderBy('kind').orderBy('organisation_id').execute()).map(toOrganisation);
    },
    async countSites(scope: DbScope): Promise<number> {
      const row = await scope.db
        .selectFrom('sites')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** False if the id is taken. */
    async addSite(scope: DbScope, s: SiteCreate, at: string): Promise<boolean> {
      const res = await scope.db
        .insertInto('sites')
        .values({ site_id: s.siteId, name: s.name, kind: s.kind, parent_site_id: s.parentSiteId ?? null, map_x: s.mapX ?? null, map_y: s.mapY ?? null, created_at: at })
        .onConflict((oc) => oc.column('site_id').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async updateSite(scope: DbScope, siteId: string, u: SiteUpdate): Promise<Site | null> {
      const set: Partial<SiteRow> = {};
      if (u.name !== undefined) set.name = u.name;
      if (u.parentSiteId !== undefined) set.parent_site_id = u.parentSiteId;
      if (u.mapX !== undefined) set.map_x = u.mapX;
      if (u.mapY !== undefined) set.map_y = u.mapY;
      if (u.active !== undefined) set.active = u.active ? 1 : 0;
      await scope.db.updateTable('sites').set(set).where('site_id', '=', siteId).execute();
      return site(scope, siteId);
    },
    async addOrganisation(scope: DbScope, o: OrganisationCreate, at: string): Promise<boolean> {
      const res = await scope.db
        .insertInto('organisations')
        .values({ organisation_id: o.organisationId, name: o.name, kind: o.kind, site_id: o.siteId ?? null, created_at: at })
        .onConflict((oc) => oc.column('organisation_id').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async updateOrganisation(scope: DbScope, organisationId: string, u: OrganisationUpdate): Promise<Organisation | null> {
      const set: Partial<OrgRow> = {};
      if (u.name !== undefined) set.name = u.name;
      if (u.siteId !== undefined) set.site_id = u.siteId;
      if (u.active !== undefined) set.active = u.active ? 1 : 0;
      await scope.db.updateTable('organisations').set(set).where('organisation_id', '=', organisationId).execute();
      return organisation(scope, organisationId);
    },
  };
}
