import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playlistPaths, PlaylistManifest } from '../../shared/playlist.js';
import { tempDir } from '../support/fixtures.js';
import { ADMIN_PASSWORD, ENROLLMENT_CODE, startHub, type RunningHub } from '../support/hubHarness.js';
import { FIXTURES, sha256, undecodableClip } from '../support/playlistFixtures.js';

// The hub's side of the legal-education loop, over real HTTP with a real SQLite file: default
// content on first start, staff uploads (checked by their bytes), the manifest with ETag, media
// with Range, proof of play in idempotent batches, and the admin pages.

let hub: RunningHub;
let cookie: string;
let credential: string;
const bearer = () => ({ authorization: `Bearer ${credential}` });

beforeAll(async () => {
  hub = await startHub();
  const login = await fetch(`${hub.url}/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD }).toString(),
    redirect: 'manual',
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const enrolled = await fetch(`${hub.url}/api/v1/terminals/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: 'KSK-PLAY-1', name: '城关区 1号机' }),
  });
  credential = ((await enrolled.json()) as { credential: string }).credential;
});
afterAll(async () => {
  await hub?.close();
});

function upload(fields: Record<string, string | string[]>, file: { bytes: Buffer; name: string; type: string } | null, path = '/api/v1/console/playlist/items', headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  if (file) body.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return fetch(`${hub.url}${path}`, { method: 'POST', body, headers: { cookie, ...headers }, redirect: 'manual' });
}
const manifest = async () => PlaylistManifest.parse(await (await fetch(`${hub.url}${playlistPaths.manifest}`, { headers: bearer() })).json());

describe('hub playlist', () => {
  it('seeds the default content on first start: three bilingual items, served with their hashes', async () => {
    const m = await manifest();
    expect(m.items.map((i) => i.title)).toEqual(['人民调解', '诉前调解', '司法确认']);
    for (const item of m.items) {
      const res = await fetch(`${hub.url}${playlistPaths.media}/${item.sha256}`, { headers: bearer() });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('etag')).toBe(`"${item.sha256}"`);
      expect(sha256(bytes)).toBe(item.sha256);
      expect(bytes.length).toBe(item.size);
    }
  });

  it('serves the manifest only to terminals, with an ETag and 304 when unchanged', async () => {
    expect((await fetch(`${hub.url}${playlistPaths.manifest}`)).status).toBe(401);
    expect((await fetch(`${hub.url}${playlistPaths.manifest}`, { headers: { authorization: 'Bearer nope-nope-nope-nope-nope' } })).status).toBe(401);
    const first = await fetch(`${hub.url}${playlistPaths.manifest}`, { headers: bearer() });
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"${((await first.json()) as { version: string }).version}"`);
    const again = await fetch(`${hub.url}${playlistPaths.manifest}`, { headers: { ...bearer(), 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves media with Range, If-Range and ETag, and nothing it does not hold', async () => {
    const item = (await manifest()).items[0]!;
    const url = `${hub.url}${playlistPaths.media}/${item.sha256}`;
    const part = await fetch(url, { headers: { ...bearer(), range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${item.size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const tail = await fetch(url, { headers: { ...bearer(), range: `bytes=${item.size - 10}-` } });
    expect((await tail.arrayBuffer()).byteLength).toBe(10);
    expect((await fetch(url, { headers: { ...bearer(), range: `bytes=${item.size}-` } })).status).toBe(416);
    expect((await fetch(url, { headers: { ...bearer(), range: 'bytes=0-9', 'if-range': '"other"' } })).status).toBe(200);
    expect((await fetch(url, { headers: { ...bearer(), 'if-none-match': `"${item.sha256}"` } })).status).toBe(304);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${hub.url}${playlistPaths.media}/${'0'.repeat(64)}`, { headers: bearer() })).status).toBe(404);
    expect((await fetch(`${hub.url}${playlistPaths.media}/..%2F..%2Fhub.sqlite`, { headers: bearer() })).status).toBe(404);
  });

  it('takes staff uploads of videos and images, and the manifest changes', async () => {
    const before = (await manifest()).version;
    const clip = readFileSync(join(FIXTURES, 'clip-a.webm'));
    const res = await upload(
      { title: '调解协议的效力', titleEn: 'What a mediation agreement is worth', weekdays: ['1', '2', '3', '4', '5'], windowStart: '22:00', windowEnd: '02:00' },
      { bytes: clip, name: 'a.webm', type: 'video/webm' },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const item = (await res.json()) as { id: string; sha256: string; mimeType: string; schedule: unknown };
    expect(item).toMatchObject({ sha256: sha256(clip), mimeType: 'video/webm', schedule: { weekdays: [1, 2, 3, 4, 5], window: { start: '22:00', end: '02:00' } } });
    const png = readFileSync(join('assets', 'playlist', 'judicial-confirmation.png'));
    // The browser's claimed type does not matter: the bytes decide.
    const image = await upload({ title: '图片', durationSeconds: '6' }, { bytes: png, name: 'slide.bin', type: 'application/octet-stream' });
    expect(image.status, await image.clone().text()).toBe(201);
    expect(await image.json()).toMatchObject({ mimeType: 'image/png', durationMs: 6000 });
    const m = await manifest();
    expect(m.version).not.toBe(before);
    expect(m.items.map((i) => i.id)).toContain(item.id);
    // Edit and remove through the API.
    const patched = await fetch(`${hub.url}/api/v1/console/playlist/items/${item.id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '新标题', titleEn: 'New', durationMs: null, order: 5, muted: false, schedule: { startDate: '2026-01-01', endDate: null, weekdays: [6, 7], window: null } }),
    });
    expect(patched.status).toBe(200);
    expect((await manifest()).items[0]).toMatchObject({ id: item.id, title: '新标题', order: 5 });
    expect((await fetch(`${hub.url}/api/v1/console/playlist/items/${item.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await manifest()).items.map((i) => i.id)).not.toContain(item.id);
  });

  it('refuses bad uploads with a clear message: wrong type, too large, corrupt, undecodable, no file, bad fields', async () => {
    const cases: Array<[number, Promise<Response>, RegExp]> = [
      [415, upload({ title: 'x' }, { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'x.mp4', type: 'video/mp4' }), /MP4|WebM/],
      [415, upload({ title: 'x' }, { bytes: Buffer.from('GIF89a' + 'x'.repeat(100)), name: 'x.gif', type: 'image/gif' }), /PNG/],
      [
        413,
        upload({ title: 'x' }, { bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(21 * 1024 * 1024)]), name: 'big.png', type: 'image/png' }),
        /20 MB/,
      ],
      [422, upload({ title: 'x' }, { bytes: readFileSync(join('assets', 'playlist', 'judicial-confirmation.png')).subarray(0, 5000), name: 'cut.png', type: 'image/png' }), /damaged|损坏/],
      [422, upload({ title: 'x' }, { bytes: undecodableClip(), name: 'broken.webm', type: 'video/webm' }), /damaged|损坏/],
      [400, upload({ title: 'x' }, null), /Choose a file/],
      [400, upload({ title: '', windowStart: '25:00', windowEnd: '08:00' }, { bytes: readFileSync(join(FIXTURES, 'clip-b.webm')), name: 'b.webm', type: 'video/webm' }), /title|HH:MM/],
    ];
    for (const [status, response, message] of cases) {
      const res = await response;
      const body = (await res.json()) as { error: { code: string; message: string; issues: Array<{ message: string }> } };
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.error.message + body.error.issues.map((i) => i.message).join(' '), JSON.stringify(body)).toMatch(message);
    }
    // A refused upload leaves no media behind.
    expect(await hub.hub.playlist.store.media(sha256(undecodableClip()))).toBeNull();
    expect(await hub.hub.playlist.store.media(sha256(readFileSync(join(FIXTURES, 'clip-b.webm'))))).toBeNull();
  });

  it('keeps the admin behind the staff session and our own origin', async () => {
    const clip = { bytes: readFileSync(join(FIXTURES, 'clip-c.webm')), name: 'c.webm', type: 'video/webm' };
    const anonymous = new FormData();
    anonymous.append('title', 'x');
    expect((await fetch(`${hub.url}/api/v1/console/playlist/items`, { method: 'POST', body: anonymous })).status).toBe(401);
    expect((await fetch(`${hub.url}/api/v1/console/playlist`)).status).toBe(401);
    expect((await upload({ title: 'x' }, clip, '/api/v1/console/playlist/items', { origin: 'https://evil.example' })).status).toBe(403);
    const page = await fetch(`${hub.url}/console/playlist`, { redirect: 'manual' });
    expect(page.status).toBe(303);
  });

  it("is the court admin's alone: other roles are refused (audited, in both languages), a password still to change goes to the form", async () => {
    const signIn = async (username: string, password: string) => {
      const res = await fetch(`${hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const before = (await hub.hub.database.db.selectFrom('playlist_items').select('item_id').execute()).length;
    const denied = (actor: string) =>
      hub.hub.database.db.selectFrom('audit_log').select(['record_id']).where('actor_id', '=', actor).where('action', '=', 'playlist.manage').where('outcome', '=', 'denied').execute();
    for (const username of ['mediator.people', 'counter.xiyuan', 'viewer']) {
      const staff = await signIn(username, hub.hub.initialPasswords.get(username)!);
      const list = await fetch(`${hub.url}/api/v1/console/playlist`, { headers: { cookie: staff } });
      expect(list.status).toBe(403);
      expect(await list.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      const form = new FormData();
      form.append('title', '不该上传');
      form.append('file', new Blob([readFileSync(join(FIXTURES, 'clip-c.webm'))], { type: 'video/webm' }), 'c.webm');
      const posted = await fetch(`${hub.url}/console/playlist/items`, { method: 'POST', body: form, headers: { cookie: staff, origin: hub.url }, redirect: 'manual' });
      expect(posted.status).toBe(403);
      const html = await posted.text();
      expect(html).toContain('您的角色不能办理这一事项');
      expect(html).toContain('Your role may not do this');
      expect((await fetch(`${hub.url}/console/playlist`, { headers: { cookie: staff } })).status).toBe(403);
      expect(await denied(username), username).toHaveLength(3);
      // another site's page posting with this person's cookie is refused as that, first: no attempt of theirs to audit
      const elsewhere = { cookie: staff, origin: 'https://evil.example', 'content-type': 'application/json' };
      const crossJson = await fetch(`${hub.url}/api/v1/console/playlist/settings`, { method: 'PUT', body: '{}', headers: elsewhere });
      expect([crossJson.status, ((await crossJson.json()) as { error: { code: string } }).error.code]).toEqual([403, 'CROSS_SITE']);
      const crossPage = await fetch(`${hub.url}/console/playlist/items`, { method: 'POST', body: form, headers: { cookie: staff, origin: 'https://evil.example' }, redirect: 'manual' });
      expect(crossPage.status).toBe(403);
      expect(await crossPage.text()).not.toContain('Your role may not do this');
      expect(await denied(username), username).toHaveLength(3);
    }
    expect(await hub.hub.database.db.selectFrom('playlist_items').select('item_id').execute()).toHaveLength(before);

    // an admin on a password another admin set: the form first, coming back here; the JSON says so
    const admin = await signIn('admin', ADMIN_PASSWORD);
    const created = await fetch(`${hub.url}/api/v1/staff`, {
      method: 'POST',
      headers: { cookie: admin, origin: hub.url, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'second.admin', role: 'court_admin' }),
    });
    expect(created.status).toBe(201);
    const second = await signIn('second.admin', ((await created.json()) as { initialPassword: string }).initialPassword);
    const page = await fetch(`${hub.url}/console/playlist`, { headers: { cookie: second }, redirect: 'manual' });
    expect([page.status, page.headers.get('location')]).toEqual([303, `/console/password?next=${encodeURIComponent('/console/playlist')}`]);
    const json = await fetch(`${hub.url}/api/v1/console/playlist`, { headers: { cookie: second } });
    expect(json.status).toBe(403);
    expect(await json.json()).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });

  it('admin pages: list with previews, upload by form, refusals in the console’s language, settings, strict CSP', async () => {
    const page = await fetch(`${hub.url}/console/playlist`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src/);
    const html = await page.text();
    expect(html).toContain('人民调解');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('enctype="multipart/form-data"');

    const ok = await upload(
      { title: '表单上传', titleEn: 'Form upload', weekdays: ['6', '7'] },
      { bytes: readFileSync(join(FIXTURES, 'clip-c.webm')), name: 'c.webm', type: 'video/webm' },
      '/console/playlist/items',
      { origin: hub.url },
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/console/playlist?done=uploaded');
    const bad = await upload({ title: '坏文件' }, { bytes: Buffer.from('not a video at all'), name: 'x.mp4', type: 'video/mp4' }, '/console/playlist/items', { origin: hub.url });
    expect(bad.status).toBe(415);
    const badHtml = await bad.text();
    expect(badHtml).toContain('只接受 MP4、WebM 视频和 PNG、JPG 图片');
    expect(badHtml).not.toContain('only MP4 or WebM videos and PNG or JPG images are accepted'); // one language at a time, as the console
    expect(badHtml).toContain('value="坏文件"'); // what staff typed is kept
    const badEn = await upload({ title: 'bad' }, { bytes: Buffer.from('not a video at all'), name: 'x.mp4', type: 'video/mp4' }, '/console/playlist/items', {
      origin: hub.url,
      cookie: `${cookie}; console_lang=en`,
    });
    const badEnHtml = await badEn.text();
    expect(badEnHtml).toContain('only MP4 or WebM videos and PNG or JPG images are accepted');
    expect(badEnHtml).not.toContain('只接受');

    const settings = await fetch(`${hub.url}/console/playlist/settings`, {
      method: 'POST',
      headers: { cookie, origin: hub.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'attractAfterSeconds=45&volumeLevel=70&volume1Start=21:30&volume1End=07:30&volume1Level=0',
      redirect: 'manual',
    });
    expect(settings.status).toBe(303);
    expect((await manifest()).settings).toMatchObject({ attractAfterSeconds: 45, volume: { level: 0.7, windows: [{ start: '21:30', end: '07:30', level: 0 }] } });
    const item = (await manifest()).items[0]!;
    const preview = await fetch(`${hub.url}/console/playlist/media/${item.sha256}`, { headers: { cookie, range: 'bytes=0-3' } });
    expect(preview.status).toBe(206);
  });

  it('takes proof of play in idempotent batches and reports plays per item, terminal and day', async () => {
    const item = (await manifest()).items[0]!;
    const play = (startedAt: string, outcome: 'completed' | 'skipped', reason: string | null = null) => ({
      playId: randomUUID(),
      itemId: item.id,
      sha256: item.sha256,
      startedAt,
      endedAt: new Date(Date.parse(startedAt) + 8_000).toISOString(),
      outcome,
      reason,
    });
    // 2026-03-02T17:00Z is already 03-03 in Beijing.
    const plays = [play('2026-03-02T01:00:00.000Z', 'completed'), play('2026-03-02T02:00:00.000Z', 'skipped', 'interrupted'), play('2026-03-02T17:00:00.000Z', 'completed')];
    const send = (body: unknown) => fetch(`${hub.url}${playlistPaths.plays}`, { method: 'POST', headers: { ...bearer(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = await send({ plays });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: plays.map((p) => p.playId) });
    expect((await send({ plays })).status).toBe(200); // a resend changes nothing
    expect(await hub.hub.playlist.store.playsCount()).toBe(3);
    expect((await send({ plays: [{ ...plays[0], outcome: 'nope' }] })).status).toBe(400);
    expect((await send({ plays: [] })).status).toBe(400);
    expect((await fetch(`${hub.url}${playlistPaths.plays}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plays }) })).status).toBe(401);

    const report = await fetch(`${hub.url}/api/v1/console/plays?from=2026-03-01&to=2026-03-05`, { headers: { cookie } });
    const rows = ((await report.json()) as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows).toEqual([
      expect.objectContaining({ courtDay: '2026-03-03', terminalId: 'KSK-PLAY-1', itemId: item.id, completed: 1, skipped: 0 }),
      expect.objectContaining({ courtDay: '2026-03-02', terminalId: 'KSK-PLAY-1', itemId: item.id, completed: 1, skipped: 1, reasons: 'interrupted×1' }),
    ]);
    const html = await (await fetch(`${hub.url}/console/playlist/plays?from=2026-03-01&to=2026-03-05`, { headers: { cookie } })).text();
    expect(html).toContain('2026-03-03');
    expect(html).toContain('城关区 1号机');
    expect((await fetch(`${hub.url}/console/playlist/plays?from=bogus`, { headers: { cookie } })).status).toBe(400);
  });

  it('does not seed again once the court has its own playlist, even an empty one', async () => {
    const dataDir = hub.dataDir;
    for (const i of await hub.hub.playlist.store.items()) await hub.hub.playlist.store.removeItem(i.id);
    await hub.close();
    hub = await startHub({ dataDir });
    expect(await hub.hub.playlist.store.items()).toEqual([]);
  });
});

describe('the playlist admin pages, as the hub logs them', () => {
  let logged: RunningHub;
  const logPath = () => join(logged.dataDir, 'logs', 'hub.log');
  beforeAll(async () => {
    const dataDir = tempDir('hub-playlist-log-');
    logged = await startHub({ dataDir, logger: true, logFile: { path: join(dataDir, 'logs', 'hub.log') } });
  });
  afterAll(async () => {
    await logged?.close();
  });

  it('authenticate once a request: no second sign-in check through the court API for the header and language', async () => {
    const signedIn = await fetch(`${logged.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const admin = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    /** The requests the hub logged (its own in-process ones too) since `from` lines. */
    const requests = (from: number) =>
      readFileSync(logPath(), 'utf8')
        .split('\n')
        .slice(from)
        .filter((line) => line.includes('"msg":"incoming request"'))
        .map((line) => (JSON.parse(line) as { req: { method: string; url: string } }).req);
    const lines = () => readFileSync(logPath(), 'utf8').split('\n').length - 1;
    for (const path of ['/console/playlist', '/console/playlist/plays']) {
      const from = lines();
      const page = await fetch(`${logged.url}${path}`, { headers: { cookie: `${admin}; console_lang=en` } });
      expect(page.status, path).toBe(200);
      const html = await page.text();
      // the console's header: who is signed in, in the language chosen
      expect(html, path).toContain('<html lang="en"');
      expect(html, path).toContain('admin');
      expect(requests(from), path).toEqual([{ method: 'GET', url: path }]);
    }
  });
});
