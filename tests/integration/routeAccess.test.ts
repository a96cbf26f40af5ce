import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { courtPath } from '../../shared/courtApi/routes.js';
import { can, staffRoles, type StaffAbility, type StaffRole } from '../../shared/staff/roles.js';
import { routeAccess, upgradeAccess } from '../../server/staff/routeAccess.js';
import { enroll } from '../support/attachmentFixtures.js';
import { signIn } from '../support/courtClient.js';
import { deliverIntake } from '../support/courtSteps.js';
import { sampleApplication, sampleIngest } from '../support/fixtures.js';
import { ADMIN_PASSWORD, startHub, type RunningHub } from '../support/hubHarness.js';

// Every route the real hub registers is in the access table (server/staff/routeAccess.ts, the
// court API's own table for its routes), and holds to its line: each staff route is asked by an
// account of every role and by an account of every role whose password must still be changed.
// A role the line refuses gets 401/403/303, never an answer with data, and its refusal is in the
// audit log as denied; a role the line lets in is never refused for its role; an account that
// must change its password is sent to the form; nobody signed out gets anything.

let running: RunningHub;
let origin: string;
/** username → session cookie, for each role: the default accounts, and new ones still on the admin's password. */
const ready = new Map<StaffRole, { username: string; cookie: string }>();
const mustChange = new Map<StaffRole, { username: string; cookie: string }>();
/** A filed case whose party data no 'signedIn' page may show a role without readCases: its ids, and words only its parties' data holds. */
const filed = { caseId: '', submissionId: '', partyWords: ['欧阳修远', '13655551234', '借给邻居欧阳三万元'] };

const defaultAccount: Record<StaffRole, string> = {
  court_admin: 'admin',
  filing_clerk: 'clerk',
  judge: 'judge',
  judge_assistant: 'assistant',
  mediator: 'mediator.people',
  counter_staff: 'counter.xiyuan',
  dashboard_viewer: 'viewer',
};

async function sessionCookie(username: string, password: string): Promise<string> {
  const res = await fetch(`${running.url}${courtPath('signIn')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status, `${username} signs in`).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

beforeAll(async () => {
  running = await startHub();
  origin = new URL(running.url).origin;
  const admin = await signIn(running.url, 'admin', ADMIN_PASSWORD);
  for (const role of staffRoles) {
    const username = defaultAccount[role];
    ready.set(role, { username, cookie: await sessionCookie(username, role === 'court_admin' ? ADMIN_PASSWORD : running.hub.initialPasswords.get(username)!) });
    const fresh = `fresh.${role.replace('_', '.')}`;
    const place = role === 'mediator' ? { organisationId: 'qlh-people-mediation' } : role === 'counter_staff' ? { siteId: 'qlh-centre-xiyuan' } : {};
    const created = await admin.call('createStaff', { body: { username: fresh, displayName: fresh, role, ...place } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.account.mustChangePassword).toBe(true);
    mustChange.set(role, { username: fresh, cookie: await sessionCookie(fresh, created.body.initialPassword) });
  }
  const [name, mobile, facts] = filed.partyWords as [string, string, string];
  const intake = sampleIngest({ application: sampleApplication({ name, mobile, disputeType: 'private_loan', facts }) });
  await deliverIntake(running, await enroll(running.url, 'KSK-ACCESS-1'), intake);
  filed.submissionId = intake.submissionId;
  filed.caseId = (await running.hub.cases.bySubmission(running.hub.database, intake.submissionId))!.caseId;
}, 120_000);
afterAll(async () => {
  await running?.close();
});

const ANY_ID = '6f1c2b9e-4d7a-4e3b-9a51-2c8d0e7f3a64';
/** A path with every parameter filled in with a well-formed value that names nothing. */
const filled = (url: string) =>
  url
    .replace(/\*$/, 'x')
    .replace(':format', 'csv')
    .replace(':sha256', 'a'.repeat(64))
    .replace(/:[A-Za-z]+/g, ANY_ID);

interface Answer {
  status: number;
  location: string | null;
  code: string | null;
  body: string;
}

/** Asks `method url` as the holder of `cookie` (or nobody), from the hub's own origin, with an empty form or JSON body. */
async function ask(method: string, url: string, cookie: string | null): Promise<Answer> {
  const path = filled(url);
  const json = path.startsWith('/api/');
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const res = await fetch(running.url + path, {
    method,
    redirect: 'manual',
    headers: {
      origin,
      'accept-language': 'en',
      ...(cookie ? { cookie } : {}),
      ...(hasBody ? { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' } : {}),
    },
    ...(hasBody ? { body: json ? '{}' : '' } : {}),
  });
  // a stream (the dashboard's, the guidance list's) never ends: its opening answer is enough
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, location: null, code: null, body: '' };
  }
  const body = await res.text();
  let code: string | null = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? null;
  return { status: res.status, location: res.headers.get('location'), code, body };
}

async function deniedRows(username: string): Promise<number> {
  const rows = await running.hub.database.db.selectFrom('audit_log').select('actor_id').where('actor_id', '=', username).where('outcome', '=', 'denied').execute();
  return rows.length;
}

const isSignInRedirect = (a: Answer) => a.status === 303 && !!a.location && a.location.startsWith('/console') && !a.location.startsWith('/console/password');
const sentToPasswordForm = (a: Answer) =>
  (a.status === 403 && (a.code === 'PASSWORD_CHANGE_REQUIRED' || (a.code === null && a.body.includes('/console/password')))) ||
  (a.status === 303 && !!a.location?.startsWith('/console/password')) ||
  (a.status === 200 && a.body.includes('name="newPassword"'));

/** readSiteDashboard reads the account's own site: of these accounts only counter staff have one (the default mediator has none). */
const mayUse = (role: StaffRole, a: StaffAbility) => can(role, a) && (a !== 'readSiteDashboard' || can(role, 'readDashboard') || role === 'counter_staff');

/** Every route but HEAD (answered as its GET). */
const staffRoutes = () => running.hub.routes.filter((r) => r.method !== 'HEAD');
/** Signing out would end the session the rest of the test asks with. */
const endsSession = (method: string, url: string) => method !== 'GET' && /\/(logout)$|^\/api\/v1\/session$/.test(url);

describe('who may call each route of the hub', () => {
  it('every route the hub registers is classified', () => {
    const unclassified = running.hub.routes.filter((r) => routeAccess(r.method, r.url) === undefined).map((r) => `${r.method} ${r.url}`);
    expect(unclassified).toEqual([]);
    expect(running.hub.routes.length).toBeGreaterThan(150);
  });

  it('nobody signed out gets a staff route, and a staff session is no terminal credential', async () => {
    for (const { method, url } of staffRoutes()) {
      const access = routeAccess(method, url)!;
      if (access === 'public') continue;
      const answer = await ask(method, url, null);
      if (access === 'terminal') {
        // refused before anything is read, the upload protocol's own checks included (405: a method the upload endpoint never takes)
        expect.soft([401, 405], `${method} ${url} signed out: ${answer.status}`).toContain(answer.status);
        const asStaff = await ask(method, url, ready.get('court_admin')!.cookie);
        expect.soft([401, 405], `${method} ${url} as a staff session: ${asStaff.status}`).toContain(asStaff.status);
        continue;
      }
      expect.soft(answer.status === 401 || isSignInRedirect(answer), `${method} ${url} signed out: ${answer.status} ${answer.body.slice(0, 200)}`).toBe(true);
    }
  }, 300_000);

  it('each staff route refuses every role its line refuses (audited), lets in the roles it names, and sends a password still to change to the form', async () => {
    let refusals = 0;
    for (const { method, url } of staffRoutes()) {
      const access = routeAccess(method, url)!;
      if (access === 'public' || access === 'terminal' || access === 'account' || endsSession(method, url)) continue;
      const what = `${method} ${url}`;
      await Promise.all(
        staffRoles.map(async (role) => {
          // a page asking the court API as the caller: the API's own table (courtCaseRoles, courtStaff…) decides the rest
          const accounts =
            access === 'signedIn'
              ? [[mustChange.get(role)!, true] as const]
              : ([
                  [ready.get(role)!, false],
                  [mustChange.get(role)!, true],
                ] as const);
          for (const [account, passwordToChange] of accounts) {
            const before = await deniedRows(account.username);
            const answer = await ask(method, url, account.cookie);
            const denied = (await deniedRows(account.username)) - before;
            const said = `${what} as ${role}${passwordToChange ? ' (password still to change)' : ''}: ${answer.status} ${answer.location} ${answer.body.slice(0, 200)}`;
            if (access === 'signedIn') {
              // the API refuses a role before the password: either refusal, never the page's data
              expect.soft(answer.status === 403 || sentToPasswordForm(answer), said).toBe(true);
              continue;
            }
            const holds = (use: (r: StaffRole, a: StaffAbility) => boolean) => access.abilities.some((a) => use(role, a));
            if (holds(can) && !holds(mayUse)) {
              // readSiteDashboard with no site of one's own: the command centre's rule refuses it as a role, the court API's after the password; either way 403
              expect.soft(answer.status, said).toBe(403);
            } else if (!holds(can)) {
              // the role is refused first, whatever the password, and the refusal is audited
              expect.soft(answer.status, said).toBe(403);
              expect.soft(denied, said).toBeGreaterThan(0);
              refusals++;
            } else if (passwordToChange) expect.soft(sentToPasswordForm(answer), said).toBe(true);
            else expect.soft(answer.status !== 401 && denied === 0, said).toBe(true);
          }
        }),
      );
    }
    expect(refusals).toBeGreaterThan(600);
  }, 600_000);

  it("a 'signedIn' page shows no party data to a ready account whose role reads no cases (the viewer, the court admin)", async () => {
    // the ids of a real case, so that a page that read it on sign-in alone would show it
    const real = (url: string) => url.replace(':caseId', filed.caseId).replace(':submissionId', filed.submissionId);
    let asked = 0;
    for (const { method, url } of staffRoutes()) {
      if (routeAccess(method, url) !== 'signedIn' || endsSession(method, url)) continue;
      for (const role of ['dashboard_viewer', 'court_admin'] as const) {
        expect(can(role, 'readCases') || can(role, 'openPersonalData'), role).toBe(false);
        const answer = await ask(method, real(url), ready.get(role)!.cookie);
        const said = `${method} ${url} as ${role}: ${answer.status} ${answer.body.slice(0, 200)}`;
        expect.soft(answer.status, said).toBeLessThan(500);
        for (const words of filed.partyWords) expect.soft(answer.body, said).not.toContain(words);
        asked++;
      }
    }
    expect(asked).toBeGreaterThan(40);
    // the case pages themselves are refused (403) or not found (404) to them, never shown
    for (const role of ['dashboard_viewer', 'court_admin'] as const) {
      for (const url of [`/console/cases/${filed.caseId}`, `/console/intakes/${filed.submissionId}`]) {
        expect([403, 404], `${url} as ${role}`).toContain((await ask('GET', url, ready.get(role)!.cookie)).status);
      }
    }
    // and the same pages do show the case to the filing clerk (the test would pass on a page that shows nothing to anyone otherwise)
    const clerkPage = await ask('GET', `/console/cases/${filed.caseId}?reveal=parties`, ready.get('filing_clerk')!.cookie);
    expect(clerkPage.status).toBe(200);
    expect(clerkPage.body).toContain(filed.partyWords[0]);
  }, 300_000);

  it('a refusal page sends a password still to change to the form, which comes back to the page asked for', async () => {
    // a page of the hub's own (not the console's work list): the role may, the password is still the admin's
    for (const path of ['/console/terminals/new', '/console/releases']) {
      const answer = await ask('GET', path, mustChange.get('court_admin')!.cookie);
      expect(answer.status, path).toBe(403);
      expect(answer.body, path).toContain(`<a href="/console/password?next=${encodeURIComponent(path)}">`);
    }
  });

  it('every WebSocket upgrade the hub accepts is classified, and there is no other door', async () => {
    const paths = running.hub.signalling.upgradePaths;
    expect(paths.filter((p) => upgradeAccess(p) === undefined)).toEqual([]);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    // one listener answers every upgrade: a feature that added its own would be a door the table does not see
    expect(running.hub.app.server.listeners('upgrade')).toHaveLength(1);
    expect((await upgrade('/api/v1/signalling/nowhere', null)).status).toBe(404);
  });

  it('each staff upgrade refuses every role its line refuses (audited) and opens for the roles it names; nobody signed out opens one', async () => {
    let opened = 0;
    let refusals = 0;
    for (const path of running.hub.signalling.upgradePaths) {
      const access = upgradeAccess(path)!;
      if (access === 'public') continue;
      expect((await upgrade(path, null)).status, `${path} signed out`).toBe(401);
      if (access === 'terminal') {
        expect((await upgrade(path, ready.get('court_admin')!.cookie)).status, `${path} as a staff session`).toBe(401);
        continue;
      }
      if (access === 'account' || access === 'signedIn') throw new Error(`${path}: no upgrade is classified ${access}; hold it to its line here`);
      for (const role of staffRoles) {
        const holds = access.abilities.some((a) => can(role, a));
        for (const [account, passwordToChange] of [
          [ready.get(role)!, false],
          [mustChange.get(role)!, true],
        ] as const) {
          const before = await deniedRows(account.username);
          const { status } = await upgrade(path, account.cookie);
          const denied = (await deniedRows(account.username)) - before;
          const said = `${path} as ${role}${passwordToChange ? ' (password still to change)' : ''}: ${status}`;
          if (!holds) {
            expect.soft(status, said).toBe(403);
            expect.soft(denied, said).toBeGreaterThan(0);
            refusals++;
          } else if (passwordToChange) expect.soft(status, said).toBe(403);
          else {
            expect.soft(status, said).toBe(101);
            opened++;
          }
        }
      }
    }
    // the desk opens for the three roles that answer calls, and refuses the other four (ready or not)
    expect(opened).toBe(3);
    expect(refusals).toBe(8);
  }, 120_000);
});

/** Opens a WebSocket at `path` from the hub's own origin as the holder of `cookie` (or nobody): 101 if it opened (then closed), else the refusal's status. */
function upgrade(path: string, cookie: string | null): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(running.url.replace(/^http/, 'ws') + path, { headers: { origin, ...(cookie ? { cookie } : {}) } });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101 });
    });
    ws.on('unexpected-response', (req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      req.destroy();
    });
    ws.on('error', reject);
  });
}
