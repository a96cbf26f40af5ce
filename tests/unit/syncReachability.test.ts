import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../main/agent/db.js';
import type { HubClient } from '../../main/agent/hubClient.js';
import type { JobRunner } from '../../main/agent/outbox/jobRunner.js';
import { Outbox, type JobKind } from '../../main/agent/outbox/outbox.js';
import { Sync } from '../../main/agent/outbox/sync.js';
import type { TerminalConfigStore } from '../../main/agent/terminalConfig.js';
import { tempDir } from '../support/fixtures.js';

// A job that failed while the hub was away backs off (up to five minutes). When the hub is seen
// again it is due at once — also when a delivery, not the health probe, is the first to see it
// (found by the bounded fault run: one intake sat out a 191 s backoff after the hub was back).

const open: Db[] = [];
afterEach(() => open.splice(0).forEach((db) => db.open && db.close()));

const config: TerminalConfigStore = {
  read: () => ({ terminalId: 'KSK-TEST', terminalName: 'test', location: 'test', hubUrl: 'http://127.0.0.1:9' }),
  credential: () => 'credential',
  setCredential: () => undefined,
  enrolledAs: () => undefined,
  proposedCredential: () => 'c'.repeat(43),
};

describe('sync reachability', () => {
  it('sends a job backing off as soon as another job is delivered after an outage', async () => {
    const db = openDatabase(join(tempDir(), 'kiosk.sqlite'));
    open.push(db);
    const outbox = new Outbox(db);
    let hubUp = false;
    let failures = 0;
    const sent: string[] = [];
    const runner: JobRunner = {
      send: (jobs) => {
        const job = jobs[0]!;
        if (!hubUp) {
          failures += 1;
          return Promise.reject(Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }));
        }
        outbox.complete(job.id);
        sent.push(job.ref);
        return Promise.resolve({ kind: 'delivered' });
      },
    };
    const sync = new Sync({
      outbox,
      runners: { intake: runner } as Record<JobKind, JobRunner>,
      // The probe never sees the hub: only a delivery can.
      client: { health: () => Promise.resolve(false) } as unknown as HubClient,
      config,
      enrollmentCode: undefined,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      // An hour's backoff, exactly: without the rule the job waits for it.
      backoff: { baseMs: 3_600_000, capMs: 3_600_000, jitter: 0 },
      healthIntervalMs: 3_600_000,
    });
    outbox.enqueue('intake', 'first', Date.now());
    sync.start();
    await vi.waitFor(() => expect(failures).toBe(1));
    await sync.whenIdle();
    expect(outbox.nextDueAt()).toBeGreaterThan(Date.now() + 3_000_000);

    hubUp = true;
    outbox.enqueue('intake', 'second', Date.now());
    sync.kick();
    await vi.waitFor(() => expect(sent).toEqual(['second', 'first']), { timeout: 30_000 });
    expect(sync.status().queueDepth).toBe(0);
    await sync.stop();
  });
});
