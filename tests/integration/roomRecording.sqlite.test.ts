import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_API } from '../../shared/hubProtocol.js';
import { loadDataKey } from '../../server/personalData/dataKey.js';
import { sfuOptions } from '../../server/sfu/options.js';
import { recordingKey, sealRecording } from '../../server/sfu/recordingSeal.js';
import { recordingStore } from '../../server/sfu/recordingStore.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { answeredCall } from '../support/answeredCall.js';
import { startHub } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { type FrameClient } from '../support/signallingClients.js';

// Recording with consent on a real hub with the real SFU worker (issue 12 item 6): a party may not
// ask (refused and audited); everyone is asked and a refusal is a case event with nothing
// recorded; when all consent the recording starts, and a recorder that cannot run ends it with
// an event while the call goes on. A stored recording plays from the case through the court API
// with Range (206, the right bytes), refused to a role without access, and sealed on disk.
// (Engine-independent: SQLite only.)

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

type Frame = Record<string, unknown> & { t: string };
type Recording = { phase: string; mustAnswer?: boolean } | undefined;
const recordingOf = (f: Frame) => (f.room as { recording?: Recording }).recording;

/** A kiosk's call about a filed case, answered by med1, its room on the SFU. */
async function recordedCall() {
  requireMediasoupWorker();
  const h = await startHub({ signalling: { sfu: sfuOptions({ workers: 1 }) } });
  cleanup.push(() => h.close());
  const { m, k, callId, caseId } = await answeredCall(h, track, { terminalId: 'KSK-REC-1' });
  const recordingEvents = async () => (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event).filter((e) => e.type.startsWith('recording.'));
  return { h, m, k, callId, caseId, recordingEvents };
}

let nextRef = 100;
async function step(c: FrameClient, callId: string, s: string): Promise<Frame> {
  const ref = nextRef++;
  c.send({ t: 'room.recording', ref, callId, step: s });
  return c.next((f) => (f.t === 'room.done' || f.t === 'error') && f.ref === ref, `answer to ${s}`, 30_000);
}

describe('recording with consent', () => {
  it('refuses a party asking to record, and logs it', async () => {
    const { h, k, callId, recordingEvents } = await recordedCall();
    expect(await step(k, callId, 'ask')).toMatchObject({ t: 'error', code: 'FORBIDDEN' });
    const audit = await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'room.start_recording').execute();
    expect(audit.map((a) => `${a.actor_id}:${a.outcome}`)).toEqual(['KSK-REC-1:denied']);
    expect(await recordingEvents()).toEqual([]);
  });

  it('asks everyone; one refusal is a case event and nothing is recorded', async () => {
    const { h, m, k, callId, recordingEvents } = await recordedCall();
    expect(await step(m, callId, 'ask')).toMatchObject({ t: 'room.done' });
    const prompt = await k.next((f) => f.t === 'room' && recordingOf(f)?.mustAnswer === true, 'the consent prompt');
    expect(recordingOf(prompt)).toEqual({ phase: 'asking', mustAnswer: true });
    expect(await step(k, callId, 'refuse')).toMatchObject({ t: 'room.done' });
    await m.next((f) => f.t === 'room' && recordingOf(f) === undefined, 'asking over');
    await h.hub.signalling.recordings!.settled(callId);
    const events = await recordingEvents();
    expect(events.map((e) => e.type)).toEqual(['recording.requested', 'recording.refused']);
    expect(events[0]!.payload).toMatchObject({ roomId: callId, role: 'mediator', participant: 'med1' });
    expect(events[1]!.payload).toMatchObject({ roomId: callId, role: 'applicant', participant: 'KSK-REC-1' });
    expect(await h.hub.database.db.selectFrom('room_recordings').selectAll().execute()).toEqual([]);
  });

  it('starts once all consented; a recorder that cannot run ends it with an event and the call goes on', async () => {
    const { h, m, k, callId, recordingEvents } = await recordedCall();
    expect(await step(m, callId, 'ask')).toMatchObject({ t: 'room.done' });
    await k.next((f) => f.t === 'room' && recordingOf(f)?.mustAnswer === true, 'the consent prompt');
    expect(await step(k, callId, 'consent')).toMatchObject({ t: 'room.done' });
    await k.next((f) => f.t === 'room' && recordingOf(f)?.phase === 'on', 'everyone sees "recording"');
    // Nobody sends media in this call: the recorder has nothing to record and ends at once.
    await k.next((f) => f.t === 'room' && recordingOf(f) === undefined, 'recording over');
    await h.hub.signalling.recordings!.settled(callId);
    const events = await recordingEvents();
    expect(events.map((e) => e.type)).toEqual(['recording.requested', 'recording.consented', 'recording.started', 'recording.stopped']);
    expect(events[3]!.payload).toMatchObject({ cause: 'failed', sha256: null, size: 0 });
    // The call is still up: the mediator can ask again.
    expect(await step(m, callId, 'ask')).toMatchObject({ t: 'room.done' });
  });

  it('plays a stored recording with Range (206) to staff with access, 403 to a role without, sealed on disk', async () => {
    const { h, callId, caseId } = await recordedCall();
    const key = recordingKey(loadDataKey({ dataDir: h.dataDir }));
    const plain = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(200_000)]);
    const recordingId = randomUUID();
    const folder = path.join(h.dataDir, 'recordings');
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'plain.webm'), plain);
    const sealed = await sealRecording(key, recordingId, path.join(folder, 'plain.webm'), path.join(folder, `${recordingId}.sealed`));
    await fs.rm(path.join(folder, 'plain.webm'));
    const at = new Date().toISOString();
    await recordingStore.started(h.hub.database, { recordingId, callId, caseId, startedAt: at, mimeType: 'video/webm', expiresAt: '2099-01-01T00:00:00.000Z' });
    await recordingStore.stopped(h.hub.database, recordingId, { stoppedAt: at, cause: 'stopped', sha256: sealed.sha256, size: sealed.size, seconds: 1 });
    expect((await fs.readFile(path.join(folder, `${recordingId}.sealed`))).includes(plain.subarray(0, 4))).toBe(false);

    const address = `${h.url}${HUB_API}/cases/${caseId}/recordings/${recordingId}`;
    const judge = await signedInStaff(h.hub, 'judge');
    const part = await fetch(address, { headers: { cookie: judge.cookie, range: 'bytes=70000-70099' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 70000-70099/${plain.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(plain.subarray(70_000, 70_100))).toBe(true);

    const viewer = await signedInStaff(h.hub, 'dashboard_viewer');
    expect((await fetch(address, { headers: { cookie: viewer.cookie, range: 'bytes=0-9' } })).status).toBe(403);
    const views = await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'recording.viewed').execute();
    expect(views.map((v) => `${v.actor_id}:${v.outcome}`)).toEqual([`${judge.username}:ok`]);
  });
});
