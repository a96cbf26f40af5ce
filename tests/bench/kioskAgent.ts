import { randomBytes } from 'node:crypto';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { createLog } from '../../main/agent/log.js';
import type { IntakeSubmission } from '../../shared/intake.js';
import { ENROLLMENT_CODE } from '../support/hubHarness.js';

// A real kiosk agent (real SQLite file, WAL + synchronous=FULL, sealed payloads) for benchmarks.
// Log lines are formatted as in production but discarded, so terminal I/O is not measured.

export async function benchAgent(dataDir: string, hubUrl: string): Promise<Agent> {
  const key = randomBytes(32);
  return createAgent({
    dataDir,
    hubUrl,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: `BENCH-${randomBytes(3).toString('hex')}`,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: createLog(() => undefined),
  });
}

/** Submits through the agent's real dispatch (zod validation, handler, output check), as the renderer does. */
export async function submitThroughDispatch(agent: Agent, submission: IntakeSubmission): Promise<void> {
  const result = await agent.dispatch('intake.submit', submission);
  if (!result.ok) throw new Error(`intake.submit failed: ${JSON.stringify(result.error)}`);
}

/** Adds a JPEG to the draft `submissionId` through the agent's dispatch; returns its sha256. */
export async function addThroughDispatch(agent: Agent, submissionId: string, photo: Buffer): Promise<string> {
  const result = await agent.dispatch('attachment.add', { submissionId, mimeType: 'image/jpeg', dataBase64: photo.toString('base64') });
  if (!result.ok) throw new Error(`attachment.add failed: ${JSON.stringify(result.error)}`);
  return (result.value as { sha256: string }).sha256;
}

/** Jobs not yet acknowledged by the hub (pending or in flight); delivered jobs are deleted. */
export function undeliveredJobs(agent: Agent): () => number {
  const q = agent.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox_jobs WHERE state IN ('pending','in_flight')`);
  return () => q.get()!.n;
}
