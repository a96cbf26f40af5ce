import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { HubClient } from '../../main/agent/hubClient.js';
import { checkHubAddress, HubAddressRefused, hubTransport } from '../../main/agent/hubTransport.js';
import { createLog } from '../../main/agent/log.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import { hubPaths } from '../../shared/hubProtocol.js';
import { mediatorPaths } from '../../shared/signalling.js';
import { ADMIN_PASSWORD, ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { tempDir } from '../support/fixtures.js';

// TLS and proxies (issue 14 item 3) against a real hub: HTTPS with a court CA made here by openssl,
// which the kiosk trusts through KIOSK_HUB_CA and nothing else; a certificate renewed in place is
// served without a restart; HSTS on HTTPS; Secure cookies and client addresses from a proxy's
// X-Forwarded-* headers only when the proxy is trusted.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

/** A CA, and a certificate it signs for 127.0.0.1; file paths in `dir`. */
function courtCa(dir: string, name: string) {
  const ca = { key: join(dir, `${name}-ca.key`), cert: join(dir, `${name}-ca.pem`) };
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', ca.key, '-out', ca.cert, '-days', '2', '-subj', `/CN=${name} court CA`);
  const server = { key: join(dir, `${name}-hub.key`), cert: join(dir, `${name}-hub.pem`) };
  const csr = join(dir, `${name}-hub.csr`);
  const ext = join(dir, `${name}-ext.cnf`);
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\n' > '${ext}'`]);
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', server.key, '-out', csr, '-subj', '/CN=127.0.0.1');
  openssl('x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', server.cert, '-days', '2', '-extfile', ext);
  return { ca: ca.cert, server };
}

async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  return h;
}

async function agentFor(hubUrl: string, caFile: string): Promise<Agent> {
  const key = randomBytes(32);
  const agent = await createAgent({
    dataDir: tempDir(),
    hubUrl,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: `KSK-TLS-${randomBytes(2).toString('hex')}`,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: createLog(() => undefined),
    healthIntervalMs: 100,
    bundledPlaylistDir: null,
    hubTls: { caFile },
  });
  cleanup.push(() => agent.close());
  return agent;
}

const signInOnce = (url: string, headers: Record<string, string>, username = 'admin', password = ADMIN_PASSWORD) =>
  fetch(url + courtPath('signIn'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });

describe('the hub over HTTPS, the kiosk verifying it', () => {
  it('the kiosk trusts the court CA it is given and refuses a certificate from another; a renewed certificate is served without a restart', async () => {
    const dir = tempDir('hub-tls-');
    const court = courtCa(dir, 'court');
    const other = courtCa(dir, 'other');
    const certFile = join(dir, 'hub.pem');
    const keyFile = join(dir, 'hub.key');
    copyFileSync(court.server.cert, certFile);
    copyFileSync(court.server.key, keyFile);
    const h = await hub({ tls: { certFile, keyFile } });
    expect(h.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const trusting = hubTransport(h.url, { caFile: court.ca });
    const wrong = hubTransport(h.url, { caFile: other.ca });
    cleanup.push(
      () => trusting.close(),
      () => wrong.close(),
    );
    const health = await trusting.fetch(h.url + hubPaths.health);
    expect(health.status).toBe(200);
    expect(health.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(await new HubClient({ hubUrl: h.url, fetch: wrong.fetch }).health()).toBe(false);
    await expect(wrong.fetch(h.url + hubPaths.health)).rejects.toThrow();
    // without a bundle the system's CAs decide, and they do not know this court's CA
    await expect(fetch(h.url + hubPaths.health)).rejects.toThrow();

    // two whole kiosk agents, one with the other CA's bundle started first: by the time the right one
    // has enrolled over HTTPS, the other has had as many chances and never got through
    const refused = await agentFor(h.url, other.ca);
    const agent = await agentFor(h.url, court.ca);
    await waitFor(async () => {
      const info = await agent.dispatch('terminal.info', undefined);
      return info.ok && (info.value as { enrolled: boolean }).enrolled;
    }, 'enrollment over HTTPS');
    expect(await agent.dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { hubReachable: true } });
    expect(await refused.dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { hubReachable: false } });
    expect(await refused.dispatch('terminal.info', undefined)).toMatchObject({ ok: true, value: { enrolled: false } });

    // the court renews with a certificate from its other CA: copied over, reloaded (SIGHUP's path), served
    copyFileSync(other.server.cert, certFile);
    copyFileSync(other.server.key, keyFile);
    h.hub.reloadTls();
    expect((await wrong.fetch(h.url + hubPaths.health)).status).toBe(200);
    // a half-copied renewal (a key that does not match) is refused and the served pair stays
    copyFileSync(court.server.key, keyFile);
    expect(() => h.hub.reloadTls()).toThrow();
    expect((await wrong.fetch(h.url + hubPaths.health)).status).toBe(200);
  });

  it('refuses plain HTTP to a hub that is not on this machine unless it is allowed', async () => {
    expect(() => checkHubAddress('http://hub.court.example:8750')).toThrow(HubAddressRefused);
    expect(() => checkHubAddress('http://10.1.2.3')).toThrow(/KIOSK_ALLOW_PLAIN_HTTP/);
    expect(checkHubAddress('http://10.1.2.3', true).host).toBe('10.1.2.3');
    expect(checkHubAddress('http://127.0.0.1:8750').host).toBe('127.0.0.1:8750');
    expect(checkHubAddress('http://localhost:8750').host).toBe('localhost:8750');
    expect(checkHubAddress('https://hub.court.example').host).toBe('hub.court.example');
    expect(() => checkHubAddress('ftp://hub.court.example')).toThrow(HubAddressRefused);
    const key = randomBytes(32);
    await expect(
      createAgent({ dataDir: tempDir(), hubUrl: 'http://hub.court.example:8750', host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined }, log: createLog(() => undefined) }),
    ).rejects.toThrow(HubAddressRefused);
  });
});

describe('behind a reverse proxy', () => {
  const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };

  it('cookies are Secure and HSTS is sent when a trusted proxy says the client came over HTTPS', async () => {
    const h = await hub({ trustProxy: ['127.0.0.1'] });
    const res = await signInOnce(h.url, viaProxy);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/hub_session=[^;]+;.*; Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    // the console's own sign-in page (an inner request to the court API) keeps the cookie Secure too
    const page = await fetch(h.url + '/console/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `https://${new URL(h.url).host}`, ...viaProxy },
      body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD }).toString(),
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('set-cookie')).toMatch(/hub_session=[^;]+;.*; Secure/);
    // and the mediator desk's sign-in, which hands on the court API's session under its own answer
    const desk = await fetch(new URL(mediatorPaths.login, h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `https://${new URL(h.url).host}`, ...viaProxy },
      body: JSON.stringify({ username: 'mediator.people', password: h.hub.initialPasswords.get('mediator.people') }),
    });
    expect(desk.status).toBe(200);
    expect(desk.headers.get('set-cookie')).toMatch(/hub_session=[^;]+;.*; Secure/);
    // the same request straight to the hub over plain HTTP
    const direct = await signInOnce(h.url, {});
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(direct.headers.get('strict-transport-security')).toBeNull();
  });

  it('says once in its log that a proxy it does not trust forwards clients, naming no address', async () => {
    const logOf = async (trustProxy: string[] | undefined) => {
      const path = join(tempDir(), 'hub.log');
      const h = await hub({ logger: true, logFile: { path }, ...(trustProxy ? { trustProxy } : {}) });
      for (let i = 0; i < 3; i++) expect((await signInOnce(h.url, viaProxy)).status).toBe(200);
      await h.close();
      return readFileSync(path, 'utf8');
    };
    const warned = (log: string) => log.split('\n').filter((l) => l.includes('HUB_TRUST_PROXY'));
    const untrusted = await logOf(undefined);
    expect(warned(untrusted)).toHaveLength(1);
    expect(JSON.parse(warned(untrusted)[0]!)).toMatchObject({ level: 40 });
    expect(untrusted).not.toContain('203.0.113.7');
    // a proxy the list does not name (the hub was told of another one) is not believed either
    expect(warned(await logOf(['10.9.8.7']))).toHaveLength(1);
    expect(warned(await logOf(['127.0.0.1']))).toHaveLength(0);
  });

  it('an untrusted X-Forwarded-Proto is ignored: no Secure cookie, no HSTS', async () => {
    const h = await hub();
    const res = await signInOnce(h.url, viaProxy);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^hub_session=/);
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('sign-in limits count the client a trusted proxy names, not the proxy; an untrusted header counts nothing', async () => {
    const spray = async (url: string, client: string) => {
      // different accounts, so only the source's limit (20 free failures) is reached
      for (let i = 0; i < 20; i++) expect((await signInOnce(url, { 'x-forwarded-for': client }, `nobody-${i}`, 'wrong-password-123')).status).toBe(401);
      return signInOnce(url, { 'x-forwarded-for': client }, 'nobody-x', 'wrong-password-123');
    };
    const trusted = await hub({ trustProxy: ['127.0.0.1'] });
    const locked = await spray(trusted.url, '203.0.113.7');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // another client behind the same proxy is not locked out with the first
    expect((await signInOnce(trusted.url, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    const audited = await trusted.hub.database.db.selectFrom('audit_log').select('source').where('action', '=', 'staff.sign_in').where('outcome', '=', 'ok').execute();
    expect(audited.map((a) => a.source)).toContain('203.0.113.8');

    // untrusted: the header is the client's own claim, so every attempt is the peer's (127.0.0.1)
    const untrusted = await hub();
    expect((await spray(untrusted.url, '203.0.113.7')).status).toBe(429);
    expect((await signInOnce(untrusted.url, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(429);
  });
});
