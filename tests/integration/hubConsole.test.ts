import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollResponse, hubPaths } from '../../shared/hubProtocol.js';
import type { MediationApplication } from '../../shared/application.js';
import { createHub, type Hub } from '../../server/hub.js';
import { sampleApplication, sampleIngest } from '../support/fixtures.js';
import { listedCases } from '../support/consoleCases.js';
import { testDatabase } from '../support/hubEngine.js';
import { tempDir } from '../support/testDirs.js';

// The staff console against a real hub: sign-in, kiosk intakes on the clerk's work list, escaping and masking.

const ADMIN_PASSWORD = 'console-admin-password';
let hub: Hub;
let base: string;
let dir: string;
let clock = Date.parse('2026-03-05T01:00:00.000Z');

beforeAll(async () => {
  dir = tempDir('hub-console-');
  hub = await createHub({
    ...(await testDatabase(dir)),
    enrollmentCode: 'court-enrollment-code-2026',
    adminPassword: ADMIN_PASSWORD,
    now: () => new Date(clock),
  });
  base = await hub.listen();
});

afterAll(async () => {
  await hub.close();
});

const form = (fields: Record<string, string>) =>
  ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' }) as const;

async function login(password = ADMIN_PASSWORD, username = 'admin'): Promise<Response> {
  return fetch(base + '/console/login', form({ username, password }));
}

/** A console session: the admin's, or (the intakes' listing reads cases) the filing clerk's. */
async function sessionCookie(as: 'admin' | 'clerk' = 'admin'): Promise<string> {
  const res = await login(as === 'admin' ? ADMIN_PASSWORD : hub.initialPasswords.get('clerk'), as);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/console');
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return setCookie.split(';')[0]!;
}

async function submit(facts: string, name = '李四', mobile = '13912345678', respondent?: MediationApplication['respondents'][number]): Promise<string> {
  const terminalId = `kiosk-${randomUUID().slice(0, 8)}`;
  const enrolled = await fetch(base + hubPaths.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: 'court-enrollment-code-2026', terminalId, name: '七里河区<b>站</b>' }),
  });
  const { credential } = EnrollResponse.parse(await enrolled.json());
  const application = sampleApplication({ name, mobile, disputeType: 'private_loan', facts });
  if (respondent) application.respondents = [respondent];
  const body = sampleIngest({ provisionalNumber: 'P-1', submittedAt: new Date(clock).toISOString(), application });
  clock += 60_000;
  const res = await fetch(base + hubPaths.intakes, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': body.submissionId },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { submissionId: string }).submissionId;
}

describe('hub: staff console', () => {
  it('shows a sign-in form, with a strict CSP, to anyone not signed in', async () => {
    const res = await fetch(base + '/console');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('action="/console/login"');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('http-equiv="refresh"'); // would wipe a half-typed password

    const api = await fetch(base + '/api/v1/console/intakes');
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong password or unknown user with a 401 page, not a 5xx', async () => {
    for (const res of [await login('wrong-password'), await login(ADMIN_PASSWORD, 'nobody')]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('用户名或密码错误');
    }
    const empty = await fetch(base + '/console/login', form({}));
    expect(empty.status).toBe(400);
    const json = await fetch(base + '/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(json.status).toBe(415);
    const crossSite = await fetch(base + '/console/login', {
      ...form({ username: 'admin', password: ADMIN_PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
    // said as a request from elsewhere, never as the role's refusal (a proxy rewriting Origin would otherwise read "your role may not")
    const crossSitePage = await crossSite.text();
    expect(crossSitePage).toContain('This request did not come from this hub’s own pages');
    expect(crossSitePage).toContain('不是从本系统的页面发出的');
    expect(crossSitePage).not.toContain('Your role may not');
  });

  it('lists kiosk intakes as cases waiting for diversion, escapes HTML and masks parties until opened', async () => {
    const first = await submit('第一件：借款未还');
    // an organisation on the other side may be named anything the resident typed, markup too
    const second = await submit('<script>alert("x")</script> & <img src=x onerror=alert(1)>', '王五', '138 1234 5678', { kind: 'organisation', name: '<b>某公司</b>', address: '兰州市' });
    const cookie = await sessionCookie();
    const clerk = await login(hub.initialPasswords.get('clerk'), 'clerk');
    const clerkCookie = clerk.headers.get('set-cookie')!.split(';')[0]!;

    const page = await fetch(base + '/console', { headers: { cookie: clerkCookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('待分流的案件');
    const listed = listedCases(html);
    expect(listed).toHaveLength(2);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('民间借贷');

    // the newer case, opened: what the resident typed is shown as text
    const openedRes = await fetch(`${base}/console/cases/${listed[1]}?reveal=parties`, { headers: { cookie: clerkCookie } });
    expect(openedRes.headers.get('cache-control')).toBe('private, no-store');
    const opened = await openedRes.text();
    expect(opened).not.toContain('<script');
    expect(opened).not.toContain('<img');
    expect(opened).not.toContain('<b>');
    expect(opened).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img');
    expect(opened).toContain('&lt;b&gt;某公司&lt;/b&gt;');
    const masked = await (await fetch(`${base}/console/cases/${listed[1]}`, { headers: { cookie: clerkCookie } })).text();
    expect(masked).toContain('138****5678');
    expect(masked).not.toContain('13812345678');

    // the JSON listing follows the court API's rules for cases: the admin reads no case (403, audited)…
    const audited = (actor: string, action: string, outcome: string) =>
      hub.database.db.selectFrom('audit_log').select('case_id').where('actor_id', '=', actor).where('action', '=', action).where('outcome', '=', outcome).execute();
    const refused = await fetch(base + '/api/v1/console/intakes', { headers: { cookie } });
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([403, 'FORBIDDEN']);
    expect(await audited('admin', 'intakes.listed', 'denied')).toHaveLength(1);
    // …the filing clerk gets the applicant masked and what they wrote left out, the listing audited
    const api = await fetch(base + '/api/v1/console/intakes', { headers: { cookie: clerkCookie } });
    expect(api.status).toBe(200);
    type Listed = { total: number; intakes: { submissionId: string; caseNumber: string | null; mobileMasked: string; applicantName: string; description: string }[] };
    const list = (await api.json()) as Listed;
    expect(list.total).toBe(2);
    expect(list.intakes.map((i) => [i.submissionId, i.caseNumber])).toEqual([
      [second, null],
      [first, null],
    ]);
    expect(list.intakes[0]!.mobileMasked).toBe('138****5678');
    expect(list.intakes[0]).toMatchObject({ applicantName: '王*', description: '' });
    expect(await audited('clerk', 'intakes.listed', 'ok')).toHaveLength(1);
    const openedBefore = (await audited('clerk', 'case.parties_opened', 'ok')).length; // the case page above
    // opened (?reveal=parties): in full, each case's opening audited as on the case page
    const opened2 = (await (await fetch(base + '/api/v1/console/intakes?reveal=parties', { headers: { cookie: clerkCookie } })).json()) as Listed;
    expect(opened2.intakes[0]).toMatchObject({ applicantName: '王五' });
    expect(opened2.intakes[0]!.description).toContain('<script>');
    expect(await audited('clerk', 'case.parties_opened', 'ok')).toHaveLength(openedBefore + 2);
  });

  it("shows the claims and facts of a stored application whose applicant's name is not letters ('123', received before or past the kiosk's rule)", async () => {
    await submit('借款三万元，约定半年归还，至今未还', '123');
    const clerk = await login(hub.initialPasswords.get('clerk'), 'clerk');
    const clerkCookie = clerk.headers.get('set-cookie')!.split(';')[0]!;
    const listed = listedCases(await (await fetch(base + '/console', { headers: { cookie: clerkCookie } })).text());
    // the newest case is listed last
    const opened = await (await fetch(`${base}/console/cases/${listed.at(-1)}?reveal=parties`, { headers: { cookie: clerkCookie } })).text();
    expect(opened).toContain('<td>123</td>');
    expect(opened).toContain('<h3>请求事项');
    expect(opened).toContain('<li class="free-text">请求对方停止占用楼道</li>');
    expect(opened).toContain('<p class="free-text">借款三万元，约定半年归还，至今未还</p>');
  });

  it('serves its stylesheet from its own origin', async () => {
    const res = await fetch(base + '/console/console.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/css/);
  });

  it('signs out: the session cookie stops working', async () => {
    const cookie = await sessionCookie('clerk');
    expect((await fetch(base + '/api/v1/console/intakes', { headers: { cookie } })).status).toBe(200);
    const out = await fetch(base + '/console/logout', { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(base + '/api/v1/console/intakes', { headers: { cookie } })).status).toBe(401);
    const page = await (await fetch(base + '/console', { headers: { cookie } })).text();
    expect(page).toContain('action="/console/login"');
  });

  it('expires sessions after a working day', async () => {
    const cookie = await sessionCookie('clerk');
    clock += 13 * 3600_000;
    expect((await fetch(base + '/api/v1/console/intakes', { headers: { cookie } })).status).toBe(401);
  });
});
