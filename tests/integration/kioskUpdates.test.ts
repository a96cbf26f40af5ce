import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { rolloutBucket, updatePaths } from '../../shared/updates/release.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { ADMIN_PASSWORD, startHub, type RunningHub } from '../support/hubHarness.js';
import { adminCookie, fakeRelease, sha512, uploadRelease } from '../support/releaseFixture.js';

// Kiosk releases on a real hub: a court admin uploads installers and their latest*.yml (each file
// checked against the sha512 its yml names), chooses a rollout per site or percentage, and each
// terminal's updater is served the manifest its rollout gives it (a terminal outside it, the
// version it runs); a version a terminal reports failed is not offered to it again.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hubWithAdmin(): Promise<{ running: RunningHub; cookie: string }> {
  const running = await startHub();
  cleanup.push(() => running.close());
  await seedCourt(running.hub.database);
  return { running, cookie: await adminCookie(running.url, ADMIN_PASSWORD) };
}

/** A terminal at a site whose heartbeat says it runs `version`. */
async function terminalRunning(running: RunningHub, terminalId: string, siteId: string, version: string): Promise<string> {
  const credential = await enrolledTerminal(running, terminalId, siteId);
  expect((await sendHeartbeat(running, credential, healthyHeartbeat({ appVersion: version }))).status).toBe(200);
  return credential;
}

async function offered(running: RunningHub, credential: string, channel = 'latest-linux.yml'): Promise<string | number> {
  const res = await fetch(`${running.url}${updatePaths.feed}/${channel}`, { headers: { authorization: `Bearer ${credential}` } });
  if (res.status !== 200) return res.status;
  return (load(await res.text()) as { version: string }).version;
}

const setRollout = (running: RunningHub, cookie: string, version: string, rollout: unknown) =>
  fetch(`${running.url}${updatePaths.releases}/${version}/rollout`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(rollout) });

describe('kiosk releases at the hub', () => {
  it('takes a release only when every file matches its yml, and only from a court admin', async () => {
    const { running, cookie } = await hubWithAdmin();
    const mediator = await signedInStaff(running.hub, 'mediator');
    expect((await uploadRelease(running.url, mediator.cookie, fakeRelease('1.1.0'))).status).toBe(403);
    expect((await uploadRelease(running.url, '', fakeRelease('1.1.0'))).status).toBe(401);

    const tampered = await uploadRelease(running.url, cookie, fakeRelease('1.1.0', { wrongHashOf: 'Dispute-Kiosk-1.1.0.AppImage' }));
    expect(tampered.status).toBe(400);
    expect(JSON.stringify(await tampered.json())).toContain('Dispute-Kiosk-1.1.0.AppImage: its sha512 or size differs from latest-linux.yml');
    const staged = await uploadRelease(running.url, cookie, fakeRelease('1.1.0', { stagingPercentage: 10 }));
    expect(staged.status).toBe(400);
    expect(JSON.stringify(await staged.json())).toContain('choose the rollout in the console');
    const missing = await uploadRelease(
      running.url,
      cookie,
      fakeRelease('1.1.0').filter((f) => !f.name.endsWith('.exe')),
    );
    expect(missing.status).toBe(400);
    expect(await uploadRelease(running.url, cookie, fakeRelease('1.1.0'), { rollout: 'sites', siteIds: 'no-such-site' }).then((r) => r.status)).toBe(400);
    // nothing refused was kept
    expect(readdirSync(join(running.dataDir, 'releases')).filter((f) => f !== '.incoming')).toEqual([]);
    expect(readdirSync(join(running.dataDir, 'releases', '.incoming'))).toEqual([]);

    const ok = await uploadRelease(running.url, cookie, fakeRelease('1.1.0'));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ version: '1.1.0' });
    expect((await uploadRelease(running.url, cookie, fakeRelease('1.1.0'))).status).toBe(409);

    const list = (await (await fetch(`${running.url}${updatePaths.releases}`, { headers: { cookie } })).json()) as { releases: Array<{ version: string; rollout: unknown; channels: string[] }> };
    expect(list.releases.map((r) => [r.version, r.rollout, r.channels])).toEqual([['1.1.0', { kind: 'percentage', percent: 0 }, ['latest-linux.yml', 'latest.yml']]]);
    const audits = await running.hub.database.db.selectFrom('audit_log').select(['action', 'outcome', 'actor_id']).where('record_kind', '=', 'kiosk_release').execute();
    expect(audits).toContainEqual({ action: 'release.uploaded', outcome: 'ok', actor_id: 'admin' });
    expect(audits).toContainEqual({ action: 'release.uploaded', outcome: 'denied', actor_id: mediator.username });
  });

  it('serves each terminal the manifest its rollout gives it: by site, by percentage, else the version it runs', async () => {
    const { running, cookie } = await hubWithAdmin();
    const release = fakeRelease('1.1.0');
    expect((await uploadRelease(running.url, cookie, release, { rollout: 'sites', siteIds: 'centre-xiyuan' })).status).toBe(201);
    const inSite = await terminalRunning(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '1.0.0');
    const elsewhere = await terminalRunning(running, 'kiosk-lianjia-1', 'grid-lianjia', '1.0.0');

    expect(await offered(running, inSite)).toBe('1.1.0');
    expect(await offered(running, inSite, 'latest.yml')).toBe('1.1.0');
    expect(await offered(running, elsewhere)).toBe('1.0.0'); // outside the rollout: the version it runs
    expect((await fetch(`${running.url}${updatePaths.feed}/latest-linux.yml`)).status).toBe(401);

    // the installer the yml names, byte for byte
    const file = await fetch(`${running.url}${updatePaths.feed}/Dispute-Kiosk-1.1.0.AppImage`, { headers: { authorization: `Bearer ${inSite}` } });
    expect(file.status).toBe(200);
    expect(sha512(Buffer.from(await file.arrayBuffer()))).toBe(sha512(release[0]!.bytes));
    expect((await fetch(`${running.url}${updatePaths.feed}/..%2Fhub.sqlite`, { headers: { authorization: `Bearer ${inSite}` } })).status).toBe(404);

    // a percentage: terminals below it get the release, the others stay; raising it only adds
    const ids = Array.from({ length: 12 }, (_, i) => `kiosk-share-${i}`);
    const creds = new Map<string, string>();
    for (const id of ids) creds.set(id, await terminalRunning(running, id, 'grid-lianjia', '1.0.0'));
    expect((await setRollout(running, cookie, '1.1.0', { kind: 'percentage', percent: 50 })).status).toBe(200);
    for (const id of ids) expect([id, await offered(running, creds.get(id)!)]).toEqual([id, rolloutBucket(id, '1.1.0') < 50 ? '1.1.0' : '1.0.0']);
    expect(ids.some((id) => rolloutBucket(id, '1.1.0') < 50) && ids.some((id) => rolloutBucket(id, '1.1.0') >= 50)).toBe(true);
    expect((await setRollout(running, cookie, '1.1.0', { kind: 'percentage', percent: 100 })).status).toBe(200);
    for (const id of ids) expect(await offered(running, creds.get(id)!)).toBe('1.1.0');
    expect((await setRollout(running, cookie, '1.1.0', { kind: 'percentage', percent: 101 })).status).toBe(400);
    expect((await setRollout(running, cookie, '9.9.9', { kind: 'percentage', percent: 1 })).status).toBe(404);
  });

  it('does not offer a version again to a terminal that reported it failed: it gets the one before', async () => {
    const { running, cookie } = await hubWithAdmin();
    for (const v of ['1.1.0', '1.2.0']) expect((await uploadRelease(running.url, cookie, fakeRelease(v), { rollout: 'percentage', percent: '100' })).status).toBe(201);
    const credential = await terminalRunning(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '1.1.0');
    expect(await offered(running, credential)).toBe('1.2.0');

    // 1.2.0 started, failed its check, and the kiosk says so
    await sendHeartbeat(running, credential, healthyHeartbeat({ appVersion: '1.2.0' }));
    const report = await fetch(`${running.url}${updatePaths.reports}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: '1.2.0', outcome: 'failed', previousVersion: '1.1.0' }),
    });
    expect(report.status).toBe(204);
    expect(await offered(running, credential)).toBe('1.1.0');
    const bad = await fetch(`${running.url}${updatePaths.reports}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: '{"version":"x"}',
    });
    expect(bad.status).toBe(400);
  });
});

describe('the console releases screen', () => {
  it('lists releases, says a refused upload in words and saves a rollout by site; court admins only', async () => {
    const { running, cookie } = await hubWithAdmin();
    const origin = { cookie, origin: running.url };
    const form = (files: ReturnType<typeof fakeRelease>) => {
      const f = new FormData();
      f.append('rollout', 'percentage');
      f.append('percent', '5');
      for (const x of files) f.append('file', new Blob([new Uint8Array(x.bytes)]), x.name);
      return f;
    };
    const refused = await fetch(`${running.url}/console/releases`, { method: 'POST', headers: origin, body: form(fakeRelease('2.0.0', { wrongHashOf: 'Dispute-Kiosk-Setup-2.0.0.exe' })) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Dispute-Kiosk-Setup-2.0.0.exe: its sha512 or size differs from latest.yml');

    const sent = await fetch(`${running.url}/console/releases`, { method: 'POST', headers: origin, body: form(fakeRelease('2.0.0')), redirect: 'manual' });
    expect([sent.status, sent.headers.get('location')]).toEqual([303, '/console/releases?done=uploaded']);
    const saved = await fetch(`${running.url}/console/releases/2.0.0/rollout`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'rollout=sites&siteIds=centre-xiyuan&siteIds=grid-lianjia',
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    const page = await (await fetch(`${running.url}/console/releases?done=saved`, { headers: { cookie } })).text();
    expect(page).toContain('data-release="2.0.0"');
    expect(page).toContain('centre-xiyuan、grid-lianjia');

    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    expect((await fetch(`${running.url}/console/releases`, { headers: { cookie: viewer.cookie } })).status).toBe(403);
    expect((await fetch(`${running.url}/console/releases`, { redirect: 'manual' })).status).toBe(303);
  });
});
