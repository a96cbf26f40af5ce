import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import type { EventName } from '../../shared/contract.js';
import { sampleResident, sampleSubmission, tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { mediatorClient, mediatorSession, type FrameClient } from '../support/signallingClients.js';

// The kiosk agent's signalling link against a real hub: the renderer's contract calls become hub
// frames and hub frames become contract events; the link survives its socket being cut mid-call.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(hubOptions: Parameters<typeof startHub>[0] = {}) {
  const hub: RunningHub = await startHub(hubOptions);
  cleanup.push(() => hub.close());
  const key = randomBytes(32);
  const agent: Agent = await createAgent({
    dataDir: tempDir(),
    hubUrl: hub.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: `KSK-${randomBytes(2).toString('hex')}`,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: silentLog,
    healthIntervalMs: 100,
  });
  cleanup.push(() => agent.close());
  const events: Array<{ name: EventName; payload: Record<string, unknown> }> = [];
  agent.onEvent((name, payload) => events.push({ name, payload: payload }));
  const m: FrameClient = await mediatorClient(hub.url, await mediatorSession(hub.hub, hub.url));
  cleanup.push(() => m.close());
  m.send({ t: 'presence.set', status: 'available' });
  await m.next((f) => f.t === 'presence' && f.status === 'available');
  // Enrolment happens in the agent's health loop; the call link connects once it has a credential.
  await waitFor(() => hub.hub.signalling.sockets().kiosks.length === 1, 'kiosk signalling socket');
  const lastState = () => [...events].reverse().find((e) => e.name === 'call.state')?.payload.state;
  return { hub, agent, events, m, lastState };
}

describe('kiosk agent ⇄ hub signalling', () => {
  it('carries a call from request to the mediator hanging up, both ways', async () => {
    const { agent, events, m, lastState } = await setup();
    const requested = await agent.dispatch('call.request', { language: 'zh-CN' });
    expect(requested).toMatchObject({ ok: true, value: { state: 'queued', position: 1 } });
    const callId = (requested as { value: { callId: string } }).value.callId;
    expect(await agent.dispatch('call.current', undefined)).toMatchObject({ ok: true, value: { state: { callId, state: 'queued' } } });

    m.send({ t: 'call.accept', ref: 1, callId });
    const roomM = (await m.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1)).room as { selfId: string; peers: Array<{ peerId: string }> };
    await waitFor(() => lastState() === 'connected', 'connected');
    const room = events.find((e) => e.name === 'call.room' && (e.payload.peers as unknown[]).length === 1)!.payload as { selfId: string; peers: Array<{ peerId: string; role: string }> };
    expect(room.peers[0]).toMatchObject({ peerId: roomM.selfId, role: 'mediator' });

    // Renderer → agent → hub → console, and back.
    const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' } as const;
    expect(await agent.dispatch('call.signal', { callId, peerId: room.peers[0]!.peerId, description: offer })).toEqual({ ok: true, value: null });
    expect((await m.next((f) => f.t === 'signal')).signal).toMatchObject({ peerId: room.selfId, description: offer });
    m.send({ t: 'signal', callId, peerId: room.selfId, candidate: null });
    await waitFor(() => events.find((e) => e.name === 'call.signal'), 'incoming signal');
    expect(events.find((e) => e.name === 'call.signal')!.payload).toEqual({ callId, peerId: roomM.selfId, candidate: null });

    // Signals for a call that is not ours are refused without reaching the hub.
    expect(await agent.dispatch('call.signal', { callId: crypto.randomUUID(), peerId: room.peers[0]!.peerId, candidate: null })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    m.send({ t: 'call.end', ref: 2, callId, outcome: 'settled', notes: '' });
    await waitFor(() => lastState() === 'ended', 'ended');
    expect(events.filter((e) => e.name === 'call.state').at(-1)!.payload).toMatchObject({ callId, reason: 'mediator_hangup' });
    expect(await agent.dispatch('call.current', undefined)).toEqual({ ok: true, value: null });
  });

  it('survives its hub socket being cut mid-call: reconnecting, then connected again, same call', async () => {
    const { hub, agent, events, m, lastState } = await setup();
    const callId = ((await agent.dispatch('call.request', { language: 'en' })) as { value: { callId: string } }).value.callId;
    m.send({ t: 'call.accept', ref: 1, callId });
    await waitFor(() => lastState() === 'connected', 'connected');
    const before = events.length;

    for (const ws of hub.hub.signalling.sockets().kiosks) ws.terminate();
    await waitFor(() => lastState() === 'reconnecting', 'reconnecting');
    await waitFor(() => lastState() === 'connected', 'connected again');
    expect(
      events
        .slice(before)
        .filter((e) => e.name === 'call.state')
        .map((e) => e.payload.state),
    ).toEqual(['reconnecting', 'connected']);
    expect((await hub.hub.signalling.records.get(callId))?.endedAt).toBeNull();

    // The resident hangs up while the hub is unreachable: the hub still hears it once it is back.
    for (const ws of hub.hub.signalling.sockets().kiosks) ws.terminate();
    await waitFor(() => lastState() === 'reconnecting', 'reconnecting');
    expect(await agent.dispatch('call.hangup', { callId })).toEqual({ ok: true, value: null });
    expect(events.filter((e) => e.name === 'call.state').at(-1)!.payload).toMatchObject({ state: 'ended', reason: 'resident_hangup' });
    await waitFor(async () => (await hub.hub.signalling.records.get(callId))?.endReason === 'resident_hangup', 'hangup reaches the hub');
  });

  it('shows the mediator the intake the resident filed just before calling', async () => {
    const { agent, m, lastState } = await setup();
    const filed = await agent.dispatch('intake.submit', sampleSubmission());
    if (!filed.ok) throw new Error(JSON.stringify(filed.error));
    const { submissionId } = filed.value as { submissionId: string };
    const requested = await agent.dispatch('call.request', { language: 'zh-CN', submissionId });
    const callId = (requested as { value: { callId: string } }).value.callId;
    // The agent nudges its outbox, so the intake is usually at the hub before anyone answers;
    // if not, the queue shows it as on its way and it appears when it lands.
    await m.next((f) => f.t === 'queue' && (f.calls as Array<{ intake: unknown }>)[0]?.intake != null, 'intake in the queue', 10_000);
    m.send({ t: 'call.accept', ref: 1, callId });
    const call = (await m.next((f) => f.t === 'call')).call as { intake: { applicantName: string; description: string; caseNumber: string | null } };
    expect(call.intake).toMatchObject({ applicantName: sampleResident.name, description: expect.stringContaining(sampleResident.facts) });
    // Just filed: the court has not numbered it yet (it does when it diverts or files the case).
    expect(call.intake.caseNumber).toBeNull();
    await waitFor(() => lastState() === 'connected', 'connected');
  });

  it('tells the renderer when the hub cannot be reached for a call', async () => {
    const { hub, agent } = await setup();
    await hub.close();
    const result = await agent.dispatch('call.request', { language: 'en' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
