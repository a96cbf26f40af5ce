import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HubErrorBody, hubPaths } from '../../shared/hubProtocol.js';
import { sampleIngest } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { enrollTerminal } from '../support/signallingClients.js';

// SQLite held by another writer for longer than the hub's busy timeout (5 s): the intake is
// answered 503 with Retry-After, not 500, and nothing of it is stored; once the file is free the
// kiosk's retry is recorded.

let h: RunningHub | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('hub with its SQLite file locked by another writer', () => {
  it('answers 503 with Retry-After, then records the retry once the file is free', async () => {
    h = await startHub();
    const credential = await enrollTerminal(h.url, 'KSK-BUSY-1');
    const body = sampleIngest();
    const send = () =>
      fetch(new URL(hubPaths.intakes, h!.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': body.submissionId, authorization: `Bearer ${credential}` },
        body: JSON.stringify(body),
      });

    const other = new Database(join(h.dataDir, 'hub.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const busy = await send();
      expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '5']);
      expect(HubErrorBody.parse(await busy.json()).error.code).toBe('UNAVAILABLE');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await h.intakes()).toEqual([]);
    expect((await send()).status).toBe(201);
    expect((await h.intakes()).map((r) => r.submission_id)).toEqual([body.submissionId]);
  });
});
