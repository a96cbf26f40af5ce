import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApplication } from '../support/fixtures.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { storedBytes } from '../support/storedData.js';

// Residents' notices: queued in notification_outbox in the event's own transaction (phone sealed),
// then sent through the SMS gateway adapter — here to a tiny local gateway that answers as told.
// A refused delivery stays pending and is tried again; nothing of a notice reaches the log.

const MOBILE = '13993100077';
let gateway: Server;
let gatewayAnswer = 200;
const received: Array<{ authorization: string | undefined; body: any }> = [];
let running: RunningHub;
let clerk: CourtClient;
let mediator: CourtClient;

beforeAll(async () => {
  gateway = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ authorization: req.headers.authorization, body: JSON.parse(data) });
      res.statusCode = gatewayAnswer;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
  running = await startHub({ sms: { url, token: 'gateway-token-1' }, notificationIntervalMs: 3_600_000 });
  clerk = await signIn(running.url, 'clerk', running.hub.initialPasswords.get('clerk')!);
  mediator = await signIn(running.url, 'mediator.people', running.hub.initialPasswords.get('mediator.people')!);
});
afterAll(async () => {
  await running?.close();
  await new Promise((r) => gateway?.close(r));
});

const pending = () => running.hub.database.db.selectFrom('notification_outbox').selectAll().where('status', '=', 'pending').execute();

describe('notices to residents', () => {
  it('queues a notice with the session in the event’s transaction and sends it through the gateway', async () => {
    const entered = await clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ mobile: MOBILE }) } });
    const caseId = entered.body.case.caseId;
    const diverted = await clerk.call('actOnCase', {
      params: { caseId },
      body: { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', consent: { method: 'application' } }, expectedSeq: 1 },
    });
    expect(await pending()).toHaveLength(0); // diversion is not one of the notices
    const startsAt = '2030-03-05T02:30:00.000Z';
    expect((await mediator.call('actOnCase', { params: { caseId }, body: { type: 'session.scheduled', payload: { startsAt, mode: 'video' }, expectedSeq: 2 } })).status).toBe(201);
    const queued = await pending();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ case_id: caseId, template: 'session_scheduled', attempts: 0 });
    expect(queued[0]!.recipient_sealed).not.toContain(MOBILE);

    // the gateway refuses once: the notice waits, its failure kept as a status only
    gatewayAnswer = 503;
    expect(await running.hub.notifications.deliverPending()).toBe(0);
    expect((await pending())[0]).toMatchObject({ attempts: 1, last_error: 'HTTP 503' });
    gatewayAnswer = 200;
    expect(await running.hub.notifications.deliverPending()).toBe(1);
    expect(await pending()).toHaveLength(0);
    expect(received.at(-1)).toEqual({
      authorization: 'Bearer gateway-token-1',
      body: { to: MOBILE, template: 'session_scheduled', params: { reference: diverted.body.case.caseNumber, startsAt, mode: 'video', place: null } },
    });
    const sent = await running.hub.database.db.selectFrom('notification_outbox').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('queues nothing for an event that was refused', async () => {
    const entered = await clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ mobile: MOBILE }) } });
    const before = (await running.hub.database.db.selectFrom('notification_outbox').select('notification_id').execute()).length;
    const refused = await mediator.call('actOnCase', {
      params: { caseId: entered.body.case.caseId },
      body: { type: 'session.scheduled', payload: { startsAt: '2030-03-05T02:30:00.000Z', mode: 'video' }, expectedSeq: 1 },
    });
    expect(refused.status).toBe(404); // not yet diverted to the mediator's organisation
    expect((await running.hub.database.db.selectFrom('notification_outbox').select('notification_id').execute()).length).toBe(before);
    // and the hub's data folder holds no phone in clear anywhere but the sealed rows
    expect((await storedBytes(running)).includes(Buffer.from(MOBILE))).toBe(false);
  });
});
