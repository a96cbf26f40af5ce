import type { DbScope } from '../../server/db/engine.js';
import type { CourtFixture } from './randomCaseWalk.js';

// A small court written straight into a test database (sites, organisations, their mediators),
// for tests that need the rows cases refer to before the sites and staff stores can make them.

export const smallCourt: CourtFixture & { siteKinds: Record<string, string> } = {
  sites: ['court-hall', 'centre-xiyuan', 'centre-pengjiaping', 'grid-lianjia'],
  siteKinds: { 'court-hall': 'court', 'centre-xiyuan': 'centre', 'centre-pengjiaping': 'centre', 'grid-lianjia': 'grid' },
  organisations: {
    'org-people-xiyuan': ['med-li', 'med-wang'],
    'org-labour': ['med-zhao'],
    'org-court-team': ['med-chen', 'med-sun'],
  },
};

export async function seedCourt({ db }: DbScope, court = smallCourt, at = '2026-01-01T00:00:00.000Z'): Promise<void> {
  for (const [i, siteId] of court.sites.entries()) {
    const kind = (court as { siteKinds?: Record<string, string> }).siteKinds?.[siteId] ?? 'centre';
    await db
      .insertInto('sites')
      .values({ site_id: siteId, name: siteId, kind, parent_site_id: null, map_x: 0.2 + 0.15 * i, map_y: 0.3 + 0.1 * i, created_at: at })
      .execute();
  }
  for (const [organisationId, mediators] of Object.entries(court.organisations)) {
    await db.insertInto('organisations').values({ organisation_id: organisationId, name: organisationId, kind: 'people', site_id: null, created_at: at }).execute();
    for (const username of mediators) {
      await db.insertInto('staff').values({ username, password_hash: 'x', created_at: at, role: 'mediator', display_name: username, organisation_id: organisationId }).execute();
    }
  }
}
