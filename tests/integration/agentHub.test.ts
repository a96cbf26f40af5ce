import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentLogPath, createLog } from '../../main/agent/log.js';
import { MediationApplication } from '../../shared/application.js';
import { hubPaths } from '../../shared/hubProtocol.js';
import { candidateOf } from '../../renderer/wizard/applicationCandidate.js';
import { completeApplication, PERSON_ID, SIGNATURE_PNG } from '../e2e/support/applications.js';
import { ENROLLMENT_CODE, freePort, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { sampleResident, sampleSubmission, tempDir } from '../support/fixtures.js';

const logLines: string[] = [];
/** The log files the agents and hubs of this file wrote (pino, capped: shared/cappedLogFile.ts). */
const logFiles: string[] = [];
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function agentFor(hubUrl: string, enrollmentCode: string | undefined = ENROLLMENT_CODE): Promise<Agent> {
  const key = randomBytes(32);
  const dataDir = tempDir();
  logFiles.push(agentLogPath(dataDir));
  const agent = await createAgent({
    dataDir,
    hubUrl,
    enrollmentCode,
    terminalId: `KSK-${randomBytes(2).toString('hex')}`,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: createLog((l) => logLines.push(l)),
    healthIntervalMs: 100,
  });
  cleanup.push(() => agent.close());
  return agent;
}
async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const hubLog = join(tempDir(), 'hub.log');
  logFiles.push(hubLog);
  const h = await startHub({ logger: true, logFile: { path: hubLog }, ...options });
  cleanup.push(() => h.close());
  return h;
}
const submit = async (agent: Agent, sub = sampleSubmission()) => {
  const r = await agent.dispatch('intake.submit', sub);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as { submissionId: string; provisionalNumber: string; status: string };
};
const receiptOf = (agent: Agent, id: string) => agent.db.prepare('SELECT status, case_number FROM submissions WHERE submission_id = ?').get(id) as { status: string; case_number: string | null };
/** The court acknowledged it (true), or not yet (undefined, so waitFor keeps waiting). */
const delivered = (agent: Agent, id: string) => receiptOf(agent, id).status === 'delivered' || undefined;

describe('agent ↔ hub', () => {
  it('enrolls, delivers an intake (no case number until the court gives one) and purges the personal data', async () => {
    const h = await hub();
    const agent = await agentFor(h.url);
    const receipt = await submit(agent);
    expect(receipt.status).toBe('queued'); // the receipt comes from the local commit, not the hub
    await waitFor(() => delivered(agent, receipt.submissionId), 'delivery');
    expect(receiptOf(agent, receipt.submissionId).case_number).toBeNull();
    expect(await h.intakes()).toHaveLength(1);
    expect(JSON.parse((await h.intakes())[0]!.application_json).applicant).toMatchObject({ name: sampleResident.name, mobile: sampleResident.mobile });
    const payload = agent.db.prepare('SELECT sealed_payload FROM submissions').get() as { sealed_payload: Buffer | null };
    expect(payload.sealed_payload).toBeNull();
    expect(await agent.dispatch('terminal.info', undefined)).toMatchObject({ ok: true, value: { enrolled: true } });
    expect(await agent.dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { queueDepth: 0, hubReachable: true } });
  });

  it('delivers the whole mediation application, which the court stores as filed', async () => {
    const h = await hub();
    const agent = await agentFor(h.url);
    const signature = { pngDataUrl: SIGNATURE_PNG, signedAt: '2026-11-27T09:40:00.000Z' };
    const application = MediationApplication.parse(candidateOf(completeApplication(), signature));
    const sub = { ...sampleSubmission(), application };
    await submit(agent, sub);
    await waitFor(() => delivered(agent, sub.submissionId), 'delivery');
    const row = (await h.intakes()).find((r) => r.submission_id === sub.submissionId)!;
    expect(JSON.parse(row.application_json)).toEqual(application);
  });

  it('creates one record however often the same submission is sent', async () => {
    const h = await hub();
    const agent = await agentFor(h.url);
    const sub = sampleSubmission();
    const first = await submit(agent, sub);
    expect(await submit(agent, sub)).toEqual(first);
    await waitFor(() => delivered(agent, sub.submissionId), 'delivery');
    // Replay the exact request the outbox sent, as a crash between send and local commit would.
    const credential = agent.config.credential()!;
    const { submitted_at } = agent.db.prepare('SELECT submitted_at FROM submissions').get() as { submitted_at: string };
    const send = (body: object) =>
      fetch(new URL(hubPaths.intakes, h.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': sub.submissionId },
        body: JSON.stringify({ submissionId: sub.submissionId, provisionalNumber: first.provisionalNumber, language: 'zh-CN', submittedAt: submitted_at, application: sub.application, ...body }),
      });
    const replay = await send({});
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ submissionId: sub.submissionId, caseNumber: null });
    expect((await send({ submittedAt: new Date().toISOString() })).status).toBe(422);
    expect(await h.intakes()).toHaveLength(1);
  });

  it('queues while the hub is down and delivers everything exactly once when it returns', async () => {
    const port = await freePort();
    const agent = await agentFor(`http://127.0.0.1:${port}`);
    const receipts: Array<{ submissionId: string }> = [];
    for (let i = 0; i < 5; i++) receipts.push(await submit(agent));
    await waitFor(async () => {
      const s = await agent.dispatch('sync.status', undefined);
      return s.ok && (s.value as { hubReachable: boolean }).hubReachable === false;
    }, 'offline status');
    expect(await agent.dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { queueDepth: 5 } });
    const h = await hub({ port });
    await waitFor(async () => (await h.intakes()).length === 5 && receipts.every((r) => receiptOf(agent, r.submissionId).status === 'delivered'), 'drain after outage');
    expect(new Set((await h.intakes()).map((r) => r.submission_id))).toEqual(new Set(receipts.map((r) => r.submissionId)));
  });

  it('re-enrolls when the hub forgets the terminal', async () => {
    const h1 = await hub();
    const agent = await agentFor(h1.url);
    const first = await submit(agent);
    await waitFor(() => delivered(agent, first.submissionId), 'first delivery');
    const port = Number(new URL(h1.url).port);
    await h1.close();
    const h2 = await hub({ port }); // a fresh hub database: the old credential is unknown
    const second = await submit(agent);
    await waitFor(() => delivered(agent, second.submissionId), 'delivery after re-enrollment');
    expect((await h2.intakes()).map((r) => r.submission_id)).toEqual([second.submissionId]);
  });

  it('parks a submission the hub rejects as "needs attention" instead of retrying forever', async () => {
    const h = await hub();
    const agent = await agentFor(h.url);
    await waitFor(() => agent.config.credential(), 'enrollment');
    const sub = sampleSubmission();
    // Someone else already used this submission id with a different body: the hub answers 422.
    const res = await fetch(new URL(hubPaths.intakes, h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.config.credential()}`, 'idempotency-key': sub.submissionId },
      body: JSON.stringify({ submissionId: sub.submissionId, provisionalNumber: 'X-1', language: 'en', submittedAt: new Date().toISOString(), application: { ...sub.application, facts: 'other' } }),
    });
    expect(res.status).toBe(201);
    await submit(agent, sub);
    await waitFor(() => receiptOf(agent, sub.submissionId).status === 'needs_attention', 'needs attention');
    expect(await agent.dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { needsAttention: 1, queueDepth: 0 } });
  });

  it('keeps waiting without crashing when the enrollment code is wrong', async () => {
    const h = await hub();
    const agent = await agentFor(h.url, 'wrong-code-wrong-code');
    const r = await submit(agent);
    // It tried to enroll for this submission, was refused, and keeps the job for later.
    await waitFor(() => (agent.db.prepare('SELECT last_error FROM outbox_jobs').get() as { last_error: string | null }).last_error, 'a refused attempt');
    expect(receiptOf(agent, r.submissionId).status).toBe('queued');
    expect(await h.intakes()).toHaveLength(0);
    expect(await agent.dispatch('terminal.info', undefined)).toMatchObject({ ok: true, value: { enrolled: false } });
  });

  it('never writes personal data to its log, nor to the log files of the agents and the hubs', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const files = logFiles.filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8'));
    // every agent and every hub of this file wrote its file, one JSON object a line
    expect(files).toHaveLength(logFiles.length);
    const lines = files.join('').trim().split('\n');
    expect(lines.length).toBeGreaterThan(logLines.length);
    expect(lines.some((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url?.startsWith(hubPaths.intakes))).toBe(true);
    const text = [...logLines, ...files].join('\n');
    for (const secret of [sampleResident.name, sampleResident.mobile, sampleResident.facts, PERSON_ID, ENROLLMENT_CODE]) {
      expect(text).not.toContain(secret);
    }
  });
});
