import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { casePagePath } from '../../server/console/paths.js';
import { loadDataKey } from '../../server/personalData/dataKey.js';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { closeInterrupted, closeStaleRecordings, RECORDING_STALE_MS, staleRecordingCheck } from '../../server/sfu/interruptedRecordings.js';
import { openRecordingRange, recordingKey, sealedDigest, sealRecording } from '../../server/sfu/recordingSeal.js';
import { recordingStore } from '../../server/sfu/recordingStore.js';
import { receiveDispute, signedInStaff } from '../support/dashboardViewers.js';
import { tempDir } from '../support/fixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { recordingCloserOf } from '../support/recordingCloser.js';

// A recording left "in progress" by a hub that died (server/sfu/interruptedRecordings.ts), on both
// engines. A row of another instance whose heartbeat is older than the limit is closed once as
// interrupted, with one `recording.stopped` event however often (or however many at once) the
// check runs; a row whose recorder beats, or this instance's own, is never closed. A hub started
// again on the data folder of the run that died closes its own open recordings at once: a partial
// WebM that still plays is kept, sealed, its sha256 in the event and the case page offers it; a
// broken one is not kept and the page says "录像中断 / recording interrupted" with no player. A
// dead instance that had sealed its file whole (and died before writing the row) left it in the
// shared files folder: whoever closes the row names it (tests/integration/recordingDiesAfterSeal.test.ts
// is the same instance started again).

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hub(dataDir?: string): Promise<RunningHub> {
  const h = await startHub({ backup: false, ...(dataDir ? { dataDir } : {}) });
  cleanup.push(() => h.close());
  return h;
}

const depsOf = recordingCloserOf;

/** A recording's start and last heartbeat, both past the stale limit. */
const STALE = [RECORDING_STALE_MS + 60_000, RECORDING_STALE_MS + 10_000] as const;

/** A case whose room started recording `ago` ms back on instance `instance`, its last heartbeat `beatAgo` ms back. */
async function recordingStarted(h: RunningHub, instance: string, ago: number, beatAgo = ago) {
  const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
  const recordingId = randomUUID();
  const callId = randomUUID();
  // One "now" for both times: a slow write between them (a loaded machine) must not stretch the span.
  const now = Date.now();
  const at = new Date(now - ago).toISOString();
  await recordingStore.started(h.hub.database, { recordingId, callId, caseId, startedAt: at, mimeType: 'video/webm', expiresAt: '2099-01-01T00:00:00.000Z', recorderInstance: instance });
  await recordingStore.beat(h.hub.database, instance, new Date(now - beatAgo).toISOString());
  await depsOf(h).roomLog.recording({ callId, submissionId: null, caseId }, { type: 'recording.started', payload: { recordingId } });
  return { caseId, recordingId };
}

async function stoppedEvents(h: RunningHub, caseId: string) {
  return (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event).filter((e) => e.type === 'recording.stopped');
}

const row = (h: RunningHub, recordingId: string) => h.hub.database.db.selectFrom('room_recordings').selectAll().where('recording_id', '=', recordingId).executeTakeFirstOrThrow();

const section = (html: string) => /<section aria-labelledby="recordings-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
async function casePage(h: RunningHub, caseId: string, lang: 'zh-CN' | 'en') {
  const judge = await signedInStaff(h.hub, 'judge');
  const cookie = lang === 'en' ? `${judge.cookie}; console_lang=en` : judge.cookie;
  const page = await fetch(h.url + casePagePath(caseId), { headers: { cookie, 'accept-language': lang } });
  expect(page.status).toBe(200);
  return section(await page.text());
}

/** A WebM as ffmpeg leaves it when killed mid-recording: whole clusters, then a cut, no cues. */
function killedRecording(file: string): void {
  const whole = `${file}.whole.webm`;
  execFileSync('ffmpeg', [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', '8', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '500k', '-g', '20', '-c:a', 'libopus', '-f', 'webm', '-y', whole],
  ]);
  const bytes = readFileSync(whole);
  rmSync(whole);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
}

/** A hub that started recording `ago` ms back and stopped with `leave` writing its first segment's file. */
async function diedRecording(ago: number, leave: (segment: string) => Promise<void>) {
  const dataDir = tempDir('hub-rec-dead-');
  const first = await hub(dataDir);
  const { caseId, recordingId } = await recordingStarted(first, 'the-dead-run', ago, 0);
  const workFile = first.hub.files.recordingWork(recordingId);
  await fs.mkdir(path.dirname(workFile), { recursive: true });
  await leave(`${workFile}.part0.webm`);
  await first.close();
  return { dataDir, caseId, recordingId, workFile };
}

describe('a recording left in progress by a dead hub', () => {
  it('is closed once as interrupted when its heartbeat is stale, with one event however often the check runs', async () => {
    const h = await hub();
    const deps = depsOf(h);
    const { caseId, recordingId } = await recordingStarted(h, 'dead-instance', RECORDING_STALE_MS + 60_000, RECORDING_STALE_MS + 10_000);
    const closed = await Promise.all([closeStaleRecordings(deps, 'checker-a'), closeStaleRecordings(deps, 'checker-b')]);
    expect(closed[0] + closed[1]).toBe(1);
    expect(await closeStaleRecordings(deps, 'checker-a')).toBe(0);

    const events = await stoppedEvents(h, caseId);
    expect(events.map((e) => e.payload)).toEqual([{ roomId: expect.any(String), recordingId, cause: 'interrupted', sha256: null, size: 0, seconds: 50 }]);
    const r = await row(h, recordingId);
    expect(r.stop_cause).toBe('interrupted');
    expect(r.stopped_at).not.toBeNull();

    // Closed, it comes under retention like any stopped recording.
    expect((await recordingStore.expired(h.hub.database, '2100-01-01T00:00:00.000Z')).map((e) => e.recordingId)).toContain(recordingId);
    const zh = await casePage(h, caseId, 'zh-CN');
    expect(zh).toContain('录像中断');
    expect(zh).not.toContain('正在录制');
    expect(zh).not.toContain('<video');
    expect(await casePage(h, caseId, 'en')).toContain('Recording interrupted');
  });

  it('runs one stale check at a time: a tick while one hangs on the files folder is skipped and counted', async () => {
    const h = await hub();
    const logged: Array<Record<string, unknown>> = [];
    // Stale only to this test's checks (staleMs), fresh to the harness hub's own 30 s check for its
    // whole limit: that check must not close the row (or open the pipe) between the steps below.
    const deps = { ...depsOf(h), staleMs: 1, log: { info: () => undefined, warn: (fields: object) => void logged.push(fields as Record<string, unknown>) } };
    const { caseId, recordingId } = await recordingStarted(h, 'dead-instance', 60_000, 1_000);
    expect(await closeStaleRecordings(depsOf(h), 'as-the-harness')).toBe(0);
    // its sealed file a pipe with no writer, as a hung files folder: opening it never returns
    const fifo = h.hub.files.recording(recordingId);
    await fs.mkdir(path.dirname(fifo), { recursive: true });
    execFileSync('mkfifo', [fifo]);
    const check = staleRecordingCheck(deps, 'checker');
    const first = check.run();
    // the first check cannot end before a writer opens the pipe: every tick meanwhile is skipped
    expect(await check.run()).toBeNull();
    expect(await check.run()).toBeNull();
    expect(check.skipped()).toBe(2);
    // and it is in the pipe: a writer's open returns only once a reader has opened it (not before
    // the next tick is asked: once the writer is there, the first check goes on at once)
    const writer = await fs.open(fifo, 'w');
    expect(logged).toEqual([expect.objectContaining({ event: 'recording.stale_check_busy', skipped: 1 }), expect.objectContaining({ event: 'recording.stale_check_busy', skipped: 2 })]);
    // the folder answers (a pipe is no sealed file: that row is left for a later check), and the next check runs
    await writer.close();
    expect(await first).toBe(0);
    expect(logged.at(-1)).toMatchObject({ event: 'recording.error', recordingId });
    await fs.rm(fifo);
    expect(await check.run()).toBe(1);
    expect((await stoppedEvents(h, caseId)).map((e) => (e.payload as { cause: string }).cause)).toEqual(['interrupted']);
    expect(check.skipped()).toBe(2);
  });

  it('a start removes the unfinished sealed file (.partial) of a closed recording, and keeps an open one’s', async () => {
    const dataDir = tempDir('hub-rec-partial-');
    const first = await hub(dataDir);
    // both of a live instance (beaten now): no stale check closes the open one
    const closed = await recordingStarted(first, 'a-live-instance', 60_000, 0);
    const open = await recordingStarted(first, 'a-live-instance', 60_000, 0);
    expect(await recordingStore.stopped(first.hub.database, closed.recordingId, { stoppedAt: new Date().toISOString(), cause: 'failed', sha256: null, size: 0, seconds: 50 })).toBe(true);
    const partials = [closed, open].map((r) => `${first.hub.files.recording(r.recordingId)}.partial`);
    await fs.mkdir(path.dirname(partials[0]!), { recursive: true });
    // a seal's rename that never returned left each
    for (const p of partials) await fs.writeFile(p, 'half a sealed file');
    await first.close();
    await hub(dataDir);
    const exists = (p: string) =>
      fs.stat(p).then(
        () => true,
        () => false,
      );
    await waitFor(async () => !(await exists(partials[0]!)), 'the closed recording’s .partial removed');
    expect(await exists(partials[1]!)).toBe(true);
  });

  it('keeps the file a restarted instance sealed when another instance closed the row meanwhile naming it', async () => {
    const h = await hub();
    const deps = depsOf(h);
    const { caseId, recordingId } = await recordingStarted(h, 'restarted', ...STALE);
    const [before] = await recordingStore.open(h.hub.database, [recordingId]);
    const plain = path.join(tempDir('hub-rec-race-'), 'salvaged.webm');
    await fs.writeFile(plain, randomBytes(200_000));
    const sha256 = createHash('sha256')
      .update(await fs.readFile(plain))
      .digest('hex');
    // The restarted instance's seal is renamed into place; another instance's stale check finds it
    // whole and closes the row naming it, before the restarted one's own close.
    await sealRecording(deps.key, recordingId, plain, deps.sealedFile(recordingId));
    expect(await closeStaleRecordings(deps, 'other-instance')).toBe(1);
    expect(await closeInterrupted(deps, before!, plain)).toBe(false);
    expect(await row(h, recordingId)).toMatchObject({ stop_cause: 'interrupted', sha256 });
    // the file the row names is still there, whole
    expect(await sealedDigest(deps.key, recordingId, deps.sealedFile(recordingId))).toEqual({ sha256, size: 200_000 });
    expect(await stoppedEvents(h, caseId)).toHaveLength(1);
  });

  it('closes the other stale rows when one’s sealed file cannot be read, and that one at a later check', async () => {
    const h = await hub();
    const deps = depsOf(h);
    const unreadable = await recordingStarted(h, 'died', ...STALE);
    const fine = await recordingStarted(h, 'died', ...STALE);
    // a directory where its sealed file would be: reading it fails (EISDIR), not "no file"
    await fs.mkdir(deps.sealedFile(unreadable.recordingId), { recursive: true });
    expect(await closeStaleRecordings(deps, 'checker')).toBe(1);
    expect(await row(h, fine.recordingId)).toMatchObject({ stop_cause: 'interrupted' });
    expect(await row(h, unreadable.recordingId)).toMatchObject({ stop_cause: null });
    await fs.rm(deps.sealedFile(unreadable.recordingId), { recursive: true });
    expect(await closeStaleRecordings(deps, 'checker')).toBe(1);
    expect(await row(h, unreadable.recordingId)).toMatchObject({ stop_cause: 'interrupted' });
  });

  it('names the sealed file a dead instance finished before writing its row; one that does not open is no file', async () => {
    const h = await hub();
    const deps = depsOf(h);
    const finished = await recordingStarted(h, 'died-after-seal', ...STALE);
    const foreign = await recordingStarted(h, 'died-after-seal', ...STALE);
    const plain = path.join(tempDir('hub-rec-sealed-'), 'plain.webm');
    await fs.writeFile(plain, randomBytes(200_000));
    const sealed = await sealRecording(deps.key, finished.recordingId, plain, deps.sealedFile(finished.recordingId));
    // sealed under another key (not this hub's data): not a recording of this hub's
    await sealRecording(randomBytes(32), foreign.recordingId, plain, deps.sealedFile(foreign.recordingId));

    expect(await closeStaleRecordings(deps, 'checker')).toBe(2);
    expect((await stoppedEvents(h, finished.caseId)).map((e) => e.payload)).toEqual([
      { roomId: expect.any(String), recordingId: finished.recordingId, cause: 'interrupted', sha256: sealed.sha256, size: sealed.size, seconds: 50 },
    ]);
    expect(await row(h, finished.recordingId)).toMatchObject({ stop_cause: 'interrupted', sha256: sealed.sha256 });
    expect((await stoppedEvents(h, foreign.caseId)).map((e) => e.payload)).toEqual([
      { roomId: expect.any(String), recordingId: foreign.recordingId, cause: 'interrupted', sha256: null, size: 0, seconds: 50 },
    ]);
    expect(await casePage(h, finished.caseId, 'en')).toContain(sealed.sha256);
  });

  it('never closes a recording whose recorder beats, nor the checking instance’s own', async () => {
    const h = await hub();
    const deps = depsOf(h);
    const live = await recordingStarted(h, 'live-instance', RECORDING_STALE_MS * 3);
    // its recorder beats: the heartbeat is fresh though the recording is old
    await recordingStore.beat(h.hub.database, 'live-instance', new Date().toISOString());
    const own = await recordingStarted(h, 'checker', RECORDING_STALE_MS * 3);
    expect(await closeStaleRecordings(deps, 'checker')).toBe(0);
    for (const r of [live, own]) {
      expect((await row(h, r.recordingId)).stopped_at).toBeNull();
      expect(await stoppedEvents(h, r.caseId)).toEqual([]);
    }
    expect(await casePage(h, live.caseId, 'en')).toContain('Recording now');

    // A closer that read the row before a beat does not close it after.
    const seen = (await row(h, live.recordingId)).heartbeat_at;
    await recordingStore.beat(h.hub.database, 'live-instance', new Date(Date.now() + 1_000).toISOString());
    expect(await recordingStore.interrupted(h.hub.database, live.recordingId, seen, { stoppedAt: new Date().toISOString(), sha256: null, size: 0, seconds: 0 })).toBe(false);
    expect((await row(h, live.recordingId)).stopped_at).toBeNull();
  });

  it('a hub started again on the dead run’s data folder keeps the part that still plays, sealed, and offers it', async () => {
    const { dataDir, caseId, recordingId, workFile } = await diedRecording(20_000, async (segment) => {
      killedRecording(segment);
      await fs.writeFile(`${segment}.sdp`, 'v=0\r\n');
    });

    const again = await hub(dataDir);
    const events = await stoppedEvents(again, caseId);
    expect(events).toHaveLength(1);
    const payload = events[0]!.payload as { cause: string; sha256: string | null; size: number; seconds: number };
    expect(payload.cause).toBe('interrupted');
    expect(payload.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(payload.seconds).toBe(20);
    // The sealed file opens to the plain bytes the event's sha256 names, and ffmpeg reads them whole.
    const key = recordingKey(loadDataKey({ dataDir }));
    const parts: Buffer[] = [];
    for await (const part of openRecordingRange(key, recordingId, again.hub.files.recording(recordingId), 0, payload.size - 1)) parts.push(part);
    const plain = Buffer.concat(parts);
    expect(plain.length).toBe(payload.size);
    expect(createHash('sha256').update(plain).digest('hex')).toBe(payload.sha256);
    const check = path.join(tempDir('hub-rec-check-'), 'salvaged.webm');
    await fs.writeFile(check, plain);
    const frames = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-xerror', '-i', check, '-map', '0:v:0', '-f', 'framecrc', '-'])
      .toString()
      .split('\n')
      .filter((l) => /^\d/.test(l));
    expect(frames.length).toBeGreaterThan(20);
    // No plain file is left in the work folder; the row agrees with the event.
    expect(await fs.readdir(path.dirname(workFile)).catch(() => [])).toEqual([]);
    expect(await row(again, recordingId)).toMatchObject({ stop_cause: 'interrupted', sha256: payload.sha256, size: payload.size });

    const zh = await casePage(again, caseId, 'zh-CN');
    expect(zh).toContain('录像中断，已保存中断前的部分');
    expect(zh).toContain(payload.sha256);
    expect(zh).toContain('<video');
    expect(await casePage(again, caseId, 'en')).toContain('Recording interrupted; the part before it was kept');
    // Two hub starts and four ffmpeg runs: 90 s at load 30 on two cores, 120–200 s at load 40 (a
    // timeout, not a wait: each step waits for its own end).
  }, 400_000);

  it('one its start could not close stays open and this instance’s past the stale limit, and the next start closes it with its file', async () => {
    const { dataDir, caseId, recordingId, workFile } = await diedRecording(20_000, async (segment) => killedRecording(segment));
    // The start's seal cannot open its output (a directory where it goes): the row is kept open, its files too.
    const sealedFile = path.join(dataDir, 'recordings', `${recordingId}.sealed`);
    await fs.mkdir(`${sealedFile}.partial`, { recursive: true });
    const staleMs = 1_000;
    const again = await startHub({ backup: false, dataDir, signalling: { recordingBeats: { heartbeatMs: 100, staleMs } } });
    cleanup.push(() => again.close());
    expect(again.hub.files.recording(recordingId)).toBe(sealedFile);
    const instance = again.hub.signalling.recordings!.instance;
    const adopted = await row(again, recordingId);
    expect(adopted).toMatchObject({ recorder_instance: instance, stopped_at: null });
    const kept = await fs.readdir(path.dirname(workFile));
    expect(kept).toContain(`${path.basename(workFile)}.part0.webm`);
    // Beaten for longer than the stale limit since it was taken over.
    await waitFor(async () => Date.parse((await row(again, recordingId)).heartbeat_at!) - Date.parse(adopted.heartbeat_at!) > staleMs, 'beats past the stale limit');
    const checker = { ...depsOf(again), staleMs };
    // this instance's stale check (as its 30 s timer runs it) and another instance's leave it open
    expect(await closeStaleRecordings(checker, instance)).toBe(0);
    expect(await closeStaleRecordings(checker, 'other-instance')).toBe(0);
    expect(await row(again, recordingId)).toMatchObject({ recorder_instance: instance, stopped_at: null });
    expect(await stoppedEvents(again, caseId)).toEqual([]);
    expect(await fs.readdir(path.dirname(workFile))).toEqual(kept);
    await again.close();

    await fs.rm(`${sealedFile}.partial`, { recursive: true });
    const third = await hub(dataDir);
    const events = await stoppedEvents(third, caseId);
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ recordingId, cause: 'interrupted', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(await sealedDigest(recordingKey(loadDataKey({ dataDir })), recordingId, sealedFile)).toMatchObject({ sha256: (events[0]!.payload as { sha256: string }).sha256 });
    expect(await fs.readdir(path.dirname(workFile))).toEqual([]);
  }, 400_000);

  it('a broken partial file is not kept: the case page says interrupted and offers no player', async () => {
    const { dataDir, caseId, recordingId, workFile } = await diedRecording(5_000, (segment) => fs.writeFile(segment, Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(3000, 7)])));

    const again = await hub(dataDir);
    expect((await stoppedEvents(again, caseId)).map((e) => e.payload)).toEqual([{ roomId: expect.any(String), recordingId, cause: 'interrupted', sha256: null, size: 0, seconds: 5 }]);
    await expect(fs.stat(again.hub.files.recording(recordingId))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fs.readdir(path.dirname(workFile)).catch(() => [])).toEqual([]);
    const en = await casePage(again, caseId, 'en');
    expect(en).toContain('Recording interrupted');
    expect(en).not.toContain('the part before it was kept');
    expect(en).not.toContain('<video');
  });
});
