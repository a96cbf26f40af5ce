import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { MediationApplication } from '../../shared/application.js';
import { hubPaths } from '../../shared/hubProtocol.js';
import { sampleApplication } from './fixtures.js';
import { waitFor, type RunningHub } from './hubHarness.js';
import { enrollTerminal, kioskClient, mediatorClient, mediatorSession, type FrameClient } from './signallingClients.js';

// A kiosk call about a filed case, answered by med1 (李调解) on a running test hub: the starting
// point of the room suites. Both sockets are handed to `track` so the suite closes them.

export interface AnsweredCall {
  m: FrameClient;
  k: FrameClient;
  callId: string;
  caseId: string;
  /** med1's session cookie. */
  cookie: string;
}

export async function answeredCall(
  h: RunningHub,
  track: (c: FrameClient) => FrameClient,
  o: { terminalId: string; name?: string; location?: string; application?: MediationApplication },
): Promise<AnsweredCall> {
  const cookie = await mediatorSession(h.hub, h.url);
  const m = track(await mediatorClient(h.url, cookie));
  await m.next((f) => f.t === 'hello', 'hello');
  m.send({ t: 'presence.set', status: 'available' });
  await m.next((f) => f.t === 'presence' && f.status === 'available', 'on duty');
  const credential = await enrollTerminal(h.url, o.terminalId, o.name, o.location);
  const k = track(await kioskClient(h.url, credential));
  await k.next((f) => f.t === 'hello', 'kiosk hello');
  const submissionId = randomUUID();
  const filed = await fetch(h.url + hubPaths.intakes, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': submissionId },
    body: JSON.stringify({ submissionId, provisionalNumber: `${o.terminalId}-1`, language: 'zh-CN', submittedAt: new Date().toISOString(), application: o.application ?? sampleApplication() }),
  });
  expect(filed.status).toBe(201);
  const caseId = (await waitFor(() => h.hub.cases.bySubmission(h.hub.database, submissionId), 'the case')).caseId;
  k.send({ t: 'call.request', ref: 1, language: 'zh-CN', submissionId });
  const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
  m.send({ t: 'call.accept', ref: 2, callId });
  const inRoom = (f: { t: string; room?: unknown }) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1;
  await m.next(inRoom, 'mediator in the room');
  await k.next(inRoom, 'kiosk in the room');
  return { m, k, callId, caseId, cookie };
}
