import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API, hubPaths } from '../../shared/hubProtocol.js';
import { playlistPaths } from '../../shared/playlist.js';
import { recordingKey, sealRecording } from '../../server/sfu/recordingSeal.js';
import { recordingStore } from '../../server/sfu/recordingStore.js';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { jpeg, sha256, tusUpload } from '../support/attachmentFixtures.js';
import { signIn } from '../support/courtClient.js';
import { courtStaff, deliverIntake, draftedAgreement } from '../support/courtSteps.js';
import { receiveDispute, signedInStaff } from '../support/dashboardViewers.js';
import { sampleApplication, sampleIngest, tempDir } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { testDatabase } from '../support/hubEngine.js';
import { enrollTerminal } from '../support/signallingClients.js';

// Files across hub instances (issue 13): two instances on one PostgreSQL database, each with its
// own data folder (its logs, its data key file) and one shared files folder (HUB_FILES_DIR). A
// file written through A is read through B: a kiosk's attachment (tus) in the console, an
// agreement drawn by the court API, the default playlist's media a kiosk downloads, a sealed
// recording played with Range; a recording past its retention, swept by both, is deleted once.
// A third instance given a folder of its own refuses to start.

let a: RunningHub;
let b: RunningHub;
let databaseUrl: string;
const dataKey = randomBytes(32);
const filesDir = tempDir('hub-files-');

beforeAll(async () => {
  ({ databaseUrl } = (await testDatabase(tempDir('files-instances-'))) as { databaseUrl: string });
  const instance = (name: string) => startHub({ dataDir: tempDir(`hub-${name}-`), filesDir, databaseUrl, dataKey: dataKey.toString('base64') });
  [a, b] = await Promise.all([instance('a'), instance('b')]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

/** A recording of a case, sealed into the files folder through A and on record, as the recorder leaves it. */
async function recordingThroughA(expiresAt: string) {
  const caseId = await receiveDispute(a.hub, HALL_SITE_ID, 'court');
  const plain = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(150_000)]);
  const recordingId = randomUUID();
  const folder = path.dirname(a.hub.files.recording(recordingId));
  await fs.mkdir(folder, { recursive: true });
  const plainFile = path.join(folder, `${recordingId}.plain.webm`);
  await fs.writeFile(plainFile, plain);
  const sealed = await sealRecording(recordingKey(dataKey), recordingId, plainFile, a.hub.files.recording(recordingId));
  await fs.rm(plainFile);
  const at = new Date().toISOString();
  await recordingStore.started(a.hub.database, { recordingId, callId: randomUUID(), caseId, startedAt: at, mimeType: 'video/webm', expiresAt });
  await recordingStore.stopped(a.hub.database, recordingId, { stoppedAt: at, cause: 'stopped', sha256: sealed.sha256, size: sealed.size, seconds: 1 });
  return { caseId, recordingId, plain };
}

describe('files written through one instance, read through another', () => {
  it('a kiosk attachment uploaded through A opens in the console through B', async () => {
    const credential = await enrollTerminal(a.url, 'KSK-FILES-1');
    const photo = jpeg(150_000);
    const intake = sampleIngest();
    const meta = { submissionId: intake.submissionId, sha256: sha256(photo), mimeType: 'image/jpeg' as const };
    const done = await tusUpload(a.url, credential, photo, meta);
    expect(done.status).toBeNull();
    // the filing that lists it, through A; opened through B by a filing clerk (an attachment is a case's parties' data)
    await deliverIntake(a, credential, { ...intake, attachments: [{ sha256: meta.sha256, mimeType: meta.mimeType, size: photo.length }] });
    const { cookie } = await signedInStaff(b.hub, 'filing_clerk');
    const res = await fetch(new URL(`/console/attachments/${intake.submissionId}/${meta.sha256}`, b.url), { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(meta.sha256);
  });

  it('a tus upload begun through A is resumed and finished through B', async () => {
    const credential = await enrollTerminal(b.url, 'KSK-FILES-2');
    const photo = jpeg(200_000);
    const meta = { submissionId: randomUUID(), sha256: sha256(photo), mimeType: 'image/jpeg' as const };
    const headers = { authorization: `Bearer ${credential}`, 'tus-resumable': '1.0.0' };
    const created = await fetch(new URL(hubPaths.uploads, a.url), {
      method: 'POST',
      headers: {
        ...headers,
        'upload-length': String(photo.length),
        'upload-metadata': Object.entries(meta)
          .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
          .join(','),
      },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const patch = (hub: RunningHub, offset: number, bytes: Buffer) =>
      fetch(new URL(location, hub.url), { method: 'PATCH', headers: { ...headers, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes) });
    expect((await patch(a, 0, photo.subarray(0, 80_000))).status).toBe(204);
    // The kiosk lost its connection; its next request lands on B, which knows where the upload stands.
    const head = await fetch(new URL(location, b.url), { method: 'HEAD', headers });
    expect(head.headers.get('upload-offset')).toBe('80000');
    expect((await patch(b, 80_000, photo.subarray(80_000))).status).toBe(204);
    const verified = await a.hub.intakes.attachment(meta.submissionId, meta.sha256);
    expect(verified).toMatchObject({ terminalId: 'KSK-FILES-2', size: photo.length });
  });

  it('an agreement drawn through A is read, byte for byte, through B', async () => {
    // A and B started together: either may be the one that seeded the default accounts.
    const passwords = a.hub.initialPasswords.size > 0 ? a.hub.initialPasswords : b.hub.initialPasswords;
    const staffA = await courtStaff(a, passwords);
    const entered = await staffA.clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ name: '王桂英' }) } });
    expect(entered.status).toBe(201);
    const { caseId, draftId } = await draftedAgreement(staffA, entered.body.case);
    const onA = await staffA.mediator.raw('getDocument', { params: { caseId, documentId: draftId } });
    expect(onA.status).toBe(200);
    const mediatorB = await signIn(b.url, 'mediator.people', passwords.get('mediator.people')!);
    const onB = await mediatorB.raw('getDocument', { params: { caseId, documentId: draftId } });
    expect(onB.status).toBe(200);
    expect(Buffer.from(await onB.arrayBuffer())).toEqual(Buffer.from(await onA.arrayBuffer()));
  });

  it('the default playlist, seeded by whichever instance started first, downloads through both', async () => {
    const credential = await enrollTerminal(a.url, 'KSK-FILES-3');
    const auth = { authorization: `Bearer ${credential}` };
    const manifest = (await (await fetch(new URL(playlistPaths.manifest, b.url), { headers: auth })).json()) as { items: Array<{ sha256: string }> };
    expect(manifest.items.length).toBeGreaterThan(0);
    for (const hub of [a, b]) {
      for (const item of manifest.items) {
        const res = await fetch(new URL(`${playlistPaths.media}/${item.sha256}`, hub.url), { headers: auth });
        expect(res.status, `${item.sha256} through ${hub === a ? 'A' : 'B'}`).toBe(200);
        expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(item.sha256);
      }
    }
  });

  it('a recording sealed through A plays with Range through B', async () => {
    const { caseId, recordingId, plain } = await recordingThroughA('2099-01-01T00:00:00.000Z');
    const judge = await signedInStaff(b.hub, 'judge');
    const part = await fetch(`${b.url}${HUB_API}/cases/${caseId}/recordings/${recordingId}`, { headers: { cookie: judge.cookie, range: 'bytes=70000-70099' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(plain.subarray(70_000, 70_100));
  });

  it('a recording past its retention, swept by both instances at once, is deleted once', async () => {
    const { caseId, recordingId } = await recordingThroughA('2000-01-01T00:00:00.000Z');
    await Promise.all([a.hub.signalling.recordings!.sweep(), b.hub.signalling.recordings!.sweep()]);
    await expect(fs.stat(a.hub.files.recording(recordingId))).rejects.toMatchObject({ code: 'ENOENT' });
    const events = (await a.hub.cases.events(a.hub.database, caseId)).map((e) => e.event.type);
    expect(events.filter((t) => t === 'recording.deleted')).toHaveLength(1);
  });
});

describe('an instance starting on the shared folder', () => {
  it('leaves another instance’s upload under way in .incoming, and clears a day-old leftover', async () => {
    const incoming = path.join(a.hub.files.playlistMedia, '.incoming');
    const underWay = path.join(incoming, 'upload-under-way');
    const leftover = path.join(incoming, 'leftover-of-a-crash');
    await fs.writeFile(underWay, randomBytes(1000));
    await fs.writeFile(leftover, randomBytes(1000));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await fs.utimes(leftover, twoDaysAgo, twoDaysAgo);
    const c = await startHub({ dataDir: tempDir('hub-c-'), filesDir, databaseUrl, dataKey: dataKey.toString('base64') });
    await c.close();
    expect((await fs.readdir(incoming)).sort()).toEqual(['upload-under-way']);
  });
});

describe('an instance that does not see the shared files folder', () => {
  it('refuses to start, saying which folder and why', async () => {
    const lost = tempDir('hub-files-elsewhere-');
    const started = startHub({ dataDir: tempDir('hub-c-'), filesDir: lost, databaseUrl, dataKey: dataKey.toString('base64') });
    await expect(started).rejects.toThrow(/HUB_FILES_DIR/);
    await expect(started).rejects.toThrow(lost);
  });
});
