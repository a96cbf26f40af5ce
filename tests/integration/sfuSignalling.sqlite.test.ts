import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { enrollTerminal, kioskClient, mediatorClient, mediatorSession, type FrameClient } from '../support/signallingClients.js';
import { fakeDtls, opusParameters, requireMediasoupWorker, vp8SimulcastParameters } from '../support/sfuWorker.js';

// The SFU's steps over the hub's real signalling socket, with the real mediasoup worker: every
// step taken by a kiosk and a mediator in an answered call, and each one refused when malformed
// or aimed at what is not the asker's. (Engine-independent: SQLite only.)

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type Frame = Record<string, unknown> & { t: string };

async function hub(sfu = sfuOptions({ workers: 1 })): Promise<RunningHub> {
  const h = await startHub({ signalling: { sfu } });
  cleanup.push(() => h.close());
  return h;
}
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

/** A kiosk's call answered by a mediator: both sockets, the call id and each side's room. */
async function answeredCall(h: RunningHub) {
  const m = track(await mediatorClient(h.url, await mediatorSession(h.hub, h.url)));
  await m.next((f) => f.t === 'hello', 'hello');
  m.send({ t: 'presence.set', status: 'available' });
  await m.next((f) => f.t === 'presence' && f.status === 'available', 'on duty');
  const k = track(await kioskClient(h.url, await enrollTerminal(h.url, 'KSK-SFU-1')));
  await k.next((f) => f.t === 'hello', 'hello');
  k.send({ t: 'call.request', ref: 1, language: 'zh-CN' });
  const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
  m.send({ t: 'call.accept', ref: 1, callId });
  const inRoom = (f: Frame) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1;
  const kioskRoom = (await k.next(inRoom, 'kiosk room')).room as { selfId: string; media?: string };
  const mediatorRoom = (await m.next(inRoom, 'mediator room')).room as { selfId: string; media?: string };
  return { k, m, callId, kioskRoom, mediatorRoom };
}

let nextRef = 100;
/** Sends one SFU step and waits for its answer: the `sfu.reply` or the `error` with its ref. */
async function step(c: FrameClient, frame: Record<string, unknown>): Promise<Frame> {
  const ref = nextRef++;
  c.send({ ...frame, ref });
  return c.next((f) => (f.t === 'sfu.reply' || f.t === 'error') && f.ref === ref, `answer to ${String(frame.t)}`, 20_000);
}
async function ok(c: FrameClient, frame: Record<string, unknown>): Promise<Frame> {
  const answer = await step(c, frame);
  expect(answer, JSON.stringify(answer)).toMatchObject({ t: 'sfu.reply' });
  return answer;
}
async function transport(c: FrameClient, callId: string, direction: 'send' | 'recv'): Promise<string> {
  const reply = await ok(c, { t: 'sfu.transport.create', callId, direction });
  const info = reply.transport as { id: string; iceCandidates: Array<{ ip: string; protocol: string }> };
  expect(info.iceCandidates.map((x) => x.ip)).toContain('127.0.0.1');
  await ok(c, { t: 'sfu.transport.connect', callId, transportId: info.id, dtlsParameters: fakeDtls });
  return info.id;
}

describe('SFU steps on the signalling socket (real mediasoup worker)', () => {
  beforeAll(() => requireMediasoupWorker());

  it('carries capabilities, transports, produce, consume, pause/resume, layers and close between a kiosk and a mediator', async () => {
    const h = await hub();
    expect(h.hub.signalling.sfu?.workerCount).toBe(1);
    const { k, m, callId, kioskRoom, mediatorRoom } = await answeredCall(h);
    expect(kioskRoom.media).toBe('sfu');
    expect(mediatorRoom.media).toBe('sfu');

    const caps = await ok(k, { t: 'sfu.capabilities', callId });
    const codecs = (caps.rtpCapabilities as { codecs: Array<{ mimeType: string }> }).codecs.map((c) => c.mimeType);
    expect(codecs).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));

    const mediatorRecv = await transport(m, callId, 'recv');
    const kioskSend = await transport(k, callId, 'send');
    const audio = (await ok(k, { t: 'sfu.produce', callId, transportId: kioskSend, kind: 'audio', rtpParameters: opusParameters })).producerId as string;
    const video = (await ok(k, { t: 'sfu.produce', callId, transportId: kioskSend, kind: 'video', rtpParameters: vp8SimulcastParameters })).producerId as string;
    // The mediator, already able to receive, is told of both.
    const told = [await m.next((f) => f.t === 'sfu.producer' && f.producerId === audio), await m.next((f) => f.t === 'sfu.producer' && f.producerId === video)];
    expect(told.map((f) => [f.peerId, f.kind])).toEqual([
      [kioskRoom.selfId, 'audio'],
      [kioskRoom.selfId, 'video'],
    ]);

    const consumed = await ok(m, { t: 'sfu.consume', callId, transportId: mediatorRecv, producerId: video, rtpCapabilities: caps.rtpCapabilities });
    const consumer = consumed.consumer as { id: string; peerId: string; kind: string; producerId: string };
    expect(consumer).toMatchObject({ peerId: kioskRoom.selfId, kind: 'video', producerId: video, producerPaused: false });
    await ok(m, { t: 'sfu.resume', callId, what: 'consumer', id: consumer.id });

    // The tile size picks the simulcast layer.
    const room = h.hub.signalling.sfu!.existing(callId)!;
    await ok(m, { t: 'sfu.tile', callId, consumerId: consumer.id, width: 160, height: 90 });
    expect(room.preferredLayer(mediatorRoom.selfId, consumer.id)).toBe(0);
    await ok(m, { t: 'sfu.tile', callId, consumerId: consumer.id, width: 640, height: 360 });
    expect(room.preferredLayer(mediatorRoom.selfId, consumer.id)).toBe(1);
    await ok(m, { t: 'sfu.tile', callId, consumerId: consumer.id, width: 1280, height: 720 });
    expect(room.preferredLayer(mediatorRoom.selfId, consumer.id)).toBe(2);

    await ok(k, { t: 'sfu.pause', callId, what: 'producer', id: audio });
    await ok(k, { t: 'sfu.resume', callId, what: 'producer', id: audio });
    // The kiosk turns its camera off (pauses its video producer) and on: the mediator's consumer of
    // it is told each time (mediasoup's producerpause/producerresume), so its tile says "camera off"
    // rather than a stall; a consumer made while the camera is off says so from the start.
    await ok(k, { t: 'sfu.pause', callId, what: 'producer', id: video });
    expect(await m.next((f) => f.t === 'sfu.camera')).toEqual({ t: 'sfu.camera', callId, consumerId: consumer.id, off: true });
    const whileOff = await ok(m, { t: 'sfu.consume', callId, transportId: mediatorRecv, producerId: video, rtpCapabilities: caps.rtpCapabilities });
    expect(whileOff.consumer).toMatchObject({ producerId: video, producerPaused: true });
    await ok(m, { t: 'sfu.close', callId, what: 'consumer', id: (whileOff.consumer as { id: string }).id });
    await ok(k, { t: 'sfu.resume', callId, what: 'producer', id: video });
    expect(await m.next((f) => f.t === 'sfu.camera')).toEqual({ t: 'sfu.camera', callId, consumerId: consumer.id, off: false });

    await ok(m, { t: 'sfu.pause', callId, what: 'consumer', id: consumer.id });

    // A participant who can receive only later is told then of what is already sent.
    const mediatorSend = await transport(m, callId, 'send');
    const mediatorAudio = (await ok(m, { t: 'sfu.produce', callId, transportId: mediatorSend, kind: 'audio', rtpParameters: opusParameters })).producerId as string;
    await transport(k, callId, 'recv');
    expect(await k.next((f) => f.t === 'sfu.producer')).toMatchObject({ peerId: mediatorRoom.selfId, producerId: mediatorAudio, kind: 'audio' });

    // Closing the producer closes the mediator's consumer of it.
    await ok(k, { t: 'sfu.close', callId, what: 'producer', id: video });
    expect(await m.next((f) => f.t === 'sfu.consumer.closed')).toMatchObject({ callId, consumerId: consumer.id });
    await ok(k, { t: 'sfu.close', callId, what: 'transport', id: kioskSend });

    // The call ends: its router goes with it.
    k.send({ t: 'call.hangup', callId });
    await m.next((f) => f.t === 'call' && (f.call as { endedReason: string | null }).endedReason !== null, 'call ended');
    await expect.poll(() => h.hub.signalling.sfu!.existing(callId)).toBeNull();
  });

  it('refuses every malformed step, and steps on what is not the asker’s, with an error frame and no crash', async () => {
    const h = await hub();
    const { k, m, callId, mediatorRoom } = await answeredCall(h);
    const caps = (await ok(k, { t: 'sfu.capabilities', callId })).rtpCapabilities;
    const kioskSend = await transport(k, callId, 'send');
    const mediatorRecv = await transport(m, callId, 'recv');
    const video = (await ok(k, { t: 'sfu.produce', callId, transportId: kioskSend, kind: 'video', rtpParameters: vp8SimulcastParameters })).producerId as string;

    // Frames the schema refuses: answered INVALID_FRAME (without a ref: the frame was not understood).
    const malformed: unknown[] = [
      { t: 'sfu.transport.create', ref: 1, callId, direction: 'sideways' },
      { t: 'sfu.transport.connect', ref: 1, callId, transportId: kioskSend, dtlsParameters: { fingerprints: [] } },
      { t: 'sfu.produce', ref: 1, callId, transportId: kioskSend, kind: 'screen', rtpParameters: opusParameters },
      { t: 'sfu.tile', ref: 1, callId, consumerId: 'x', width: -1, height: 10 },
    ];
    for (const frame of malformed) {
      k.send(frame);
      expect(await k.next((f) => f.t === 'error')).toMatchObject({ code: 'INVALID_FRAME' });
    }

    // Well-formed but not allowed, or not usable: answered with the step's ref.
    expect(await step(k, { t: 'sfu.produce', callId, transportId: mediatorRecv, kind: 'audio', rtpParameters: opusParameters })).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    expect(await step(m, { t: 'sfu.produce', callId, transportId: mediatorRecv, kind: 'audio', rtpParameters: opusParameters })).toMatchObject({ t: 'error', code: 'INVALID_FRAME' });
    expect(await step(k, { t: 'sfu.produce', callId, transportId: kioskSend, kind: 'audio', rtpParameters: { codecs: [{ mimeType: 'audio/none' }] } })).toMatchObject({
      t: 'error',
      code: 'INVALID_FRAME',
    });
    expect(await step(m, { t: 'sfu.consume', callId, transportId: mediatorRecv, producerId: video, rtpCapabilities: { codecs: [] } })).toMatchObject({ t: 'error', code: 'INVALID_FRAME' });
    expect(await step(m, { t: 'sfu.consume', callId, transportId: mediatorRecv, producerId: 'no-such-producer', rtpCapabilities: caps })).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    expect(await step(k, { t: 'sfu.close', callId, what: 'transport', id: mediatorRecv })).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    expect(await step(m, { t: 'sfu.pause', callId, what: 'producer', id: video })).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    expect(await step(k, { t: 'sfu.capabilities', callId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    const manyTransports = [];
    for (let i = 0; i < 4; i++) manyTransports.push(await step(k, { t: 'sfu.transport.create', callId, direction: 'recv' }));
    expect(manyTransports.at(-1)).toMatchObject({ t: 'error', code: 'CONFLICT' });

    // Nothing broke: both sockets still work, the room still consumes.
    const consumer = (await ok(m, { t: 'sfu.consume', callId, transportId: mediatorRecv, producerId: video, rtpCapabilities: caps })).consumer as { peerId: string };
    expect(consumer.peerId).not.toBe(mediatorRoom.selfId);
    expect(h.hub.signalling.sockets().kiosks).toHaveLength(1);
  });
});

describe('SFU fallback', () => {
  it('without a worker keeps the call peer to peer: no SFU, rooms without media, signals relayed', async () => {
    const h = await hub(sfuOptions({ workers: 1, workerBin: '/nonexistent/mediasoup-worker' }));
    expect(h.hub.signalling.sfu).toBeNull();
    const { k, m, callId, kioskRoom, mediatorRoom } = await answeredCall(h);
    expect(kioskRoom.media).toBeUndefined();
    expect(mediatorRoom.media).toBeUndefined();
    k.send({ t: 'signal', callId, peerId: mediatorRoom.selfId, description: { type: 'offer', sdp: 'v=0' } });
    expect(await m.next((f) => f.t === 'signal')).toMatchObject({ signal: { peerId: kioskRoom.selfId, description: { type: 'offer' } } });
    expect(await step(k, { t: 'sfu.capabilities', callId })).toMatchObject({ t: 'error', code: 'CONFLICT' });
  });
});
