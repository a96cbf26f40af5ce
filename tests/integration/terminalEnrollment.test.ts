import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTER_SIGN_IN_PATH } from '../../shared/counter/counterProtocol.js';
import { courtWordsPaths } from '../../shared/courtWords.js';
import { INTAKE_STATUS_PATH } from '../../shared/caseStatus.js';
import { EnrollResponse, HubErrorBody, hubPaths } from '../../shared/hubProtocol.js';
import { playlistPaths } from '../../shared/playlist.js';
import { signallingPaths } from '../../shared/signalling.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import { EnrollmentTokenIssued } from '../../shared/terminals/enrollment.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { sampleIngest } from '../support/fixtures.js';
import { ADMIN_PASSWORD, startHub, type RunningHub } from '../support/hubHarness.js';

// Terminal identity (issue 14 item 1) against a real hub: staff create a terminal and get a
// one-time token; the token enrolls once and only once; an enrolled id cannot be taken over by a
// token or by the site-wide code; revoking ends the credential at once (401) and a new token
// rotates it; attempts are limited per source (429 + Retry-After) and audited.

let running: RunningHub;
let admin: CourtClient;
let clerk: CourtClient;

beforeAll(async () => {
  running = await startHub();
  admin = await signIn(running.url, 'admin', ADMIN_PASSWORD);
  clerk = await signIn(running.url, 'clerk', running.hub.initialPasswords.get('clerk')!);
});
afterAll(async () => {
  await running?.close();
});

const enroll = (url: string, enrollmentCode: string, terminalId: string) =>
  fetch(url + hubPaths.enroll, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enrollmentCode, terminalId, name: '装机时的名字', location: '' }) });

const sendIntake = (credential: string) => {
  const body = sampleIngest();
  return fetch(running.url + hubPaths.intakes, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': body.submissionId },
    body: JSON.stringify(body),
  });
};

async function createTerminal(terminalId: string): Promise<EnrollmentTokenIssued> {
  const res = await admin.call('createTerminal', { body: { terminalId, name: '西园街道 一号机', location: '西园街道矛调中心', siteId: 'qlh-centre-xiyuan' } });
  expect(res.status).toBe(201);
  return EnrollmentTokenIssued.parse(res.body);
}

/** The status each door a kiosk uses answers `credential` with (the signalling socket's upgrade too). */
async function everyTerminalDoor(credential: string): Promise<Record<string, number>> {
  const authorization = `Bearer ${credential}`;
  const json = (path: string, body: unknown = {}) =>
    fetch(running.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization, 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify(body) }).then(
      (r) => r.status,
    );
  const heartbeat = { appVersion: '1.0.0', uptimeS: 1, outboxDepth: 0 };
  const socket = new Promise<number>((resolve) => {
    const ws = new WebSocket(running.url.replace('http', 'ws') + signallingPaths.kiosk, { headers: { authorization } });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => undefined);
  });
  return {
    intake: await json(hubPaths.intakes, sampleIngest()),
    intakeBatch: await json(hubPaths.intakeBatch, { intakes: [] }),
    upload: (await fetch(running.url + hubPaths.uploads, { method: 'POST', headers: { authorization, 'tus-resumable': '1.0.0', 'upload-length': '10' } })).status,
    heartbeat: await json(fleetPaths.heartbeat, heartbeat),
    playlist: (await fetch(running.url + playlistPaths.manifest, { headers: { authorization } })).status,
    media: (await fetch(`${running.url}${playlistPaths.media}/${'a'.repeat(64)}`, { headers: { authorization } })).status,
    plays: await json(playlistPaths.plays, { plays: [] }),
    courtWords: (await fetch(running.url + courtWordsPaths.list, { headers: { authorization } })).status,
    intakeStatus: await json(INTAKE_STATUS_PATH, {}),
    counterSignIn: await json(COUNTER_SIGN_IN_PATH, {}),
    signalling: await socket,
  };
}

const audited = (action: string, outcome: 'ok' | 'denied') => running.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('outcome', '=', outcome).execute();

describe('terminal enrollment by one-time token', () => {
  it('a token enrolls its terminal once and only once, under the id and details staff gave it', async () => {
    const issued = await createTerminal('KSK-XY-01');
    expect(issued.qrSvg).toMatch(/^<svg [^>]*>.*<\/svg>$/);
    // the installer's kiosk may have made up an id of its own: the token says which terminal it is
    const first = await enroll(running.url, issued.token, 'KSK-RANDOM1');
    expect(first.status).toBe(200);
    const enrolled = EnrollResponse.parse(await first.json());
    expect(enrolled.terminalId).toBe('KSK-XY-01');
    expect((await sendIntake(enrolled.credential)).status).toBe(201);
    const row = await running.hub.database.db.selectFrom('terminals').selectAll().where('terminal_id', '=', 'KSK-XY-01').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '西园街道 一号机', location: '西园街道矛调中心', site_id: 'qlh-centre-xiyuan', revoked_at: null });

    const second = await enroll(running.url, issued.token, 'KSK-RANDOM2');
    expect(second.status).toBe(403);
    expect(HubErrorBody.parse(await second.json()).error.code).toBe('FORBIDDEN');
    expect((await sendIntake(enrolled.credential)).status).toBe(201); // the first terminal is untouched
    expect(await running.hub.database.db.selectFrom('terminals').select('terminal_id').where('terminal_id', '=', 'KSK-RANDOM2').execute()).toEqual([]);
    // the token itself is never stored, only its digest
    const tokens = await running.hub.database.db.selectFrom('terminal_enrollment_tokens').selectAll().execute();
    expect(JSON.stringify(tokens)).not.toContain(issued.token);
  });

  it('a kiosk whose answer was lost asks again with the credential it chose and is answered again; another credential is not', async () => {
    const issued = await createTerminal('KSK-XY-LOST');
    const proposed = 'p'.repeat(20) + 'lost-answer-credential-0001';
    const ask = (credential: string) =>
      fetch(running.url + hubPaths.enroll, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentCode: issued.token, terminalId: 'KSK-XY-LOST', name: '一号机', location: '', credential }),
      });
    const first = EnrollResponse.parse(await (await ask(proposed)).json()); // its answer "lost" on the way
    expect(first).toEqual({ terminalId: 'KSK-XY-LOST', credential: proposed });
    const again = await ask(proposed);
    expect(again.status).toBe(200);
    expect(EnrollResponse.parse(await again.json())).toEqual({ terminalId: 'KSK-XY-LOST', credential: proposed });
    expect((await sendIntake(proposed)).status).toBe(201);
    // the token is spent: a different credential (another kiosk) gets nothing
    expect((await ask('q'.repeat(47))).status).toBe(403);
  });

  it('two kiosks racing with one token: exactly one is enrolled', async () => {
    const issued = await createTerminal('KSK-XY-RACE');
    const answers = await Promise.all([enroll(running.url, issued.token, 'KSK-RACE-A'), enroll(running.url, issued.token, 'KSK-RACE-B')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403]);
  });

  it('an enrolled id cannot be taken over: not by a new token, nor by the site-wide code', async () => {
    const issued = await createTerminal('KSK-XY-02');
    const { credential } = EnrollResponse.parse(await (await enroll(running.url, issued.token, 'KSK-XY-02')).json());
    // staff cannot even issue a token for it while it is enrolled
    const reissue = await admin.call('issueEnrollmentToken', { params: { terminalId: 'KSK-XY-02' }, body: {} });
    expect(reissue.status).toBe(409);
    const byCode = await enroll(running.url, 'test-enrollment-code-0001', 'KSK-XY-02');
    expect(byCode.status).toBe(409);
    expect((await sendIntake(credential)).status).toBe(201);
    // and creating a terminal with a taken id is refused
    expect((await admin.call('createTerminal', { body: { terminalId: 'KSK-XY-02', name: 'x' } })).status).toBe(409);
  });

  it('revoking ends the credential at once (401); a new token rotates it; the old token stays dead', async () => {
    const issued = await createTerminal('KSK-XY-03');
    const { credential: old } = EnrollResponse.parse(await (await enroll(running.url, issued.token, 'KSK-XY-03')).json());
    expect((await admin.call('revokeTerminal', { params: { terminalId: 'KSK-XY-03' } })).status).toBe(204);
    expect((await sendIntake(old)).status).toBe(401);
    // a revoked terminal is not free for the site-wide code either
    expect((await enroll(running.url, 'test-enrollment-code-0001', 'KSK-XY-03')).status).toBe(409);
    expect((await enroll(running.url, issued.token, 'KSK-XY-03')).status).toBe(403);

    const rotated = await admin.call('issueEnrollmentToken', { params: { terminalId: 'KSK-XY-03' }, body: { expiresInHours: 2 } });
    expect(rotated.status).toBe(201);
    const again = await enroll(running.url, EnrollmentTokenIssued.parse(rotated.body).token, 'KSK-XY-03');
    expect(again.status).toBe(200);
    const { credential: fresh } = EnrollResponse.parse(await again.json());
    expect((await sendIntake(fresh)).status).toBe(201);
    expect((await sendIntake(old)).status).toBe(401);
    expect(await audited('terminal.revoked', 'ok')).toEqual([expect.objectContaining({ actor_id: 'admin', record_id: 'KSK-XY-03' })]);
  });

  it('a retired or revoked terminal is refused (401) at every door a kiosk uses, heartbeats included', async () => {
    const ids = ['KSK-XY-RETIRE', 'KSK-XY-REVOKE'];
    const credentials: string[] = [];
    for (const id of ids) credentials.push(EnrollResponse.parse(await (await enroll(running.url, (await createTerminal(id)).token, id)).json()).credential);
    // in service, no door answers 401 (each may still refuse the empty body it is sent)
    for (const credential of credentials) for (const [door, status] of Object.entries(await everyTerminalDoor(credential))) expect(status, door).not.toBe(401);
    expect((await admin.call('retireTerminal', { params: { terminalId: ids[0]! } })).status).toBe(200);
    expect((await admin.call('revokeTerminal', { params: { terminalId: ids[1]! } })).status).toBe(204);
    for (const credential of credentials) {
      const doors = await everyTerminalDoor(credential);
      expect(doors).toEqual(Object.fromEntries(Object.keys(doors).map((door) => [door, 401])));
    }
  });

  it('a newer token replaces an unused one, and an expired token is refused', async () => {
    const first = await createTerminal('KSK-XY-04');
    const second = EnrollmentTokenIssued.parse((await admin.call('issueEnrollmentToken', { params: { terminalId: 'KSK-XY-04' }, body: {} })).body);
    expect((await enroll(running.url, first.token, 'KSK-XY-04')).status).toBe(403);
    await running.hub.database.db
      .updateTable('terminal_enrollment_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('terminal_id', '=', 'KSK-XY-04')
      .where('used_at', 'is', null)
      .execute();
    expect((await enroll(running.url, second.token, 'KSK-XY-04')).status).toBe(403);
  });

  it('only admins create, revoke or issue tokens; the refusal is audited', async () => {
    expect((await clerk.call('createTerminal', { body: { terminalId: 'KSK-CLERK', name: 'x' } })).status).toBe(403);
    expect((await clerk.call('revokeTerminal', { params: { terminalId: 'KSK-XY-01' } })).status).toBe(403);
    expect(await audited('api.createTerminal', 'denied')).toHaveLength(1);
    expect((await admin.call('revokeTerminal', { params: { terminalId: 'KSK-NOBODY' } })).status).toBe(404);
    expect((await admin.call('createTerminal', { body: { terminalId: 'KSK-XY-09', name: 'x', siteId: 'no-such-site' } })).status).toBe(400);
  });

  it('audits every enrollment attempt, refused ones with their reason, never the token', async () => {
    const ok = await audited('terminal.enroll', 'ok');
    expect(ok.map((e) => e.record_id)).toContain('KSK-XY-01');
    const denied = await audited('terminal.enroll', 'denied');
    expect(denied.map((e) => e.record_id)).toEqual(expect.arrayContaining(['token_used', 'KSK-XY-02']));
    expect(denied.every((e) => e.source === '127.0.0.1')).toBe(true);
  });
});

describe('the console page for a new terminal', () => {
  const cookieOf = async (username: string, password: string) => {
    const res = await fetch(`${running.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const post = (cookie: string, fields: Record<string, string>) =>
    fetch(`${running.url}/console/terminals/new`, {
      method: 'POST',
      headers: { cookie, origin: running.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  it('shows an admin the one-time token as text and QR, and the token enrolls', async () => {
    const cookie = await cookieOf('admin', ADMIN_PASSWORD);
    const form = await fetch(`${running.url}/console/terminals/new`, { headers: { cookie } });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="terminalId"');
    const res = await post(cookie, { terminalId: 'KSK-PAGE-01', name: '页面 一号机', location: '', siteId: '' });
    expect(res.status).toBe(201);
    const html = await res.text();
    const token = /<code class="enrollment-token">([A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1];
    expect(token).toBeDefined();
    expect(html).toMatch(/<figure class="enrollment-qr"><svg /);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const enrolled = await enroll(running.url, token!, 'KSK-PAGE-01');
    expect(enrolled.status).toBe(200);
  });

  it('refuses staff who may not manage terminals, and anyone signed out; each refusal audited as what was attempted', async () => {
    const clerkCookie = await cookieOf('clerk', running.hub.initialPasswords.get('clerk')!);
    const clerkDenied = async () =>
      (await running.hub.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('actor_id', '=', 'clerk').where('outcome', '=', 'denied').orderBy('audit_seq').execute()).filter(
        (r) => r.action.startsWith('terminal.'),
      );
    const before = (await clerkDenied()).length;
    expect((await fetch(`${running.url}/console/terminals/new`, { headers: { cookie: clerkCookie } })).status).toBe(403);
    // the form asked for, not a terminal created
    expect((await clerkDenied()).slice(before)).toEqual([{ action: 'terminal.enrollment_form_viewed', record_id: 'manageTerminals' }]);
    expect((await post(clerkCookie, { terminalId: 'KSK-PAGE-02', name: 'x' })).status).toBe(403);
    expect((await clerkDenied()).slice(before + 1)).toEqual([{ action: 'terminal.created', record_id: 'manageTerminals' }]);
    expect((await fetch(`${running.url}/console/terminals/new`)).status).toBe(401);
  });
});

describe('enrollment attempts are limited per source', () => {
  it('answers 429 with Retry-After past the limit, even for a good token, and audits it', async () => {
    const limited = await startHub({ enrollmentCode: undefined, enrollmentAttemptsPerMinute: 5 });
    try {
      const limitedAdmin = await signIn(limited.url, 'admin', ADMIN_PASSWORD);
      const issued = EnrollmentTokenIssued.parse((await limitedAdmin.call('createTerminal', { body: { terminalId: 'KSK-LIM-01', name: 'x' } })).body);
      for (let i = 0; i < 5; i++) expect((await enroll(limited.url, `guess-${i}-xxxxxxxxxx`, 'KSK-LIM-01')).status).toBe(403);
      const refused = await enroll(limited.url, issued.token, 'KSK-LIM-01');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(HubErrorBody.parse(await refused.json()).error.code).toBe('RATE_LIMITED');
      const rows = await limited.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'terminal.enroll').execute();
      expect(rows.map((r) => r.record_id)).toEqual([...Array(5).fill('token_unknown'), 'rate_limited']);
      // without a site-wide code, the code is just a wrong token
      expect(await limited.hub.database.db.selectFrom('terminals').select('terminal_id').execute()).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
