import { existsSync } from 'node:fs';
import type { Observations } from './observations.js';
import { logFilesIn, scanForPersonalData } from './logScan.js';
import { integrityCheck, readKiosk, sameJson } from './verify.js';

// Compares what residents were promised (their receipts) with what is on disk at the hub and
// on the kiosk, checks both SQLite files, and scans every log for personal data.

export interface Audit {
  submitted: number;
  received: number;
  lost: number;
  duplicated: number;
  kills: number;
  integrity: string;
  /** Anything here fails the run. */
  failures: string[];
  /** Worth reading, not a failure by itself. */
  notes: string[];
  details: string[];
}

export function audit(obs: Observations, runDir: string, personalValues: string[]): Audit {
  const failures: string[] = [];
  const notes = [...obs.notes];
  const details: string[] = [];

  // --- integrity first: everything else reads these files
  const kioskIntegrity = integrityCheck(obs.kioskDb);
  const hubIntegrity = obs.hub.integrity;
  const bad = [kioskIntegrity === 'ok' ? null : 'kiosk', hubIntegrity === 'ok' ? null : 'hub'].filter(Boolean);
  const integrity = bad.length === 0 ? 'ok' : bad.join(',');
  if (kioskIntegrity !== 'ok') failures.push(`kiosk.sqlite integrity_check: ${kioskIntegrity}`);
  if (hubIntegrity !== 'ok') failures.push(`hub database integrity check: ${hubIntegrity}`);

  // --- the hub: exactly once, nothing foreign, content as submitted
  const hubRows = obs.hub.rows;
  const hubCount = new Map<string, number>();
  for (const r of hubRows) hubCount.set(r.submissionId, (hubCount.get(r.submissionId) ?? 0) + 1);
  const duplicated = [...hubCount.values()].reduce((n, c) => n + (c - 1), 0);
  const firstRow = new Map(hubRows.map((r) => [r.submissionId, r] as const));

  const receipted = [...obs.tracked.values()].filter((t) => t.receipt);
  const submitted = receipted.length;
  const received = receipted.filter((t) => hubCount.has(t.submission.submissionId)).length;
  const lost = submitted - received;
  if (lost > 0) {
    const sample = receipted.filter((t) => !hubCount.has(t.submission.submissionId)).slice(0, 5);
    failures.push(`${lost} receipted submission(s) never reached the hub, e.g. ${sample.map((t) => `${t.submission.submissionId} (${t.receipt!.provisionalNumber})`).join(', ')}`);
  }
  if (duplicated > 0) failures.push(`${duplicated} duplicate hub row(s)`);

  const phantom = hubRows.filter((r) => !obs.tracked.has(r.submissionId));
  if (phantom.length > 0) failures.push(`${phantom.length} hub row(s) the driver never sent, e.g. ${phantom[0]!.submissionId}`);

  let contentMismatch = 0;
  let numberMismatch = 0;
  for (const t of receipted) {
    const row = firstRow.get(t.submission.submissionId);
    if (!row) continue;
    if (!sameJson(row.application, t.submission.application)) contentMismatch++;
    if (row.provisionalNumber !== t.receipt!.provisionalNumber) numberMismatch++;
  }
  if (contentMismatch > 0) failures.push(`${contentMismatch} hub record(s) differ from what the resident submitted first`);
  if (numberMismatch > 0) failures.push(`${numberMismatch} hub record(s) carry another provisional number than the resident's receipt`);
  if (obs.receiptMismatches.length > 0) {
    failures.push(`${obs.receiptMismatches.length} double tap(s) got a different receipt, e.g. ${obs.receiptMismatches[0]}`);
  }

  // --- the kiosk: every commit delivered and purged; uncertain calls at most once, never stranded
  if (kioskIntegrity !== 'missing') {
    const kiosk = readKiosk(obs.kioskDb);
    const kioskIds = new Set(kiosk.submissions.map((s) => s.submissionId));
    const uncertain = [...obs.tracked.values()].filter((t) => t.uncertain && !t.receipt);
    const uncertainCommitted = uncertain.filter((t) => kioskIds.has(t.submission.submissionId));
    const uncertainAtHub = uncertain.filter((t) => hubCount.has(t.submission.submissionId));
    details.push(
      `uncertain (agent died before the receipt): ${uncertain.length}, committed on the kiosk ${uncertainCommitted.length}, ` +
        `at the hub ${uncertainAtHub.length} (each 0 or 1 times); resubmitted with the same UUID ${obs.uncertainRetried}, ` +
        `of which ${obs.uncertainCommittedBeforeDeath} had committed before the agent died (same receipt returned)`,
    );
    const stranded = kiosk.submissions.filter((s) => !hubCount.has(s.submissionId));
    if (stranded.length > 0) {
      failures.push(`${stranded.length} submission(s) committed on the kiosk never reached the hub (statuses: ${countBy(stranded.map((s) => s.status))})`);
    }
    const missingLocally = receipted.filter((t) => !kioskIds.has(t.submission.submissionId));
    if (missingLocally.length > 0) failures.push(`${missingLocally.length} receipted submission(s) missing from the kiosk store`);
    const undelivered = kiosk.submissions.filter((s) => s.status !== 'delivered');
    if (undelivered.length > 0) failures.push(`${undelivered.length} kiosk submission(s) not marked delivered (${countBy(undelivered.map((s) => s.status))})`);
    const unpurged = kiosk.submissions.filter((s) => s.status === 'delivered' && s.hasPayload);
    if (unpurged.length > 0) failures.push(`${unpurged.length} delivered submission(s) still hold their personal payload on the kiosk`);
    if (kiosk.outboxJobs > 0) failures.push(`${kiosk.outboxJobs} outbox job(s) left (${kiosk.parkedJobs} parked)`);
    details.push(`kiosk store: ${kiosk.submissions.length} submissions, ${kiosk.outboxJobs} outbox jobs left`);
  }

  // --- personal data: never in a log, never in clear in the kiosk's files
  const logs = logFilesIn(runDir);
  const scan = scanForPersonalData(logs, personalValues);
  details.push(`log scan: ${logs.length} files, ${(scan.bytes / 1024).toFixed(0)} KiB, ${personalValues.length} personal values, ${scan.hits.length} hits`);
  if (scan.hits.length > 0) {
    failures.push(
      `personal data in logs: ${scan.hits
        .slice(0, 5)
        .map((h) => `${h.kind} in ${h.file}@${h.offset}`)
        .join(', ')}`,
    );
  }
  const atRest = scanForPersonalData(kioskFiles(obs.kioskDb), personalValues);
  if (atRest.hits.length > 0) failures.push(`personal data in clear in the kiosk store: ${atRest.hits.length} hit(s)`);

  // --- what else happened along the way
  if (!obs.drain.drained) failures.push(`the outbox did not drain (queueDepth=${obs.drain.queueDepth})`);
  if (obs.drain.needsAttention > 0) failures.push(`${obs.drain.needsAttention} job(s) parked as needing attention`);
  if (obs.unexpectedAgentExits.length > 0) notes.push(`agent exited on its own ${obs.unexpectedAgentExits.length}x: ${obs.unexpectedAgentExits.slice(0, 3).join('; ')}`);
  if (obs.unexpectedHubExits.length > 0) notes.push(`hub exited on its own ${obs.unexpectedHubExits.length}x: ${obs.unexpectedHubExits.slice(0, 3).join('; ')}`);
  if (obs.callTimeouts > 0) notes.push(`${obs.callTimeouts} call(s) to a live agent got no answer within 10 s`);
  if (obs.readyTimeouts > 0) notes.push(`${obs.readyTimeouts} agent start(s) never said 'ready' within 15 s and were killed`);
  for (const [k, n] of obs.callErrors) notes.push(`${n} call(s) failed with ${k}`);

  return { submitted, received, lost, duplicated, kills: obs.kills, integrity, failures, notes, details };
}

function kioskFiles(db: string): string[] {
  return [db, `${db}-wal`].filter((f) => existsSync(f));
}

function countBy(values: string[]): string {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([k, n]) => `${k} ${n}`).join(', ');
}
