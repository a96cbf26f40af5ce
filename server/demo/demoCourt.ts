import { createHash } from 'node:crypto';
import type { DbScope } from '../db/engine.js';
import { hashPasswordSync } from '../staff/passwords.js';

// The demo district court's structure (兰州市七里河区人民法院, the seed's court): 20 sites of the
// three kinds around the court (its hall and two tribunals, nine street and township dispute
// centres, eight community grid points) placed on the schematic map, 15 mediation
// organisations with three mediators each, and three terminals per site. Names are public
// place names; the people are invented (no real person's name).

export interface DemoSite {
  siteId: string;
  name: string;
  kind: 'court' | 'tribunal' | 'centre' | 'grid';
  x: number;
  y: number;
  /** Share of the court's disputes received here. */
  weight: number;
}

const centres: Array<[string, string, number, number]> = [
  ['xiyuan', '西园街道', 0.42, 0.3],
  ['xihu', '西湖街道', 0.5, 0.24],
  ['jianlanlu', '建兰路街道', 0.58, 0.32],
  ['dunhuanglu', '敦煌路街道', 0.36, 0.4],
  ['xizhan', '西站街道', 0.3, 0.28],
  ['gongjiawan', '龚家湾街道', 0.62, 0.44],
  ['tumendun', '土门墩街道', 0.24, 0.36],
  ['xiuchuan', '秀川街道', 0.7, 0.3],
  ['weiling', '魏岭乡', 0.66, 0.82],
];
const grids: Array<[string, string, number, number]> = [
  ['yanjiaping', '晏家坪社区', 0.5, 0.48],
  ['hualinping', '华林坪社区', 0.44, 0.56],
  ['cuijiaya', '崔家崖村', 0.2, 0.5],
  ['huangyu', '黄峪镇', 0.8, 0.62],
  ['bali', '八里镇', 0.54, 0.66],
  ['agan', '阿干镇', 0.46, 0.86],
  ['pengjiaping', '彭家坪镇', 0.28, 0.6],
  ['xiguoyuan', '西果园镇', 0.36, 0.74],
];

export const demoSites: DemoSite[] = [
  { siteId: 'court-hall', name: '七里河区法院诉讼服务中心', kind: 'court', x: 0.48, y: 0.38, weight: 0.25 },
  { siteId: 'tribunal-pengjiaping', name: '彭家坪人民法庭', kind: 'tribunal', x: 0.3, y: 0.66, weight: 0.1 },
  { siteId: 'tribunal-agan', name: '阿干人民法庭', kind: 'tribunal', x: 0.5, y: 0.8, weight: 0.08 },
  ...centres.map(([id, name, x, y]) => ({ siteId: `centre-${id}`, name: `${name}综治中心`, kind: 'centre' as const, x, y, weight: 0.04 })),
  ...grids.map(([id, name, x, y]) => ({ siteId: `grid-${id}`, name: `${name}网格点`, kind: 'grid' as const, x, y, weight: 0.0225 })),
];

export interface DemoOrganisation {
  organisationId: string;
  name: string;
  kind: 'people' | 'industry' | 'invited' | 'court';
  siteId: string | null;
  /** Dispute types it takes from anywhere (industry organisations). */
  takes: string[];
}

export const demoOrganisations: DemoOrganisation[] = [
  ...centres.map(([id, name]) => ({ organisationId: `org-${id}`, name: `${name}人民调解委员会`, kind: 'people' as const, siteId: `centre-${id}`, takes: [] })),
  { organisationId: 'org-labour', name: '区劳动人事争议调解中心', kind: 'industry', siteId: null, takes: ['labour'] },
  { organisationId: 'org-property', name: '区物业纠纷人民调解委员会', kind: 'industry', siteId: null, takes: ['property_service'] },
  { organisationId: 'org-traffic', name: '区道路交通事故调解委员会', kind: 'industry', siteId: null, takes: ['traffic'] },
  { organisationId: 'org-medical', name: '区医疗纠纷人民调解委员会', kind: 'industry', siteId: null, takes: ['medical'] },
  { organisationId: 'org-invited', name: '特邀调解员工作室', kind: 'invited', siteId: null, takes: ['finance', 'sale_consumer'] },
  { organisationId: 'org-court', name: '法院诉前调解团队', kind: 'court', siteId: 'court-hall', takes: [] },
];

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'];
const given = ['建国', '秀兰', '志强'];

/** Three mediators per organisation: `med-<org>-<n>`, invented names. */
export const demoMediators = demoOrganisations.flatMap((o, i) =>
  given.map((g, n) => ({ username: `med-${o.organisationId.slice(4)}-${n + 1}`, displayName: `${surnames[i % surnames.length]}${g}`, organisationId: o.organisationId })),
);

export const demoTerminals = demoSites.flatMap((s) =>
  (['kiosk', 'kiosk', 'counter'] as const).map((kind, n) => ({
    terminalId: `${s.siteId}-${kind}-${n + 1}`,
    name: `${s.name}${kind === 'kiosk' ? '自助终端' : '远程柜台'}${n + 1}`,
    siteId: s.siteId,
    kind,
  })),
);

/** A demo terminal's credential: used by the heartbeat source (./demoHeartbeats.ts) only; known because the demo hub is for looking at. */
export const demoCredential = (terminalId: string) => `demo-${terminalId}`;
export const demoCredentialHash = (terminalId: string) => createHash('sha256').update(demoCredential(terminalId)).digest('hex');

/** The demo's own logins: the court admin (console) and a president's read-only dashboard view. */
export const demoLoginNames = { admin: 'admin', president: 'president' } as const;

export async function seedDemoCourt({ db }: DbScope, at: string, passwords: { admin: string; president: string }): Promise<void> {
  // the hub makes no admin where staff exist already: the demo makes its own
  await db
    .insertInto('staff')
    .values([
      { username: demoLoginNames.admin, password_hash: hashPasswordSync(passwords.admin), created_at: at, role: 'court_admin', display_name: '法院管理员', organisation_id: null, kind: 'person' },
      {
        username: demoLoginNames.president,
        password_hash: hashPasswordSync(passwords.president),
        created_at: at,
        role: 'dashboard_viewer',
        display_name: '院长',
        organisation_id: null,
        kind: 'person',
      },
    ])
    .execute();
  for (const s of demoSites) {
    await db
      .insertInto('sites')
      .values({ site_id: s.siteId, name: s.name, kind: s.kind, parent_site_id: s.kind === 'court' ? null : 'court-hall', map_x: s.x, map_y: s.y, created_at: at })
      .execute();
  }
  for (const o of demoOrganisations) {
    await db.insertInto('organisations').values({ organisation_id: o.organisationId, name: o.name, kind: o.kind, site_id: o.siteId, created_at: at }).execute();
  }
  for (const m of demoMediators) {
    await db
      .insertInto('staff')
      .values({ username: m.username, password_hash: 'none', created_at: at, role: 'mediator', display_name: m.displayName, organisation_id: m.organisationId, kind: 'person' })
      .execute();
  }
  for (const t of demoTerminals) {
    // enrolled with the demo credential, which only the demo's heartbeat source uses (./demoHeartbeats.ts)
    const credentialHash = demoCredentialHash(t.terminalId);
    await db
      .insertInto('terminals')
      .values({ terminal_id: t.terminalId, name: t.name, location: '', credential_hash: credentialHash, enrolled_at: at, credential_issued_at: at, site_id: t.siteId, kind: t.kind })
      .execute();
  }
}
