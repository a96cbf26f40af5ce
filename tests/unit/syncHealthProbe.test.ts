import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/agent/db.js';
import type { HubClient } from '../../main/agent/hubClient.js';
import type { JobRunner } from '../../main/agent/outbox/jobRunner.js';
import { Outbox, type JobKind } from '../../main/agent/outbox/outbox.js';
import { Sync } from '../../main/agent/outbox/sync.js';
import type { TerminalConfigStore } from '../../main/agent/terminalConfig.js';
import { tempDir } from '../support/fixtures.js';

// The health probe runs on a timer: one that throws must be logged and followed by the next probe,
// not end probing for good as an unhandled rejection (found by no-misused-promises).

const open: Db[] = [];
afterEach(() => open.splice(0).forEach((db) => db.open && db.close()));

describe('sync health probe', () => {
  it('probes again after a probe throws', async () => {
    const db = openDatabase(join(tempDir(), 'kiosk.sqlite'));
    open.push(db);
    let probes = 0;
    let probedAgain!: () => void;
    const again = new Promise<void>((resolve) => (probedAgain = resolve));
    const client = {
      health: () => {
        probes += 1;
        if (probes === 1) return Promise.reject(new Error('store closing'));
        probedAgain();
        return Promise.resolve(false);
      },
    } as unknown as HubClient;
    const config: TerminalConfigStore = {
      read: () => ({ terminalId: 'KSK-TEST', terminalName: 'test', location: 'test', hubUrl: 'http://127.0.0.1:9' }),
      credential: () => 'credential',
      setCredential: () => undefined,
      enrolledAs: () => undefined,
      proposedCredential: () => 'c'.repeat(43),
    };
    const warnings: string[] = [];
    const sync = new Sync({
      outbox: new Outbox(db),
      runners: {} as Record<JobKind, JobRunner>,
      client,
      config,
      enrollmentCode: undefined,
      log: { info: () => undefined, warn: (event) => warnings.push(event), error: () => undefined },
      healthIntervalMs: 1,
    });
    sync.start();
    await again;
    await sync.stop();
    expect(warnings).toContain('outbox.health_probe_failed');
    expect(probes).toBeGreaterThanOrEqual(2);
  });
});
