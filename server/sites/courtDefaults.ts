import type { OrganisationCreate, SiteCreate } from '../../shared/courtApi/sites.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { SiteStore } from './siteStore.js';

// The court's structure a new hub starts with, so `npm start` is usable at once: the court's hall
// (where the local kiosk stands), township and street dispute centres and community grid points
// of 七里河区, and the mediation organisations cases are diverted to. Seeded once, when the hub has
// no site yet; admins change them through the court API afterwards. Map positions are rough
// fractions of the district map (the dashboard draws them).

export const HALL_SITE_ID = 'qlh-court-hall';
/**
 * The site a terminal counts under: its own, or the court's hall for one given none. Its filings
 * are received there (server/cases/intakeReceipt.ts), so the dashboard counts them there, and the
 * terminal lists show it there (server/terminals/fleetStore.ts): one answer on every screen.
 */
export const terminalSite = (siteId: string | null): string => siteId ?? HALL_SITE_ID;

export const defaultSites: SiteCreate[] = [
  { siteId: HALL_SITE_ID, name: '七里河区人民法院诉讼服务中心', kind: 'court', mapX: 0.52, mapY: 0.38 },
  { siteId: 'qlh-tribunal-pengjiaping', name: '彭家坪人民法庭', kind: 'tribunal', parentSiteId: HALL_SITE_ID, mapX: 0.4, mapY: 0.55 },
  { siteId: 'qlh-centre-xiyuan', name: '西园街道矛盾纠纷调处中心', kind: 'centre', parentSiteId: HALL_SITE_ID, mapX: 0.58, mapY: 0.3 },
  { siteId: 'qlh-centre-dunhuanglu', name: '敦煌路街道矛盾纠纷调处中心', kind: 'centre', parentSiteId: HALL_SITE_ID, mapX: 0.47, mapY: 0.33 },
  { siteId: 'qlh-centre-agan', name: '阿干镇矛盾纠纷调处中心', kind: 'centre', parentSiteId: HALL_SITE_ID, mapX: 0.55, mapY: 0.85 },
  { siteId: 'qlh-grid-xihu', name: '西湖街道社区网格服务点', kind: 'grid', parentSiteId: 'qlh-centre-xiyuan', mapX: 0.62, mapY: 0.27 },
  { siteId: 'qlh-grid-pengjiaping', name: '彭家坪镇村级网格服务点', kind: 'grid', parentSiteId: 'qlh-tribunal-pengjiaping', mapX: 0.36, mapY: 0.6 },
];

export const defaultOrganisations: OrganisationCreate[] = [
  { organisationId: 'qlh-people-mediation', name: '七里河区人民调解委员会', kind: 'people', siteId: HALL_SITE_ID },
  { organisationId: 'qlh-traffic-mediation', name: '七里河区交通事故纠纷人民调解委员会', kind: 'industry', siteId: HALL_SITE_ID },
  { organisationId: 'qlh-invited-mediators', name: '七里河区人民法院特邀调解员', kind: 'invited', siteId: HALL_SITE_ID },
  { organisationId: 'qlh-xiyuan-mediation', name: '西园街道人民调解委员会', kind: 'people', siteId: 'qlh-centre-xiyuan' },
  { organisationId: 'qlh-agan-mediation', name: '阿干镇人民调解委员会', kind: 'people', siteId: 'qlh-centre-agan' },
];

/** Seeds the default sites and organisations if the hub has no site yet; true if it did. */
export async function seedCourtStructure(scope: DbScope, sites: SiteStore, at: string): Promise<boolean> {
  return inTransaction(scope, async (trx) => {
    if ((await sites.countSites(trx)) > 0) return false;
    for (const s of defaultSites) await sites.addSite(trx, s, at);
    for (const o of defaultOrganisations) await sites.addOrganisation(trx, o, at);
    return true;
  });
}
