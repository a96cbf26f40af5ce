import { describe, expect, it } from 'vitest';
import { HeldFrames, MAX_HELD_FRAMES } from '../../server/signalling/heldFrames.js';
import type { RoomOutbound } from '../../server/signalling/rooms.js';

// What the hub holds for a participant whose socket dropped (server/signalling/heldFrames.ts):
// a flood of negotiation steps while they are away must not push out the news of how things are
// now — a camera turned off, a consumer closed — or their tiles stay wrong after they come back.

const callId = '6f1c0a52-4d0e-4d7a-9d43-2b1f2a7f1e11';
const signal = (i: number): RoomOutbound => ({ t: 'signal', signal: { callId, peerId: 'peer-mediator', candidate: { candidate: `candidate:${i}` } } });
const camera = (consumerId: string, off: boolean): RoomOutbound => ({ t: 'sfu.camera', callId, consumerId, off });
const closed = (consumerId: string): RoomOutbound => ({ t: 'sfu.consumer.closed', callId, consumerId });
const speaker = (peerId: string | null): RoomOutbound => ({ t: 'sfu.speaker', callId, peerId });

describe('frames held for a participant who is away', () => {
  it('a camera turned off, then a flood of signals: the camera news survives, the oldest signals go', () => {
    const held = new HeldFrames();
    held.push(camera('c-desk', true));
    held.push(closed('c-phone'));
    for (let i = 0; i < MAX_HELD_FRAMES + 50; i++) held.push(signal(i));
    const frames = held.take();
    expect(frames).toHaveLength(MAX_HELD_FRAMES);
    expect(frames.slice(0, 2)).toEqual([camera('c-desk', true), closed('c-phone')]);
    // The newest signals are the ones kept, in order.
    expect(frames.at(-1)).toEqual(signal(MAX_HELD_FRAMES + 49));
    expect(frames[2]).toEqual(signal(52));
    expect(held.size).toBe(0);
  });

  it('keeps the latest camera state per consumer, and none for a consumer since closed', () => {
    const held = new HeldFrames();
    held.push(camera('c-desk', true));
    held.push(camera('c-kiosk', true));
    held.push(camera('c-desk', false));
    held.push(camera('c-phone', true));
    held.push(closed('c-phone'));
    expect(held.take()).toEqual([camera('c-kiosk', true), camera('c-desk', false), closed('c-phone')]);
  });

  it('the speaker and the room are told as they are now, not as a history', () => {
    const held = new HeldFrames();
    for (let i = 0; i < 500; i++) held.push(speaker(i % 2 === 0 ? 'peer-a' : null));
    expect(held.take()).toEqual([speaker(null)]);
  });

  it('state alone past the limit still stays bounded (the oldest goes)', () => {
    const held = new HeldFrames(3);
    for (const id of ['c1', 'c2', 'c3', 'c4']) held.push(closed(id));
    expect(held.take()).toEqual([closed('c2'), closed('c3'), closed('c4')]);
  });
});
