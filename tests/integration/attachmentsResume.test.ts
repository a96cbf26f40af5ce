import { rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../main/agent/agent.js';
import { addPhoto, jpeg, sha256, startKiosk } from '../support/attachmentFixtures.js';
import { sampleSubmission } from '../support/fixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Resumable uploads across a kiosk restart. A loopback proxy between kiosk and hub counts the
// bytes of every PATCH and can cut the connection after N of them, as a dropped 4G link or a
// power cut would. The proof of resuming: the hub held part of the file before the restart, and
// the restarted kiosk sent only the rest, with no new upload created.

interface Proxy {
  url: string;
  /** PATCH body bytes forwarded to the hub, and uploads created (POST on the collection). */
  patchBytes: number;
  creates: number;
  /** Cut the connection once this many PATCH bytes went through; afterwards refuse everything (503). */
  cutAfter: number;
  down: boolean;
  /** Swallow PATCH bytes instead of forwarding them: the upload stalls mid-request. */
  hold: boolean;
  /** PATCH body bytes swallowed while holding. */
  heldBytes: number;
  reset(): void;
  close(): Promise<void>;
}

async function cuttingProxy(target: string): Promise<Proxy> {
  const server: Server = createServer((req, res) => {
    if (state.down) return void res.writeHead(503, { 'retry-after': '1' }).end();
    if (req.method === 'POST' && req.url === '/api/v1/uploads') state.creates++;
    const upstream = request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => res.writableFinished || upstream.destroy()); // the kiosk hung up: so does the proxy
    req.on('data', (chunk: Buffer) => {
      if (req.method !== 'PATCH' || state.down) return void (state.down || upstream.write(chunk));
      if (state.hold) return void (state.heldBytes += chunk.length);
      const room = state.cutAfter - state.patchBytes;
      if (chunk.length < room) {
        state.patchBytes += chunk.length;
        return void upstream.write(chunk);
      }
      state.patchBytes += room;
      state.down = true;
      upstream.write(chunk.subarray(0, room), () => {
        // Give the hub a moment to store what it got, then drop both sides mid-request.
        setTimeout(() => {
          upstream.destroy();
          req.socket.destroy();
        }, 50);
      });
    });
    req.on('end', () => state.down || upstream.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const state: Proxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    patchBytes: 0,
    creates: 0,
    cutAfter: Number.POSITIVE_INFINITY,
    down: false,
    hold: false,
    heldBytes: 0,
    reset() {
      Object.assign(state, { patchBytes: 0, creates: 0, cutAfter: Number.POSITIVE_INFINITY, down: false, hold: false, heldBytes: 0 });
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return state;
}

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const CHUNK = 64 * 1024;
const statusOf = (agent: Agent, id: string) => (agent.db.prepare('SELECT status FROM submissions WHERE submission_id = ?').get(id) as { status: string }).status;
const uploadRow = (agent: Agent) => agent.db.prepare('SELECT upload_url, uploaded_at FROM attachments').get() as { upload_url: string | null; uploaded_at: string | null };

/** A kiosk whose upload of `photo` was cut after `cutAfter` bytes and which was then shut down. */
async function interruptedKiosk(h: RunningHub, proxy: Proxy, photo: Buffer, cutAfter: number) {
  proxy.cutAfter = cutAfter;
  const first = await startKiosk({ hubUrl: proxy.url, uploadChunkBytes: CHUNK });
  const sub = sampleSubmission();
  await addPhoto(first, sub.submissionId, photo);
  await first.dispatch('intake.submit', { ...sub, attachments: [{ sha256: sha256(photo) }] });
  await waitFor(() => proxy.down && uploadRow(first).upload_url, 'the upload to be cut');
  const uploadUrl = uploadRow(first).upload_url!;
  const credential = first.config.credential()!;
  const terminalId = first.config.read().terminalId;
  await first.close();
  // What the hub holds of the upload, asked directly (tus HEAD), not through the proxy.
  const head = await fetch(new URL(new URL(uploadUrl).pathname, h.url), {
    method: 'HEAD',
    headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${credential}` },
  });
  expect(head.status).toBe(200);
  const offset = Number(head.headers.get('upload-offset'));
  return { sub, uploadUrl, offset, terminalId, dataDir: first.dataDir, key: first.key };
}

describe('attachments: resumable upload across a restart', () => {
  it('resumes at the hub offset from the persisted upload URL instead of starting over', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const proxy = await cuttingProxy(h.url);
    cleanup.push(() => proxy.close());
    const photo = jpeg(1024 * 1024);

    const cut = await interruptedKiosk(h, proxy, photo, 300_000);
    expect(proxy.creates).toBe(1);
    expect(cut.offset).toBeGreaterThan(0);
    expect(cut.offset).toBeLessThan(photo.length);

    proxy.reset();
    const again = await startKiosk({ hubUrl: proxy.url, dataDir: cut.dataDir, key: cut.key, terminalId: cut.terminalId, uploadChunkBytes: CHUNK });
    cleanup.push(() => again.close());
    expect(uploadRow(again).upload_url).toBe(cut.uploadUrl); // persisted before the cut
    await waitFor(() => statusOf(again, cut.sub.submissionId) === 'delivered', 'delivery after restart');

    expect(proxy.creates).toBe(0); // no new upload
    expect(proxy.patchBytes).toBe(photo.length - cut.offset); // only the rest was sent
    expect(proxy.patchBytes).toBeLessThan(photo.length);
    const verified = (await h.hub.intakes.attachment(cut.sub.submissionId, sha256(photo)))!;
    expect(verified.uploadId).toBe(cut.uploadUrl.split('/').pop());
  });

  it('starts a new upload when the hub no longer has the old one (404 on resume)', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const proxy = await cuttingProxy(h.url);
    cleanup.push(() => proxy.close());
    const photo = jpeg(400_000);

    const cut = await interruptedKiosk(h, proxy, photo, 100_000);
    const id = cut.uploadUrl.split('/').pop()!;
    for (const f of [id, `${id}.json`]) rmSync(join(h.dataDir, 'uploads', f)); // the hub lost it

    proxy.reset();
    const again = await startKiosk({ hubUrl: proxy.url, dataDir: cut.dataDir, key: cut.key, terminalId: cut.terminalId, uploadChunkBytes: CHUNK });
    cleanup.push(() => again.close());
    await waitFor(() => statusOf(again, cut.sub.submissionId) === 'delivered', 'delivery with a fresh upload');
    expect(proxy.creates).toBe(1);
    expect(proxy.patchBytes).toBe(photo.length);
    expect((await h.hub.intakes.attachment(cut.sub.submissionId, sha256(photo)))!.uploadId).not.toBe(id);
  });

  it('stops an upload at once on shutdown and leaves the job due, to resume on the next start', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const proxy = await cuttingProxy(h.url);
    cleanup.push(() => proxy.close());
    proxy.hold = true;
    const kiosk = await startKiosk({ hubUrl: proxy.url, uploadChunkBytes: CHUNK });
    const sub = sampleSubmission();
    const sha = await addPhoto(kiosk, sub.submissionId, jpeg(500_000));
    await kiosk.dispatch('intake.submit', { ...sub, attachments: [{ sha256: sha }] });
    await waitFor(() => uploadRow(kiosk).upload_url, 'the upload to start');
    await waitFor(() => proxy.heldBytes > 0, 'the PATCH stuck mid-body');
    // The held request never ends by itself: stop() returns because it aborts it, and says so.
    await kiosk.sync.stop();
    const job = kiosk.db.prepare('SELECT state, next_attempt_at, last_error FROM outbox_jobs').get() as { state: string; next_attempt_at: number; last_error: string };
    expect(job).toMatchObject({ state: 'pending', last_error: 'stopped' });
    expect(job.next_attempt_at).toBeLessThanOrEqual(Date.now());
    await kiosk.close();
  });
});
