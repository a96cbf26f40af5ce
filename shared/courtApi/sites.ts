import { z } from 'zod';
import { EntityId } from '../cases/caseEvents.js';

// Sites (the court's hall, tribunals, township dispute centres, community grid points) and
// mediation organisations, as admins manage them through the court API. Retired, never deleted.

export const siteKinds = ['court', 'tribunal', 'centre', 'grid'] as const;
export const organisationKinds = ['people', 'industry', 'invited', 'court'] as const;

const Name = z.string().trim().min(1).max(100);
const MapCoordinate = z.number().min(0).max(1).nullable();

export const Site = z.object({
  siteId: z.string(),
  name: z.string(),
  kind: z.enum(siteKinds),
  parentSiteId: z.string().nullable(),
  mapX: z.number().nullable(),
  mapY: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Site = z.infer<typeof Site>;

export const SiteCreate = z.strictObject({
  siteId: EntityId,
  name: Name,
  kind: z.enum(siteKinds),
  parentSiteId: EntityId.nullable().optional(),
  mapX: MapCoordinate.optional(),
  mapY: MapCoordinate.optional(),
});
export type SiteCreate = z.infer<typeof SiteCreate>;

export const SiteUpdate = z
  .strictObject({
    name: Name.optional(),
    parentSiteId: EntityId.nullable().optional(),
    mapX: MapCoordinate.optional(),
    mapY: MapCoordinate.optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { error: 'errors.update.empty' });
export type SiteUpdate = z.infer<typeof SiteUpdate>;

export const Organisation = z.object({
  organisationId: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  siteId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationCreate = z.strictObject({
  organisationId: EntityId,
  name: Name,
  kind: z.enum(organisationKinds),
  siteId: EntityId.nullable().optional(),
});
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;

export const OrganisationUpdate = z
  .strictObject({ name: Name.optional(), siteId: EntityId.nullable().optional(), active: z.boolean().optional() })
  .refine((u) => Object.keys(u).length > 0, { error: 'errors.update.empty' });
export type OrganisationUpdate = z.infer<typeof OrganisationUpdate>;

/** A mediator of an organisation, as staff choose one on diversion or assignment. */
export const MediatorView = z.object({ username: z.string(), displayName: z.string(), active: z.boolean() });

export const SiteList = z.object({ sites: z.array(Site) });
export const OrganisationList = z.object({ organisations: z.array(Organisation) });
export const MediatorList = z.object({ mediators: z.array(MediatorView) });
/** Every organisation's mediators in one answer (a list of cases names the mediators of many organisations). */
export const MediatorRoster = z.object({ mediators: z.array(MediatorView.extend({ organisationId: z.string() })) });

/** The court this hub serves (configuration: HUB_COURT_NAME, HUB_COURT_CODE). */
export const CourtInfo = z.object({ name: z.string(), code: z.string() });
