import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../main/agent/agent.js';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachment.js';
import { startBrowserHost } from '../../main/browserHost/host.js';
import { silentLog } from '../../main/agent/log.js';
import { addPhoto, jpeg, pdf, sha256, startKiosk } from '../support/attachmentFixtures.js';
import { sampleSubmission, tempDir } from '../support/fixtures.js';
import { freePort, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { connectBridge } from '../support/wsClient.js';

// The kiosk side of attachments: sealed content-addressed files, atomic submit, delivery over
// tus to a real hub, purge after the hub's acknowledgement, and the start-up sweep.

const logLines: string[] = [];
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function kiosk(hubUrl = 'http://127.0.0.1:9', extra: Parameters<typeof startKiosk>[0] | object = {}) {
  const agent = await startKiosk({ hubUrl, logLines, uploadChunkBytes: 64 * 1024, ...extra });
  cleanup.push(() => agent.close());
  return agent;
}
async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  return h;
}
const rows = (agent: Agent) =>
  agent.db.prepare('SELECT submission_id, sha256, position, label_sealed, upload_url, uploaded_at FROM attachments ORDER BY position').all() as Array<{
    submission_id: string;
    sha256: string;
    position: number | null;
    label_sealed: Buffer | null;
    upload_url: string | null;
    uploaded_at: string | null;
  }>;
const files = (agent: { dataDir: string }) => readdirSync(join(agent.dataDir, 'attachments')).sort();
const statusOf = (agent: Agent, id: string) => (agent.db.prepare('SELECT status FROM submissions WHERE submission_id = ?').get(id) as { status: string } | undefined)?.status;

describe('kiosk attachments: store', () => {
  it('stores a photo sealed and content-addressed by the sha256 of its plaintext', async () => {
    const agent = await kiosk();
    const photo = jpeg(200_000);
    const sub = sampleSubmission();
    const r = await agent.dispatch('attachment.add', { submissionId: sub.submissionId, mimeType: 'image/jpeg', dataBase64: photo.toString('base64') });
    expect(r).toEqual({ ok: true, value: { sha256: sha256(photo), size: photo.length, mimeType: 'image/jpeg' } });
    expect(files(agent)).toEqual([sha256(photo)]);
    const onDisk = readFileSync(join(agent.dataDir, 'attachments', sha256(photo)));
    for (const at of [0, 4, 100_000, photo.length - 64]) expect(onDisk.includes(photo.subarray(at, at + 64))).toBe(false);
    expect(rows(agent)).toMatchObject([{ submission_id: sub.submissionId, sha256: sha256(photo), position: null, upload_url: null }]);
    // Adding the same photo again is idempotent.
    expect(await addPhoto(agent, sub.submissionId, photo)).toBe(sha256(photo));
    expect(rows(agent)).toHaveLength(1);
  });

  it('refuses a file whose bytes are not its declared type, and one over 8 MiB', async () => {
    const agent = await kiosk();
    const id = sampleSubmission().submissionId;
    const asPng = await agent.dispatch('attachment.add', { submissionId: id, mimeType: 'image/png', dataBase64: jpeg(1000).toString('base64') });
    expect(asPng).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'dataBase64', message: 'errors.attachment.type' }] } });
    const html = await agent.dispatch('attachment.add', { submissionId: id, mimeType: 'application/pdf', dataBase64: Buffer.from('<html><script>').toString('base64') });
    expect(html).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const big = await agent.dispatch('attachment.add', { submissionId: id, mimeType: 'image/jpeg', dataBase64: jpeg(MAX_ATTACHMENT_BYTES + 1).toString('base64') });
    expect(big).toEqual({ ok: false, error: { code: 'TOO_LARGE', message: 'errors.attachment.tooLarge' } });
    expect(await addPhoto(agent, id, pdf(MAX_ATTACHMENT_BYTES), 'application/pdf')).toHaveLength(64);
    expect(rows(agent)).toHaveLength(1);
    expect(files(agent)).toHaveLength(1);
    for (let i = 1; i < 20; i++) await addPhoto(agent, id, jpeg(100));
    const extra = await agent.dispatch('attachment.add', { submissionId: id, mimeType: 'image/jpeg', dataBase64: jpeg(100).toString('base64') });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ message: 'errors.attachment.tooMany' }] } });
    expect(rows(agent)).toHaveLength(20);
  });

  it('commits a submission, its attachment list and its job together — or nothing', async () => {
    const agent = await kiosk();
    const sub = sampleSubmission();
    const [a, b, unlisted] = [jpeg(5000), pdf(7000), jpeg(3000)];
    for (const f of [a, b]) await addPhoto(agent, sub.submissionId, f, f === b ? 'application/pdf' : 'image/jpeg');
    await addPhoto(agent, sub.submissionId, unlisted);
    await agent.dispatch('draft.save', { submissionId: sub.submissionId, language: 'zh-CN', step: 'evidence', form: {} });

    // One unknown file: the whole submit is refused and nothing changes.
    const stranger = sha256(jpeg(10));
    const bad = await agent.dispatch('intake.submit', { ...sub, attachments: [{ sha256: sha256(a) }, { sha256: stranger }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'attachments.1.sha256', message: 'errors.attachment.invalid' }] } });
    expect(statusOf(agent, sub.submissionId)).toBeUndefined();
    expect(agent.db.prepare('SELECT COUNT(*) AS n FROM outbox_jobs').get()).toEqual({ n: 0 });
    expect(rows(agent).every((r) => r.position === null)).toBe(true);
    expect((await agent.dispatch('draft.load', undefined)) as { value: unknown }).toMatchObject({ value: { submissionId: sub.submissionId } });

    // The job cannot be written: the attachment binding rolls back with the submission.
    agent.db.exec(`CREATE TRIGGER fail_job BEFORE INSERT ON outbox_jobs BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    expect(await agent.dispatch('intake.submit', { ...sub, attachments: [{ sha256: sha256(a) }] })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(rows(agent).every((r) => r.position === null)).toBe(true);
    agent.db.exec('DROP TRIGGER fail_job');

    const label = '欠条照片（第一页）';
    const ok = await agent.dispatch('intake.submit', { ...sub, attachments: [{ sha256: sha256(b), label }, { sha256: sha256(a) }] });
    expect(ok).toMatchObject({ ok: true, value: { status: 'queued' } });
    expect(rows(agent).map((r) => [r.sha256, r.position])).toEqual([
      [sha256(b), 0],
      [sha256(a), 1],
    ]);
    expect(rows(agent)[0]!.label_sealed!.includes(Buffer.from(label))).toBe(false);
    expect(files(agent)).toEqual([sha256(a), sha256(b)].sort()); // the unlisted photo is gone
    // A submitted file can no longer be removed, nor can files be added to a submitted intake.
    expect(await agent.dispatch('attachment.remove', { submissionId: sub.submissionId, sha256: sha256(a) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const late = await agent.dispatch('attachment.add', { submissionId: sub.submissionId, mimeType: 'image/jpeg', dataBase64: jpeg(100).toString('base64') });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('removes a draft attachment, and discarding the draft removes every unsubmitted one', async () => {
    const agent = await kiosk();
    const kept = sampleSubmission();
    const shared = jpeg(4000); // the same photo in a submitted intake and in the next draft
    await addPhoto(agent, kept.submissionId, shared);
    await agent.dispatch('intake.submit', { ...kept, attachments: [{ sha256: sha256(shared) }] });
    const draft = sampleSubmission().submissionId;
    const [x, y] = [jpeg(1000), jpeg(2000)];
    await addPhoto(agent, draft, x);
    await addPhoto(agent, draft, y);
    await addPhoto(agent, draft, shared);
    expect(await agent.dispatch('attachment.remove', { submissionId: draft, sha256: sha256(x) })).toEqual({ ok: true, value: null });
    expect(files(agent)).not.toContain(sha256(x));
    expect(await agent.dispatch('draft.discard', undefined)).toEqual({ ok: true, value: null });
    expect(rows(agent).map((r) => r.submission_id)).toEqual([kept.submissionId]);
    expect(files(agent)).toEqual([sha256(shared)]);
  });

  it('sweeps orphan and half-written files at start-up, keeping referenced ones', async () => {
    const first = await kiosk();
    const photo = jpeg(3000);
    await addPhoto(first, sampleSubmission().submissionId, photo);
    await first.close();
    const dir = join(first.dataDir, 'attachments');
    const orphan = sha256(jpeg(10));
    writeFileSync(join(dir, orphan), 'left by a crash after the purge commit');
    writeFileSync(join(dir, `${orphan}.a1b2c3.tmp`), 'half written');
    const again = await kiosk(undefined, { dataDir: first.dataDir, key: first.key });
    expect(files(again)).toEqual([sha256(photo)]);
    expect(logLines.some((l) => l.includes('"attachments.swept"') && l.includes('"files":2'))).toBe(true);
  });

  it('carries an 8 MiB photo over the browser host bridge', async () => {
    const dir = tempDir();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const host = await startBrowserHost({ dataDir: join(dir, 'data'), hubUrl: 'http://127.0.0.1:9', rendererDir, port: 0, log: silentLog });
    cleanup.push(() => host.close());
    const client = await connectBridge(host.bridge.origin, host.bridge.secret);
    const photo = jpeg(MAX_ATTACHMENT_BYTES);
    const r = await client.call('attachment.add', { submissionId: sampleSubmission().submissionId, mimeType: 'image/jpeg', dataBase64: photo.toString('base64') });
    expect(r).toMatchObject({ ok: true, value: { sha256: sha256(photo), size: MAX_ATTACHMENT_BYTES } });
    client.close();
  });
});

describe('kiosk attachments: delivery', () => {
  it('uploads every attachment, is acknowledged only after them, then purges rows and files', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const sub = sampleSubmission();
    const photos = [jpeg(600_000), pdf(90_000)];
    for (const p of photos) await addPhoto(agent, sub.submissionId, p, p[0] === 0xff ? 'image/jpeg' : 'application/pdf');
    const label = '受损的楼道墙面';
    await agent.dispatch('intake.submit', { ...sub, attachments: [{ sha256: sha256(photos[0]!), label }, { sha256: sha256(photos[1]!) }] });
    await waitFor(() => statusOf(agent, sub.submissionId) === 'delivered', 'delivery');

    for (const p of photos) {
      const verified = (await h.hub.intakes.attachment(sub.submissionId, sha256(p)))!;
      expect(verified).toMatchObject({ size: p.length, terminalId: agent.config.read().terminalId });
      expect(sha256(readFileSync(join(h.dataDir, 'uploads', verified.uploadId)))).toBe(sha256(p));
    }
    const [intake] = await h.hub.intakes.recent(1);
    expect(intake!.attachments).toEqual([
      { sha256: sha256(photos[0]!), mimeType: 'image/jpeg', size: photos[0]!.length, label },
      { sha256: sha256(photos[1]!), mimeType: 'application/pdf', size: photos[1]!.length },
    ]);
    // Acknowledged, so the kiosk keeps nothing personal: no rows, no files, no sealed payload.
    expect(rows(agent)).toEqual([]);
    expect(files(agent)).toEqual([]);
    expect(agent.db.prepare('SELECT sealed_payload FROM submissions').get()).toEqual({ sealed_payload: null });
  });

  it('uploads again what the hub reports missing (409 ATTACHMENTS_INCOMPLETE) and then delivers', async () => {
    const port = await freePort();
    const agent = await kiosk(`http://127.0.0.1:${port}`);
    const sub = sampleSubmission();
    const photo = jpeg(150_000);
    await addPhoto(agent, sub.submissionId, photo);
    await agent.dispatch('intake.submit', { ...sub, attachments: [{ sha256: sha256(photo) }] });
    // The kiosk believes the hub has the file (say the hub was restored from an older backup).
    agent.db.prepare(`UPDATE attachments SET uploaded_at = '2026-01-01T00:00:00Z', upload_url = ?`).run(`http://127.0.0.1:${port}/api/v1/uploads/${'0'.repeat(32)}`);
    const h = await hub({ port });
    await waitFor(() => statusOf(agent, sub.submissionId) === 'delivered', 'delivery after re-upload');
    expect(logLines.some((l) => l.includes('"reason":"attachments incomplete"'))).toBe(true);
    expect(await h.hub.intakes.attachment(sub.submissionId, sha256(photo))).not.toBeNull();
  });

  it('never writes attachment labels or hashes to its log', () => {
    const text = logLines.join('\n');
    expect(text).not.toContain('受损的楼道墙面');
    expect(text).not.toContain('欠条照片');
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });
});
