import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../main/browserHost/host.js';
import { MAX_FRAME_BYTES } from '../../main/browserHost/bridgeServer.js';
import { MEDIA_URL_PREFIX } from '../../main/agent/playlist/mediaFiles.js';
import { waitFor } from '../support/hubHarness.js';
import { connectBridge } from '../support/wsClient.js';
import { sampleSubmission, tempDir } from '../support/fixtures.js';

let host: BrowserHost;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // As scripts/build.mjs leaves them: the same file precompressed beside it.
  writeFileSync(join(rendererDir, 'assets', 'app.js.br'), brotliCompressSync('console.log(1)'));
  writeFileSync(join(rendererDir, 'assets', 'app.js.gz'), gzipSync('console.log(1)'));
  mkdirSync(join(rendererDir, 'court'));
  writeFileSync(join(rendererDir, 'court', 'court.json'), '{}');
  writeFileSync(join(dir, 'outside.txt'), 'secret');
  // No hub is running at this address: the agent must still accept submissions offline.
  host = await startBrowserHost({ dataDir: join(dir, 'data'), hubUrl: 'http://127.0.0.1:9', rendererDir, port: 0, log: silentLog });
});
afterAll(() => host.close());

describe('browser host', () => {
  it('listens on loopback only and puts the secret in the fragment', () => {
    const address = host.bridge.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(host.bridge.url).toBe(`${host.bridge.origin}/#secret=${host.bridge.secret}`);
  });

  it('serves the renderer with a strict CSP and the app shell for unknown routes', async () => {
    const res = await fetch(`${host.bridge.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await fetch(`${host.bridge.origin}/assets/app.js`).then((r) => r.headers.get('content-type'))).toContain('javascript');
    expect(await fetch(`${host.bridge.origin}/receipt`).then((r) => r.text())).toContain('<title>kiosk</title>');
    expect((await fetch(`${host.bridge.origin}/nope.js`)).status).toBe(404);
    expect((await fetch(`${host.bridge.origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('sends hashed assets precompressed and cached for good, and everything else revalidated', async () => {
    const asset = (encoding: string) => getRaw(`${host.bridge.origin}/assets/app.js`, encoding);
    const br = await asset('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('accept-encoding');
    const gz = await asset('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe('console.log(1)');
    const plain = await asset('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe('console.log(1)');
    expect((await getRaw(`${host.bridge.origin}/court/court.json`, 'br')).headers['cache-control']).toBe('no-cache');
    expect((await getRaw(`${host.bridge.origin}/`, 'br')).headers['cache-control']).toBe('no-store');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e/%2e%2e/outside.txt', '/..%2foutside.txt', '/%00', '/%E0%A4%A']) {
      const res = await fetch(`${host.bridge.origin}${path}`);
      expect(await res.text()).not.toBe('secret');
    }
  });

  it('answers no HTTP route for a foreign Host (DNS rebinding): renderer, app shell, media', async () => {
    const statusFor = (path: string, hostHeader: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${host.bridge.origin}${path}`, { headers: { host: hostHeader } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject).end();
      });
    const port = new URL(host.bridge.origin).port;
    for (const path of ['/', '/index.html', '/assets/app.js', '/receipt', `${MEDIA_URL_PREFIX}${'a'.repeat(64)}.mp4`, '/nope.js']) {
      for (const foreign of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.2:${port}`]) expect(await statusFor(path, foreign)).toBe(403);
    }
    expect(await statusFor('/', `127.0.0.1:${port}`)).toBe(200);
    expect(await statusFor('/', `localhost:${port}`)).toBe(200);
  });

  it('refuses sockets without the secret, from another origin, or for another host', async () => {
    const { origin, secret } = host.bridge;
    await expect(connectBridge(origin, 'wrong')).rejects.toThrow('401');
    await expect(connectBridge(origin, '')).rejects.toThrow('401');
    await expect(connectBridge(origin, secret, { origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(connectBridge(origin, secret, { origin: 'null' })).rejects.toThrow('403');
    await expect(connectBridge(origin, secret, { host: 'evil.example' })).rejects.toThrow('403');
  });

  it("hands each page a resume ticket that opens the bridge after a restart with a new secret, and only the host's own", async () => {
    const first = await connectBridge(host.bridge.origin, host.bridge.secret);
    await waitFor(() => first.resumes.length > 0 || null, 'a resume ticket');
    const ticket = first.resumes[0]!;
    first.close();
    const dataDir = join(dir, 'restarted');
    const rendererDir = join(dir, 'renderer');
    const before = await startBrowserHost({ dataDir, hubUrl: 'http://127.0.0.1:9', rendererDir, port: 0, log: silentLog });
    const page = await connectBridge(before.bridge.origin, before.bridge.secret);
    await waitFor(() => page.resumes.length > 0 || null, 'a resume ticket');
    const kept = page.resumes[0]!;
    page.close();
    const port = Number(new URL(before.bridge.origin).port);
    const oldSecret = before.bridge.secret;
    await before.close();
    const after = await startBrowserHost({ dataDir, hubUrl: 'http://127.0.0.1:9', rendererDir, port, log: silentLog });
    try {
      expect(after.bridge.secret).not.toBe(oldSecret);
      await expect(connectBridge(after.bridge.origin, oldSecret)).rejects.toThrow('401');
      const resumed = await connectBridge(after.bridge.origin, { resume: kept });
      expect(await resumed.call('terminal.info')).toMatchObject({ ok: true });
      resumed.close();
      // Another host's ticket (another data directory, another key) and a forged one are refused.
      await expect(connectBridge(after.bridge.origin, { resume: ticket })).rejects.toThrow('401');
      const [expires, mac] = kept.split('.');
      await expect(connectBridge(after.bridge.origin, { resume: `${Number(expires) + 1}.${mac}` })).rejects.toThrow('401');
      await expect(connectBridge(after.bridge.origin, { resume: 'nonsense' })).rejects.toThrow('401');
    } finally {
      await after.close();
    }
  });

  it('carries contract calls and rejects bad frames without dropping the connection', async () => {
    const client = await connectBridge(host.bridge.origin, host.bridge.secret);
    expect(await client.call('terminal.info')).toMatchObject({ ok: true, value: { host: 'browser', enrolled: false } });
    expect(await client.call('fs.read', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await client.call('intake.submit', { nope: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    client.sendRaw('{not json');
    expect(await client.nextResult()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    client.sendRaw(JSON.stringify({ t: 'call', id: 'x', name: 'sync.status' }));
    expect(await client.nextResult()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const receipt = await client.call('intake.submit', sampleSubmission());
    expect(receipt).toMatchObject({ ok: true, value: { status: 'queued' } });
    expect(await client.call('sync.status')).toMatchObject({ ok: true, value: { queueDepth: 1, hubReachable: false } });
    client.close();
  });

  it('closes a socket that sends an oversized frame and keeps serving others', async () => {
    const client = await connectBridge(host.bridge.origin, host.bridge.secret);
    const closed = new Promise<number>((r) => client.ws.once('close', (code) => r(code)));
    client.sendRaw('x'.repeat(MAX_FRAME_BYTES + 10));
    expect(await closed).toBe(1009);
    const other = await connectBridge(host.bridge.origin, host.bridge.secret);
    expect(await other.call('sync.status')).toMatchObject({ ok: true });
    other.close();
  });
});

/** A GET with this accept-encoding, its body left as sent (fetch would decompress it). */
function getRaw(url: string, acceptEncoding: string): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}
