import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casePagePath } from '../../server/console/paths.js';
import { loadDataKey } from '../../server/personalData/dataKey.js';
import { roomLog } from '../../server/rooms/roomLog.js';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { closeInterrupted } from '../../server/sfu/interruptedRecordings.js';
import { salvageRecording } from '../../server/sfu/recordingSalvage.js';
import { recordingKey, sealRecording } from '../../server/sfu/recordingSeal.js';
import { recordingStore } from '../../server/sfu/recordingStore.js';
import { receiveDispute, signedInStaff } from '../support/dashboardViewers.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { recordingCloserOf } from '../support/recordingCloser.js';
import { watchCsp } from './support/cspWatch.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// A judge opens the case page in the console and plays the room's recording in the page: a real
// WebM (ffmpeg's test pattern, sealed as the recorder seals it) is decrypted part by part through
// the Range route, Chromium reads its duration, and every part it fetched is in the audit log.

const suite = e2eSuite<RunningHub>({ start: () => startHub() });

/** The case page in the console, signed in with `token`, in `lang` (a context of its own, CSP watched). */
async function casePageAs(token: string, lang: 'zh' | 'en', caseId: string) {
  const h = suite.stack;
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en' });
  await watchCsp(context);
  await context.addCookies([
    { name: 'hub_session', value: token, url: h.url },
    { name: 'console_lang', value: lang, url: h.url },
  ]);
  const page = await context.newPage();
  await page.goto(h.url + casePagePath(caseId));
  return { context, page };
}

describe('a recording on the console case page', () => {
  it('plays in the page through the audited Range route', async () => {
    const h = suite.stack;
    const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
    const callId = randomUUID();
    const scene = { callId, submissionId: null, caseId };
    const log = roomLog({ scope: h.hub.database, cases: h.hub.cases, audit: h.hub.court.audit, now: () => new Date() });
    await log.consent(scene, 'requested', { identity: 'med1', role: 'mediator' });
    await log.consent(scene, 'consented', { identity: 'KSK-1', role: 'resident' });

    const folder = path.join(h.dataDir, 'recordings');
    await fs.mkdir(folder, { recursive: true });
    const plain = path.join(folder, 'plain.webm');
    const made = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=3:size=320x240:rate=15', '-c:v', 'libvpx', '-b:v', '200k', '-y', plain]);
    expect(made.status, String(made.stderr)).toBe(0);
    const recordingId = randomUUID();
    const sealed = await sealRecording(recordingKey(loadDataKey({ dataDir: h.dataDir })), recordingId, plain, path.join(folder, `${recordingId}.sealed`));
    await fs.rm(plain);
    const at = new Date().toISOString();
    await recordingStore.started(h.hub.database, { recordingId, callId, caseId, startedAt: at, mimeType: 'video/webm', expiresAt: '2099-01-01T00:00:00.000Z' });
    await log.recording(scene, { type: 'recording.started', payload: { recordingId } });
    await recordingStore.stopped(h.hub.database, recordingId, { stoppedAt: at, cause: 'stopped', sha256: sealed.sha256, size: sealed.size, seconds: 3 });
    await log.recording(scene, { type: 'recording.stopped', payload: { recordingId, cause: 'stopped', sha256: sealed.sha256, size: sealed.size, seconds: 3 } });

    const judge = await signedInStaff(h.hub, 'judge');
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await casePageAs(judge.token, lang, caseId);
      const player = page.getByTestId('recording-player');
      await player.scrollIntoViewIfNeeded();
      // Chromium fetches the start of the file through the Range route and reads its length.
      await player.evaluate((v: HTMLVideoElement) => v.load());
      await waitFor(async () => (await player.evaluate((v: HTMLVideoElement) => v.readyState)) >= 1, 'the recording’s metadata', 60_000);
      expect(await player.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(2);
      await page.locator('section[aria-labelledby="recordings-h"]').scrollIntoViewIfNeeded();
      await screenshot(page, `console-case-recordings-${lang}`);
      await context.close();
    }
    const views = await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'recording.viewed').execute();
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(views.every((v) => v.actor_id === judge.username && v.outcome === 'ok' && v.record_id === recordingId && v.case_id === caseId)).toBe(true);
  });

  it('says a recording was interrupted: the part kept plays, a broken one offers no player', async () => {
    const h = suite.stack;
    const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
    const closer = recordingCloserOf(h);
    const folder = path.join(h.dataDir, 'work', 'e2e-interrupted');
    await fs.mkdir(folder, { recursive: true });
    // Two recordings a hub died in: ffmpeg's file cut mid-cluster (it plays), and one that never got past its header.
    const whole = path.join(folder, 'whole.webm');
    const made = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=6:size=320x240:rate=15', '-c:v', 'libvpx', '-b:v', '200k', '-y', whole]);
    expect(made.status, String(made.stderr)).toBe(0);
    const bytes = await fs.readFile(whole);
    const ids: string[] = [];
    for (const cut of [Math.floor(bytes.length * 0.7), 40]) {
      const recordingId = randomUUID();
      const callId = randomUUID();
      const startedAt = new Date(Date.now() - 95_000).toISOString();
      await recordingStore.started(h.hub.database, { recordingId, callId, caseId, startedAt, mimeType: 'video/webm', expiresAt: '2099-01-01T00:00:00.000Z', recorderInstance: 'dead' });
      await recordingStore.beat(h.hub.database, 'dead', new Date(Date.now() - 5_000).toISOString());
      await closer.roomLog.recording({ callId, submissionId: null, caseId }, { type: 'recording.started', payload: { recordingId } });
      const part = path.join(folder, `${recordingId}.plain.webm.part0.webm`);
      await fs.writeFile(part, bytes.subarray(0, cut));
      const row = (await recordingStore.open(h.hub.database, [recordingId]))[0]!;
      expect(await closeInterrupted(closer, row, await salvageRecording('ffmpeg', [part], path.join(folder, `${recordingId}.salvaged.webm`)))).toBe(true);
      ids.push(recordingId);
    }

    const judge = await signedInStaff(h.hub, 'judge');
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await casePageAs(judge.token, lang, caseId);
      const kept = page.locator(`li[data-recording="${ids[0]}"]`);
      const broken = page.locator(`li[data-recording="${ids[1]}"]`);
      await expect.poll(() => kept.textContent()).toContain(lang === 'zh' ? '录像中断，已保存中断前的部分' : 'Recording interrupted; the part before it was kept');
      expect(await broken.textContent()).toContain(lang === 'zh' ? '录像中断' : 'Recording interrupted');
      expect(await broken.getByTestId('recording-player').count()).toBe(0);
      const player = kept.getByTestId('recording-player');
      await player.evaluate((v: HTMLVideoElement) => v.load());
      await waitFor(async () => (await player.evaluate((v: HTMLVideoElement) => v.readyState)) >= 1, 'the kept part’s metadata', 60_000);
      expect(await player.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(1);
      await page.locator('section[aria-labelledby="recordings-h"]').scrollIntoViewIfNeeded();
      await screenshot(page, `console-case-recordings-interrupted-${lang}`);
      // the timeline says it too, with why: not a plain "recording stopped"
      const stops = page.locator('li[data-event="recording.stopped"]');
      expect(await stops.locator('.what').allTextContents()).toEqual(Array(2).fill(lang === 'zh' ? '录音录像中断' : 'Recording interrupted'));
      expect(await stops.first().textContent()).toContain(
        lang === 'zh' ? '正在录制的法院服务器停止运行 · 已保存中断前的部分' : 'The court server that was recording it stopped · The part before it was kept',
      );
      await stops.first().scrollIntoViewIfNeeded();
      await screenshot(page, `console-case-timeline-interrupted-${lang}`);
      await context.close();
    }
  });
});
