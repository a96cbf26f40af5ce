import type { z } from 'zod';
import type { MediatorRoster as Roster, Organisation, Site } from '../../shared/courtApi/sites.js';
import type { CourtClient } from './courtClient.js';

type MediatorRoster = z.infer<typeof Roster>;

// Sites and organisations are named by id in cases and events; staff read their names.

/** The name of a site or organisation by its id (the id itself for one not known). */
export type PlaceName = (id: string | null) => string;
/** A mediator's display name by account id (the id itself for one not known): staff and residents read names, not accounts. */
export type PersonName = (username: string) => string;

/** What a case page names: places, and the mediators of the organisations the case has been with. */
export interface CaseNames {
  place: PlaceName;
  person: PersonName;
}

/** Every organisation's mediators, asked once: a list of cases with many organisations makes one call, not one each. */
export async function mediatorRoster(call: CourtClient): Promise<MediatorRoster['mediators']> {
  const roster = await call('listAllMediators');
  return roster.ok ? roster.value.mediators : [];
}

export async function mediatorNames(call: CourtClient): Promise<PersonName> {
  const names = new Map<string, string>();
  for (const m of await mediatorRoster(call)) if (m.displayName) names.set(m.username, m.displayName);
  return (username) => names.get(username) ?? username;
}

export async function placeNames(call: CourtClient): Promise<PlaceName> {
  const [sites, organisations] = await Promise.all([call('listSites'), call('listOrganisations')]);
  return namesOfPlaces(sites.ok ? sites.value.sites : [], organisations.ok ? organisations.value.organisations : []);
}

/** The names of places from lists a page already has (retired ones too). */
export function namesOfPlaces(sites: readonly Pick<Site, 'siteId' | 'name'>[], organisations: readonly Pick<Organisation, 'organisationId' | 'name'>[]): PlaceName {
  const names = new Map<string, string>();
  for (const s of sites) names.set(s.siteId, s.name);
  for (const o of organisations) names.set(o.organisationId, o.name);
  return (id) => (id === null ? '—' : (names.get(id) ?? id));
}
