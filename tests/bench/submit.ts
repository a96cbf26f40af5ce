import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Agent } from '../../main/agent/agent.js';
import type { AttachmentRef } from '../../shared/attachment.js';
import { jpeg } from '../support/attachmentFixtures.js';
import { sampleSubmission, tempDir } from '../support/fixtures.js';
import type { Benchmark } from './benchmark.js';
import { diskFsyncSummary } from './diskBaseline.js';
import { addThroughDispatch, benchAgent, submitThroughDispatch } from './kioskAgent.js';
import { latencySummary, percentile } from './stats.js';

// Durable submit latency (DESIGN §6: intake + 3 photo refs, FULL sync, p99 ≤ 5 ms).
// Each sample is one resident's submission: three photos are added to the draft first
// (`attachment.add`, not timed: in the kiosk that happens while the resident works through the
// evidence screen), then `intake.submit` listing the three with labels is timed. That call runs
// the agent's real dispatch — zod validation, IntakeStore.submit (seal; one IMMEDIATE
// transaction: bind the 3 attachment rows, submission row, outbox job, draft delete; WAL fsync
// on commit), output validation — i.e. the renderer's call minus the socket/IPC hop.
// Sync and the call link are stopped so nothing else competes for the loop or the file.
// Photo size does not enter the submit transaction (files are stored by `attachment.add`), so
// small photos keep the untimed part short.

export const SUBMIT_WARMUP = 200;
export const SUBMIT_SAMPLES = 2000;
export const SUBMIT_PHOTOS = 3;
const PHOTO_BYTES = 16 * 1024;
/** Without attachments: a smaller run for comparison, reported as a note only. */
const PLAIN_SAMPLES = 1000;

async function draftWithPhotos(agent: Agent, submissionId: string): Promise<AttachmentRef[]> {
  const refs: AttachmentRef[] = [];
  for (let i = 0; i < SUBMIT_PHOTOS; i++) {
    const sha256 = await addThroughDispatch(agent, submissionId, jpeg(PHOTO_BYTES));
    refs.push({ sha256, label: `现场照片 ${i + 1}` });
  }
  return refs;
}

async function timeSubmits(agent: Agent, count: number, photos: boolean): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const submission = sampleSubmission();
    if (photos) submission.attachments = await draftWithPhotos(agent, submission.submissionId);
    const t0 = performance.now();
    await submitThroughDispatch(agent, submission);
    samples.push(performance.now() - t0);
  }
  return samples;
}

export const submitBenchmark: Benchmark = {
  id: 'submit',
  metrics: ['submit_p50_ms', 'submit_p99_ms'],
  description: 'durable intake submit through the agent dispatch, real SQLite file, synchronous=FULL',
  async run(ctx) {
    const dataDir = tempDir('bench-submit-');
    const agent = await benchAgent(dataDir, 'http://127.0.0.1:9');
    try {
      await agent.sync.stop();
      agent.callLink.stop();
      const mode = agent.db.pragma('synchronous', { simple: true });
      const journal = agent.db.pragma('journal_mode', { simple: true });
      if (mode !== 2 || journal !== 'wal') throw new Error(`expected WAL + synchronous=FULL(2), got ${String(journal)} + ${String(mode)}`);

      await timeSubmits(agent, SUBMIT_WARMUP, true);
      const samples = await timeSubmits(agent, SUBMIT_SAMPLES, true);
      const attached = (agent.db.prepare('SELECT count(*) AS n FROM attachments WHERE position IS NOT NULL').get() as { n: number }).n;
      if (attached !== (SUBMIT_WARMUP + SUBMIT_SAMPLES) * SUBMIT_PHOTOS) throw new Error(`expected every photo bound to its submission, found ${attached}`);
      const plain = await timeSubmits(agent, PLAIN_SAMPLES, false);
      ctx.note(`submit: ${SUBMIT_SAMPLES} samples (intake + ${SUBMIT_PHOTOS} attachment records) after ${SUBMIT_WARMUP} warm-up`);
      ctx.note(`submit: ${latencySummary(samples)}`);
      ctx.note(`submit: without attachments (${PLAIN_SAMPLES} samples, for comparison): ${latencySummary(plain)}`);
      ctx.note(`submit: disk floor, ${diskFsyncSummary(dataDir)}`);
      ctx.report('submit_p50_ms', percentile(samples, 50), 2);
      ctx.report('submit_p99_ms', percentile(samples, 99), 2);
    } finally {
      await agent.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
