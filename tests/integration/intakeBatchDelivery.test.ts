import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { createLog } from '../../main/agent/log.js';
import { hubPaths, IntakeBatchResponse } from '../../shared/hubProtocol.js';
import { ENROLLMENT_CODE, freePort, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { sampleIngest, sampleSubmission, tempDir } from '../support/fixtures.js';

// Batched delivery (issue 16): one request carries many intakes, and the hub answers each exactly
// as it would a single POST of it — delivered, replayed or refused — so one bad intake never fails
// the others, a kiosk parks only that one, and a batch item and a later single retry of it are
// the same request to the hub's idempotency.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  return h;
}

async function enroll(h: RunningHub): Promise<string> {
  const res = await fetch(new URL(hubPaths.enroll, h.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: `BATCH-${randomBytes(2).toString('hex')}`, name: 'batch', location: '' }),
  });
  return ((await res.json()) as { credential: string }).credential;
}

const postBatch = async (h: RunningHub, credential: string, intakes: unknown[]) => {
  const res = await fetch(new URL(hubPaths.intakeBatch, h.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify({ intakes }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('batched intake delivery', () => {
  it('the hub answers each intake of a batch on its own: delivered, replayed, refused', async () => {
    const h = await hub();
    const credential = await enroll(h);
    const [a, b] = [sampleIngest(), sampleIngest()];
    const invalid = { ...sampleIngest(), language: 'xx' };
    const first = IntakeBatchResponse.parse((await postBatch(h, credential, [a, invalid, b])).body).results;
    expect(first.map((r) => [r.outcome, r.status])).toEqual([
      ['delivered', 201],
      ['refused', 400],
      ['delivered', 201],
    ]);
    expect(first[1]).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((await h.intakes()).map((r) => r.submission_id).sort()).toEqual([a.submissionId, b.submissionId].sort());

    // Again, with a reused key among them: the delivered ones replay their acks, the reuse is 422.
    const reused = { ...a, provisionalNumber: 'OTHER-0001' };
    const again = IntakeBatchResponse.parse((await postBatch(h, credential, [b, reused, a])).body).results;
    expect(again.map((r) => [r.outcome, r.status])).toEqual([
      ['replayed', 200],
      ['refused', 422],
      ['replayed', 200],
    ]);
    expect(again[0]).toEqual({ ...first[2], outcome: 'replayed', status: 200 });
    // A single POST of a batch item is the same request.
    const single = await fetch(new URL(hubPaths.intakes, h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': a.submissionId },
      body: JSON.stringify(a),
    });
    expect(single.status).toBe(200);
    expect(await single.json()).toEqual((first[0] as { ack: unknown }).ack);
    expect(await h.intakes()).toHaveLength(2);

    expect((await postBatch(h, credential, [])).status).toBe(400);
    expect((await postBatch(h, 'not-a-credential-of-this-hub-0000000000', [a])).status).toBe(401);
  });

  it('a kiosk draining its queue in batches delivers every intake once and parks only the one refused', async () => {
    const port = await freePort();
    const logLines: string[] = [];
    const key = randomBytes(32);
    const agent: Agent = await createAgent({
      dataDir: tempDir(),
      hubUrl: `http://127.0.0.1:${port}`,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId: `KSK-${randomBytes(2).toString('hex')}`,
      host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
      log: createLog((l) => logLines.push(l)),
      healthIntervalMs: 100,
      syncConcurrency: 1, // one send at a time, so the queue goes in batches
      intakeBatchSize: 10,
    });
    cleanup.push(() => agent.close());
    await agent.sync.stop();
    const subs = Array.from({ length: 25 }, () => sampleSubmission());
    for (const s of subs) {
      const r = await agent.dispatch('intake.submit', s);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    const h = await hub({ port });
    // Someone else used one submission id with another body: the hub refuses that one (422).
    const credential = await enroll(h);
    const taken = subs[12]!;
    const res = await postBatch(h, credential, [{ ...sampleIngest(), submissionId: taken.submissionId }]);
    expect(IntakeBatchResponse.parse(res.body).results[0]!.outcome).toBe('delivered');

    const status = (id: string) => (agent.db.prepare('SELECT status FROM submissions WHERE submission_id = ?').get(id) as { status: string }).status;
    agent.sync.start();
    await waitFor(() => subs.every((s) => status(s.submissionId) !== 'queued'), 'the queue drained');
    // It went in batches: at most 10 a request, so at least three requests answered item by item.
    const batches = logLines.filter((l) => l.includes('outbox.batch_answered')).map((l) => (JSON.parse(l) as { jobs: number }).jobs);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...batches)).toBeLessThanOrEqual(10);
    expect(subs.filter((s) => status(s.submissionId) === 'needs_attention').map((s) => s.submissionId)).toEqual([taken.submissionId]);
    expect(subs.filter((s) => status(s.submissionId) === 'delivered')).toHaveLength(24);
    const stored = (await h.intakes()).map((r) => r.submission_id);
    expect(stored).toHaveLength(25); // 24 from the kiosk, one (the taken id) from the other sender
    expect(new Set(stored).size).toBe(25);
    expect(await agent.dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { needsAttention: 1, queueDepth: 0 } });
  });
});
