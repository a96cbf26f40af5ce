import type { CourtClient } from './courtClient.js';

// Sites and organisations are named by id in cases and events; staff read their names.

/** The name of a site or organisation by its id (the id itself for one not known). */
export type PlaceName = (id: string | null) => string;

export async function placeNames(call: CourtClient): Promise<PlaceName> {
  const [sites, organisations] = await Promise.all([call('listSites'), call('listOrganisations')]);
  const names = new Map<string, string>();
  for (const s of sites.ok ? sites.value.sites : []) names.set(s.siteId, s.name);
  for (const o of organisations.ok ? organisations.value.organisations : []) names.set(o.organisationId, o.name);
  return (id) => (id === null ? '—' : (names.get(id) ?? id));
}
