import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IceConfig } from '../../shared/call.js';
import { CallQueue, DEFAULT_MEAN_CALL_S, estimateWaitS, PICKUP_S } from '../../server/signalling/callQueue.js';
import { Presence } from '../../server/signalling/presence.js';
import { Room, type RoomOutbound } from '../../server/signalling/rooms.js';
import { MAX_HELD_FRAMES } from '../../server/signalling/heldFrames.js';
import { checkIceOptions, iceConfigFor, turnCredential } from '../../server/signalling/turnCredentials.js';

describe('call queue', () => {
  it('is first come, first served, and positions close up when a call leaves', () => {
    const q = new CallQueue<{ callId: string }>();
    expect(q.enqueue({ callId: 'a' })).toBe(1);
    expect(q.enqueue({ callId: 'b' })).toBe(2);
    expect(q.enqueue({ callId: 'c' })).toBe(3);
    expect(() => q.enqueue({ callId: 'b' })).toThrow();
    expect(q.remove('a')).toEqual({ callId: 'a' });
    expect(q.remove('a')).toBeNull();
    expect([q.position('b'), q.position('c'), q.position('a')]).toEqual([1, 2, null]);
    expect(q.entries().map((e) => e.callId)).toEqual(['b', 'c']);
  });

  it('estimates honestly: nobody on duty, someone free, or waiting for calls to end', () => {
    const mean = DEFAULT_MEAN_CALL_S;
    expect(estimateWaitS({ position: 1, idleMediators: 0, onDutyMediators: 0, meanCallS: mean })).toBeNull();
    expect(estimateWaitS({ position: 2, idleMediators: 2, onDutyMediators: 3, meanCallS: mean })).toBe(PICKUP_S);
    // One mediator, busy: the first in line waits about half a call, the next a whole call more.
    expect(estimateWaitS({ position: 1, idleMediators: 0, onDutyMediators: 1, meanCallS: 300 })).toBe(PICKUP_S + 150);
    expect(estimateWaitS({ position: 2, idleMediators: 0, onDutyMediators: 1, meanCallS: 300 })).toBe(PICKUP_S + 450);
    // Two mediators share the line.
    expect(estimateWaitS({ position: 3, idleMediators: 0, onDutyMediators: 2, meanCallS: 300 })).toBe(PICKUP_S + 450);
    // Waits never shrink as the position grows.
    let last = 0;
    for (let p = 1; p <= 20; p++) {
      const w = estimateWaitS({ position: p, idleMediators: 1, onDutyMediators: 3, meanCallS: 240 })!;
      expect(w).toBeGreaterThanOrEqual(last);
      last = w;
    }
  });
});

describe('presence', () => {
  it('is away until chosen, busy in a call, and away whenever the console is gone', () => {
    const p = new Presence();
    expect(p.status('li')).toBe('away');
    p.connected('li', true);
    expect(p.status('li')).toBe('away');
    p.choose('li', 'available');
    expect([p.status('li'), p.idleCount(), p.onDutyCount()]).toEqual(['available', 1, 1]);
    p.inCall('li', true);
    expect([p.status('li'), p.idleCount(), p.onDutyCount()]).toEqual(['busy', 0, 1]);
    p.inCall('li', false);
    p.connected('li', false);
    expect([p.status('li'), p.onDutyCount()]).toEqual(['away', 0]);
    p.connected('li', true); // a reconnect keeps the choice
    expect(p.status('li')).toBe('available');
  });
});

describe('rooms', () => {
  const ice: IceConfig = { iceServers: [], iceTransportPolicy: 'all' };
  const sink = () => {
    const frames: RoomOutbound[] = [];
    return { frames, link: { send: (f: RoomOutbound) => frames.push(f) } };
  };

  it('tells every participant who else is there, and relays signals by peer id', () => {
    const room = new Room('call-1');
    const k = sink();
    const m = sink();
    const resident = room.join({ identity: 'KSK-1', role: 'resident', ice, link: k.link });
    const mediator = room.join({ identity: 'med', role: 'mediator', displayName: '李', ice, link: m.link });
    const lastRoom = (f: RoomOutbound[]) => (f.filter((x) => x.t === 'room').at(-1) as { room: { selfId: string; peers: unknown[] } }).room;
    expect(lastRoom(k.frames)).toMatchObject({ selfId: resident.peerId, peers: [{ peerId: mediator.peerId, role: 'mediator', displayName: '李' }] });
    expect(lastRoom(m.frames)).toMatchObject({ selfId: mediator.peerId, peers: [{ peerId: resident.peerId, role: 'resident' }] });
    expect(room.relay('KSK-1', { peerId: mediator.peerId, candidate: null })).toBe(true);
    expect(m.frames.at(-1)).toEqual({ t: 'signal', signal: { callId: 'call-1', peerId: resident.peerId, candidate: null } });
    expect(room.relay('KSK-1', { peerId: resident.peerId, candidate: null })).toBe(false); // not to yourself
    expect(room.relay('KSK-1', { peerId: 'nobody-here', candidate: null })).toBe(false);
    expect(room.relay('stranger', { peerId: mediator.peerId, candidate: null })).toBe(false);
  });

  it('gives a rejoining participant a new peer id, so the others rebuild their link', () => {
    const room = new Room('call-2');
    const m = sink();
    const first = room.join({ identity: 'KSK-1', role: 'resident', ice, link: sink().link });
    room.join({ identity: 'med', role: 'mediator', ice, link: m.link });
    const again = room.join({ identity: 'KSK-1', role: 'resident', ice, link: sink().link });
    expect(again.peerId).not.toBe(first.peerId);
    expect(room.size).toBe(2);
    const view = (m.frames.filter((x) => x.t === 'room').at(-1) as { room: { peers: Array<{ peerId: string }> } }).room;
    expect(view.peers.map((p) => p.peerId)).toEqual([again.peerId]);
  });

  it("keeps each participant's own camera off: the others' views say so, their own too, a rejoin keeps it", () => {
    const room = new Room('call-4');
    const k = sink();
    const m = sink();
    const resident = room.join({ identity: 'KSK-1', role: 'resident', ice, link: k.link });
    const mediator = room.join({ identity: 'med', role: 'mediator', ice, link: m.link });
    const lastRoom = (f: RoomOutbound[]) => (f.filter((x) => x.t === 'room').at(-1) as Extract<RoomOutbound, { t: 'room' }>).room;
    expect(lastRoom(k.frames).peers[0]!.cameraOff).toBeUndefined();
    room.camera('med', true); // the mediator joined with the camera already off: no media says so
    expect(lastRoom(k.frames).peers).toMatchObject([{ peerId: mediator.peerId, cameraOff: true }]);
    expect(lastRoom(m.frames).selfCameraOff).toBe(true);
    expect(lastRoom(m.frames).peers[0]!.cameraOff).toBeUndefined();
    // Said again: nothing changes, nobody is told.
    const told = k.frames.length;
    room.camera('med', true);
    room.camera('stranger', true);
    expect(k.frames.length).toBe(told);
    // A full rejoin keeps it; on again, the others see it on.
    const again = room.join({ identity: 'med', role: 'mediator', ice, link: m.link });
    expect(lastRoom(k.frames).peers).toMatchObject([{ peerId: again.peerId, cameraOff: true }]);
    room.camera('med', false);
    expect(lastRoom(k.frames).peers[0]!.cameraOff).toBeUndefined();
    expect(lastRoom(m.frames).selfCameraOff).toBeUndefined();
    expect(lastRoom(m.frames).peers).toMatchObject([{ peerId: resident.peerId }]);
  });

  it('holds frames for a participant whose socket is gone and delivers them on return', () => {
    const room = new Room('call-3');
    const k = sink();
    const resident = room.join({ identity: 'KSK-1', role: 'resident', ice, link: k.link });
    const mediator = room.join({ identity: 'med', role: 'mediator', ice, link: sink().link });
    room.detach('KSK-1', k.link);
    for (let i = 0; i < MAX_HELD_FRAMES + 10; i++) room.relay('med', { peerId: resident.peerId, candidate: null });
    const back = sink();
    expect(room.attach('KSK-1', back.link)).toBe(true);
    expect(back.frames[0]).toMatchObject({ t: 'room', room: { selfId: resident.peerId, peers: [{ peerId: mediator.peerId }] } });
    expect(back.frames.filter((f) => f.t === 'signal')).toHaveLength(MAX_HELD_FRAMES);
    expect(room.attach('nobody', back.link)).toBe(false);
  });
});

describe('TURN credentials (coturn use-auth-secret)', () => {
  it('signs "expiry:who" with HMAC-SHA1 of the shared secret', () => {
    const now = new Date('2026-03-05T08:00:00Z');
    const c = turnCredential('s3cret-s3cret-s3cret', 'KSK:1', now, 3600);
    expect(c.username).toBe(`${now.getTime() / 1000 + 3600}:KSK_1`);
    expect(c.credential).toBe(createHmac('sha1', 's3cret-s3cret-s3cret').update(c.username).digest('base64'));
  });

  it('builds the ICE config and refuses configurations that cannot work', () => {
    const now = new Date();
    expect(iceConfigFor(undefined, 'x', now)).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
    const cfg = iceConfigFor({ stunUrls: ['stun:hub.example:3478'], turn: { urls: ['turn:hub.example:3478'], secret: 'x'.repeat(20) }, transportPolicy: 'relay' }, 'KSK-1', now);
    expect(cfg.iceTransportPolicy).toBe('relay');
    expect(cfg.iceServers[0]).toEqual({ urls: ['stun:hub.example:3478'] });
    expect(cfg.iceServers[1]).toMatchObject({ urls: ['turn:hub.example:3478'], username: expect.stringMatching(/^\d+:KSK-1$/) });
    expect(() => checkIceOptions({ transportPolicy: 'relay' })).toThrow(/relay/);
    expect(() => checkIceOptions({ turn: { urls: ['turn:a:3478'], secret: 'short' } })).toThrow(/secret/);
    expect(() => checkIceOptions({ stunUrls: ['http://not-stun'] })).toThrow(/STUN/);
    expect(() => checkIceOptions({ turn: { urls: ['turns:turn.court.example:5349?transport=tcp'], secret: 'x'.repeat(32) } })).not.toThrow();
  });
});
