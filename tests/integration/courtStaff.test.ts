import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtRoutes } from '../../shared/courtApi/routes.js';
import { dashboardOpenApiRoutes } from '../../shared/dashboard/openapiRoutes.js';
import { PERSON_ID } from '../e2e/support/applications.js';
import { anonymousClient, signIn, tokenClient, type CourtClient } from '../support/courtClient.js';
import { sampleApplication } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// Staff and what they see through the court API on a real hub: accounts an admin creates (a first
// password to change), resets and deactivates; service accounts' API tokens; the case list's
// scope, search (phones and ID numbers by blind index) and exports; personal data masked unless
// opened (audited); the audit log; the OpenAPI document; and the sign-in lockout (last: it locks
// this hub's only source address).

let running: RunningHub;
let base: string;
let admin: CourtClient;
let clerk: CourtClient;
let mediator: CourtClient;
const STRONG = 'Lanzhou-Qilihe-2026!';

beforeAll(async () => {
  running = await startHub();
  base = running.url;
  const pw = running.hub.initialPasswords;
  admin = await signIn(base, 'admin', 'test-admin-password');
  clerk = await signIn(base, 'clerk', pw.get('clerk')!);
  mediator = await signIn(base, 'mediator.people', pw.get('mediator.people')!);
});
afterAll(async () => {
  await running?.close();
});

const enter = async (name: string, mobile: string) => {
  const res = await clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ name, mobile }) } });
  expect(res.status).toBe(201);
  return res.body.case;
};
const audited = (action: string, outcome: 'ok' | 'denied', actor: string) =>
  running.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('outcome', '=', outcome).where('actor_id', '=', actor).execute();

describe('staff accounts', () => {
  it('gives a new account a first password that must be changed, strongly, before anything else', async () => {
    const created = await admin.call('createStaff', { body: { username: 'li.tiaojie', displayName: '李调解', role: 'mediator', organisationId: 'qlh-xiyuan-mediation' } });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ role: 'mediator', mustChangePassword: true, active: true });
    const li = await signIn(base, 'li.tiaojie', created.body.initialPassword);
    expect((await li.call('listCases')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await li.call('changePassword', { body: { currentPassword: created.body.initialPassword, newPassword: 'password1234' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'WEAK_PASSWORD', issues: [{ path: 'newPassword' }] });
    const wrong = await li.call('changePassword', { body: { currentPassword: 'not-it', newPassword: STRONG } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'currentPassword', message: 'errors.password.currentWrong' }] });
    expect((await li.call('changePassword', { body: { currentPassword: created.body.initialPassword, newPassword: STRONG } })).status).toBe(204);
    expect((await li.call('listCases')).status).toBe(200); // the same session goes on
    expect((await li.call('session')).body).toMatchObject({ username: 'li.tiaojie', mustChangePassword: false, abilities: expect.arrayContaining(['readCases', 'answerCalls']) });
    expect(await audited('staff.created', 'ok', 'admin')).toHaveLength(1);
  });

  it('resets a password (sessions end, a temporary one must be changed) and deactivates an account', async () => {
    const li = await signIn(base, 'li.tiaojie', STRONG);
    const reset = await admin.call('resetPassword', { params: { username: 'li.tiaojie' } });
    expect(reset.status).toBe(200);
    expect((await li.call('session')).status).toBe(401);
    const again = await signIn(base, 'li.tiaojie', reset.body.temporaryPassword);
    expect((await again.call('session')).body.mustChangePassword).toBe(true);
    const off = await admin.call('updateStaff', { params: { username: 'li.tiaojie' }, body: { active: false } });
    expect(off.body.active).toBe(false);
    expect((await again.call('session')).status).toBe(401);
    await expect(signIn(base, 'li.tiaojie', reset.body.temporaryPassword)).rejects.toThrow(/401/);
    expect((await admin.call('updateStaff', { params: { username: 'admin' }, body: { active: false } })).status).toBe(409);
  });

  it('issues API tokens to service accounts only; a revoked token stops working', async () => {
    expect((await admin.call('createStaff', { body: { username: 'court.system', role: 'filing_clerk', kind: 'service' } })).body.initialPassword).toBeNull();
    expect((await admin.call('issueToken', { params: { username: 'clerk' }, body: { label: 'x' } })).status).toBe(409);
    const issued = await admin.call('issueToken', { params: { username: 'court.system' }, body: { label: '审判系统', expiresInDays: 30 } });
    expect(issued.status).toBe(201);
    const system = tokenClient(base, 'court.system', issued.body.token);
    expect((await system.call('listCases')).status).toBe(200);
    expect((await system.call('listStaff')).status).toBe(403); // its role limits it
    // a token has no password to change: refused as not its to do, never as a wrong password
    const change = await system.call('changePassword', { body: { currentPassword: 'anything', newPassword: STRONG } });
    expect(change.status).toBe(403);
    expect(change.body.error).toMatchObject({ code: 'FORBIDDEN' });
    const listed = (await admin.call('listTokens', { params: { username: 'court.system' } })).body.tokens;
    expect(JSON.stringify(listed)).not.toContain(issued.body.token);
    expect((await admin.call('revokeToken', { params: { username: 'court.system', tokenId: issued.body.tokenId } })).status).toBe(204);
    expect((await system.call('listCases')).status).toBe(401);
  });

  it('keeps account work to admins, and audits the refusal', async () => {
    expect((await clerk.call('listStaff')).status).toBe(403);
    expect((await clerk.call('createSite', { body: { siteId: 'x-site', name: '某站点', kind: 'grid' } })).status).toBe(403);
    expect((await audited('api.listStaff', 'denied', 'clerk')).length).toBe(1);
    expect((await clerk.call('audit')).status).toBe(403);
    const site = await admin.call('createSite', { body: { siteId: 'qlh-grid-jianlanlu', name: '建兰路街道网格服务点', kind: 'grid', parentSiteId: 'qlh-court-hall' } });
    expect(site.status).toBe(201);
    expect((await admin.call('createSite', { body: { siteId: 'qlh-grid-jianlanlu', name: '重复', kind: 'grid' } })).status).toBe(409);
    expect((await clerk.call('listSites')).body.sites.map((s: any) => s.siteId)).toContain('qlh-grid-jianlanlu');
    expect((await clerk.call('listMediators', { params: { organisationId: 'qlh-people-mediation' } })).body.mediators.map((m: any) => m.username)).toEqual(['mediator.people']);
  });
});

describe('the case list', () => {
  it('finds a case by phone or ID number (blind index), by name and by case number; in the caller’s scope only', async () => {
    const a = await enter('马晓燕', '13893100001');
    const b = await enter('杨建军', '13893100002');
    const diverted = await clerk.call('actOnCase', {
      params: { caseId: a.caseId },
      body: { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', consent: { method: 'application' } }, expectedSeq: 1 },
    });
    const number = diverted.body.case.caseNumber as string;
    const found = async (by: CourtClient, q: string) => (await by.call('listCases', { query: `q=${encodeURIComponent(q)}` })).body.cases.map((c: any) => c.caseId);
    expect(await found(clerk, '138 9310 0001')).toEqual([a.caseId]);
    expect(await found(clerk, '13893100002')).toEqual([b.caseId]);
    expect(await found(clerk, '马晓')).toEqual([a.caseId]);
    expect(await found(clerk, number)).toEqual([a.caseId]);
    expect(await found(clerk, '13893100009')).toEqual([]);
    expect((await found(clerk, PERSON_ID)).length).toBeGreaterThanOrEqual(2);
    // the mediator sees only what was diverted to their organisation
    expect(await found(mediator, '13893100002')).toEqual([]);
    expect((await mediator.call('listCases')).body.cases.map((c: any) => c.caseId)).toEqual([a.caseId]);
    expect((await mediator.call('getCase', { params: { caseId: b.caseId } })).status).toBe(404);
    expect((await audited('case.viewed', 'denied', 'mediator.people')).length).toBe(1);
    const row = (await clerk.call('listCases', { query: 'state=in_mediation' })).body.cases[0];
    expect(row).toMatchObject({ caseId: a.caseId, applicant: '马**', deadline: { kind: 'mediation', overdue: false } });
  });

  it('masks parties unless opened, and audits the opening', async () => {
    const c = await enter('赵丽华', '13893100003');
    const masked = (await clerk.call('getCase', { params: { caseId: c.caseId } })).body;
    expect(JSON.stringify(masked)).not.toContain('13893100003');
    expect(masked.application).toBeNull();
    expect(masked.parties[0]).toMatchObject({ name: '赵**', phone: '138****0003', revealed: false });
    const opened = (await clerk.call('getCase', { params: { caseId: c.caseId }, query: 'reveal=parties' })).body;
    expect(opened.parties[0]).toMatchObject({ name: '赵丽华', phone: '13893100003', idNumber: PERSON_ID, revealed: true });
    const log = await running.hub.database.db.selectFrom('audit_log').selectAll().where('case_id', '=', c.caseId).where('action', '=', 'case.parties_opened').execute();
    expect(log).toMatchObject([{ actor_id: 'clerk', actor_role: 'filing_clerk', outcome: 'ok' }]);
    expect((await admin.call('getCase', { params: { caseId: c.caseId }, query: 'reveal=parties' })).status).toBe(403);
  });

  it('exports the list as CSV and XLSX for the roles that may', async () => {
    const csv = await clerk.raw('exportCsv', { query: 'kind=dispute' });
    expect(csv.status).toBe(200);
    const raw = Buffer.from(await csv.arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM: Excel reads the Chinese as UTF-8
    const text = raw.toString('utf8');
    expect(text).toContain('案号 Case number');
    expect(text).toContain('马**');
    expect(text).not.toContain('13893100001');
    const xlsx = await clerk.raw('exportXlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.includes(Buffer.from('民诉前调'))).toBe(true);
    expect((await mediator.raw('exportCsv')).status).toBe(403);
  });
});

describe('the API itself', () => {
  it('describes every route in OpenAPI 3.1, generated from the schemas it validates with', async () => {
    const res = await anonymousClient(base).call('openapi');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const operations = Object.values(res.body.paths as Record<string, Record<string, any>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual([...Object.keys(courtRoutes), ...Object.keys(dashboardOpenApiRoutes)].sort());
    const act = res.body.paths['/api/v1/cases/{caseId}/events'].post;
    expect(act.requestBody.content['application/json'].schema.properties.type.enum).toContain('case.diverted');
    expect(act.responses['409']).toBeDefined();
    expect(res.body.paths['/api/v1/dashboard/drill'].get.parameters.map((p: { name: string }) => p.name)).toContain('indicator');
  });

  it('serves every dashboard route the document describes (signed out: refused, never "no such endpoint")', async () => {
    for (const route of Object.values(dashboardOpenApiRoutes)) {
      const path = route.path.replace('{format}', 'csv').replace(/\{[A-Za-z]+\}/g, '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f');
      const res = await fetch(`${base}${path}`, { method: route.method, headers: { 'content-type': 'application/json' }, ...(route.method === 'POST' ? { body: '{}' } : {}) });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
  });

  it('shows admins the audit log, references only', async () => {
    const page = await admin.call('audit', { query: 'action=case.parties_opened' });
    expect(page.status).toBe(200);
    expect(page.body.entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(page.body)).not.toContain('13893100003');
  });

  it('locks an account after repeated failures: 50 wrong in a row leave the 51st, right, refused', async () => {
    const anyone = anonymousClient(base);
    const password = running.hub.initialPasswords.get('judge')!;
    for (let i = 0; i < 50; i++) {
      const res = await anyone.call('signIn', { body: { username: 'judge', password: `wrong-${i}` } });
      expect([401, 429]).toContain(res.status);
    }
    const res = await fetch(`${base}${courtRoutes.signIn.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'judge', password }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe('SIGN_IN_LOCKED');
    expect((await admin.call('getStaff', { params: { username: 'judge' } })).body.lockedUntil).not.toBeNull();
  });
});
