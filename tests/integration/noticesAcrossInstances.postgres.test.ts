import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtStaff } from '../support/courtSteps.js';
import { sampleApplication, tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Residents' notices with two hub instances on one PostgreSQL database, both sending through the
// SMS gateway (issue 13): a notice is claimed before it is sent (server/notifications/outbox.ts,
// migration 50), so while A is delivering it, B's delivery run passes it by — the resident gets
// one text, not two.

let a: RunningHub;
let b: RunningHub;
let gateway: Server;
const held: ServerResponse[] = [];
const texts: unknown[] = [];

beforeAll(async () => {
  // A gateway that holds every answer until the test lets it go: a delivery in progress.
  gateway = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      texts.push(JSON.parse(data));
      held.push(res);
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const sms = { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, token: 'gateway-token-1', timeoutMs: 60_000 };
  const { databaseUrl } = (await testDatabase(tempDir('notices-db-'))) as { databaseUrl: string };
  const dataKey = randomBytes(32).toString('base64');
  const filesDir = tempDir('notices-files-');
  const instance = (name: string) => startHub({ dataDir: tempDir(`notices-${name}-`), filesDir, databaseUrl, dataKey, backup: false, sms, notificationIntervalMs: 3_600_000 });
  [a, b] = await Promise.all([instance('a'), instance('b')]);
}, 120_000);

afterAll(async () => {
  for (const res of held) res.end('{}');
  await Promise.all([a?.close(), b?.close()]);
  await new Promise((r) => gateway?.close(r));
});

describe('notices sent by two hub instances', () => {
  it('texts the resident once while both deliver at the same moment', async () => {
    const passwords = a.hub.initialPasswords.size > 0 ? a.hub.initialPasswords : b.hub.initialPasswords;
    const { clerk, mediator } = await courtStaff(a, passwords);
    const entered = await clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ mobile: '13993100078' }) } });
    const caseId = entered.body.case.caseId as string;
    const divert = { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', consent: { method: 'application' } }, expectedSeq: 1 };
    expect((await clerk.call('actOnCase', { params: { caseId }, body: divert })).status).toBe(201);
    const session = { type: 'session.scheduled', payload: { startsAt: '2030-03-05T02:30:00.000Z', mode: 'video' }, expectedSeq: 2 };
    expect((await mediator.call('actOnCase', { params: { caseId }, body: session })).status).toBe(201);

    const throughA = a.hub.notifications.deliverPending();
    await waitFor(() => texts.length === 1, 'A to hand the notice to the gateway');
    // B's run while A's delivery is under way: the notice is A's, B sends nothing.
    expect(await b.hub.notifications.deliverPending()).toBe(0);
    expect(texts).toHaveLength(1);
    held.shift()!.end('{}');
    expect(await throughA).toBe(1);

    const rows = await a.hub.database.db.selectFrom('notification_outbox').select(['status', 'attempts', 'claimed_until']).where('case_id', '=', caseId).execute();
    expect(rows).toEqual([{ status: 'sent', attempts: 1, claimed_until: null }]);
    expect(await b.hub.notifications.deliverPending()).toBe(0);
    expect(texts).toHaveLength(1);
  });
});
