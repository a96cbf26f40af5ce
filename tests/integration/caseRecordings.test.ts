import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataKey } from '../../server/personalData/dataKey.js';
import { casePagePath } from '../../server/console/paths.js';
import { roomLog } from '../../server/rooms/roomLog.js';
import { recordingKey, sealRecording } from '../../server/sfu/recordingSeal.js';
import { recordingStore } from '../../server/sfu/recordingStore.js';
import { answeredCall } from '../support/answeredCall.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { startHub } from '../support/hubHarness.js';
import { type FrameClient } from '../support/signallingClients.js';

// A case's room recordings on its console page (issue 12 item 6): when, how long, the sha256 the
// event log holds, who consented and who refused, and a player whose every request is a
// `recording.viewed` in the audit log. The events are written by the hub's own room log (as the
// recorder writes them), the file is sealed as the recorder seals it; no SFU is needed for the page.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

async function caseWithRecording() {
  const h = await startHub();
  cleanup.push(() => h.close());
  const { callId, caseId } = await answeredCall(h, track, { terminalId: 'KSK-RECPAGE-1' });
  const log = roomLog({ scope: h.hub.database, cases: h.hub.cases, audit: h.hub.court.audit, now: () => new Date() });
  const scene = { callId, submissionId: null, caseId };
  const mediator = { identity: 'med1', role: 'mediator' as const };
  const kiosk = { identity: 'KSK-RECPAGE-1', role: 'resident' as const };
  const respondent = { identity: 'KSK-RECPAGE-2', role: 'respondent' as const };

  // A first ask the respondent refused (nothing recorded), then one everyone consented to.
  await log.consent(scene, 'requested', mediator);
  await log.consent(scene, 'refused', respondent);
  await log.consent(scene, 'requested', mediator);
  await log.consent(scene, 'consented', kiosk);
  await log.consent(scene, 'consented', respondent);
  const key = recordingKey(loadDataKey({ dataDir: h.dataDir }));
  const plain = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(100_000)]);
  const recordingId = randomUUID();
  const folder = path.join(h.dataDir, 'recordings');
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(path.join(folder, 'plain.webm'), plain);
  const sealed = await sealRecording(key, recordingId, path.join(folder, 'plain.webm'), path.join(folder, `${recordingId}.sealed`));
  await fs.rm(path.join(folder, 'plain.webm'));
  const at = new Date().toISOString();
  await recordingStore.started(h.hub.database, { recordingId, callId, caseId, startedAt: at, mimeType: 'video/webm', expiresAt: '2099-01-01T00:00:00.000Z' });
  await log.recording(scene, { type: 'recording.started', payload: { recordingId } });
  await recordingStore.stopped(h.hub.database, recordingId, { stoppedAt: at, cause: 'stopped', sha256: sealed.sha256, size: sealed.size, seconds: 125 });
  await log.recording(scene, { type: 'recording.stopped', payload: { recordingId, cause: 'stopped', sha256: sealed.sha256, size: sealed.size, seconds: 125 } });
  return { h, caseId, recordingId, sealed, plain };
}

const section = (html: string) => /<section aria-labelledby="recordings-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('recordings on the case page', () => {
  it('lists each recording with time, duration, sha256 and who consented or refused, and plays it with every view audited', async () => {
    const { h, caseId, recordingId, sealed, plain } = await caseWithRecording();
    const judge = await signedInStaff(h.hub, 'judge');
    const page = await fetch(h.url + casePagePath(caseId), { headers: { cookie: judge.cookie, 'accept-language': 'zh-CN' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("media-src 'self'");
    const html = section(await page.text());
    const item = /<li data-recording="([^"]+)">[\s\S]*?<\/li>/.exec(html);
    expect(item?.[1]).toBe(recordingId);
    expect(html).toContain(sealed.sha256);
    expect(html).toContain('时长 2:05');
    // Only the second ask's answers belong to this recording: the respondent's earlier refusal does not.
    expect(/data-answers="consented">([^<]*)(.*)<\/div>/.exec(html)?.[0]).toMatch(/申请人.*KSK-RECPAGE-1.*被申请人.*KSK-RECPAGE-2/);
    expect(/data-answers="refused">[^<]*无<\/div>/.test(html)).toBe(true);
    const src = /<video controls preload="none" src="([^"]+)"/.exec(html)?.[1];
    expect(src).toBe(`/api/v1/cases/${caseId}/recordings/${recordingId}`);

    // Listing it is no view; each part the player fetches is one, audited with the recording's id.
    const views = () => h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'recording.viewed').execute();
    expect(await views()).toEqual([]);
    for (const range of ['bytes=0-', 'bytes=50000-50099']) {
      const part = await fetch(h.url + src!, { headers: { cookie: judge.cookie, range } });
      expect(part.status).toBe(206);
      const start = Number(/bytes=(\d+)/.exec(range)![1]);
      const body = Buffer.from(await part.arrayBuffer());
      expect(body.equals(plain.subarray(start, start + body.length))).toBe(true);
    }
    expect((await views()).map((v) => `${v.actor_id}:${v.outcome}:${v.record_id}:${v.case_id}`)).toEqual([
      `${judge.username}:ok:${recordingId}:${caseId}`,
      `${judge.username}:ok:${recordingId}:${caseId}`,
    ]);
  });

  it('says so in English when a case has none, and marks a recording whose file was not kept', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const { callId, caseId } = await answeredCall(h, track, { terminalId: 'KSK-RECPAGE-3' });
    const judge = await signedInStaff(h.hub, 'judge');
    const read = async () => section(await (await fetch(h.url + casePagePath(caseId), { headers: { cookie: `${judge.cookie}; console_lang=en` } })).text());
    expect(await read()).toContain('This case has no recordings.');
    const log = roomLog({ scope: h.hub.database, cases: h.hub.cases, audit: h.hub.court.audit, now: () => new Date() });
    const recordingId = randomUUID();
    const scene = { callId, submissionId: null, caseId };
    await log.recording(scene, { type: 'recording.started', payload: { recordingId } });
    expect(await read()).toContain('Recording now');
    await log.recording(scene, { type: 'recording.stopped', payload: { recordingId, cause: 'failed', sha256: null, size: 0, seconds: 0 } });
    const html = await read();
    expect(html).toContain('No file was kept');
    expect(html).not.toContain('<video');
  });
});
