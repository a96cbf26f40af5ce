import { describe, expect, it } from 'vitest';
import { LinkRecovery, type RecoveryTiming, type Timers } from '../../renderer/webrtc/linkRecovery.js';
import { isPolite } from '../../renderer/webrtc/peerLink.js';

/** A manual clock: `advance(ms)` fires what is due. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => (due.set(++seq, { at: now + ms, fn }), seq),
    clear: (h) => void due.delete(h as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      now = next[1].at;
      due.delete(next[0]);
      next[1].fn();
    }
    now = until;
  };
  return { timers, advance };
}

const timing: RecoveryTiming = { connectTimeoutMs: 10_000, disconnectGraceMs: 2_000, restartTimeoutMs: 5_000, maxRejoins: 2 };

function setup() {
  const log: string[] = [];
  const clock = fakeTimers();
  const r = new LinkRecovery({ restartIce: () => log.push('restartIce'), rejoin: () => log.push('rejoin'), giveUp: () => log.push('giveUp') }, timing, clock.timers);
  r.linkStarted();
  return { r, log, advance: clock.advance };
}

describe('link recovery: ICE restart first, then a full rejoin, then give up', () => {
  it('lets a short "disconnected" heal by itself', () => {
    const { r, log, advance } = setup();
    r.onState('connected');
    r.onState('disconnected');
    expect(r.current).toBe('waiting');
    advance(1_500);
    r.onState('connected');
    advance(10_000);
    expect(log).toEqual([]);
    expect(r.current).toBe('healthy');
  });

  it('restarts ICE after the grace period, and rejoins when that does not help', () => {
    const { r, log, advance } = setup();
    r.onState('connected');
    r.onState('disconnected');
    advance(2_000);
    expect(log).toEqual(['restartIce']);
    expect(r.current).toBe('restarting');
    advance(5_000);
    expect(log).toEqual(['restartIce', 'rejoin']);
    r.linkStarted();
    r.onState('connected');
    expect(r.current).toBe('healthy');
  });

  it('restarts ICE at once on "failed", and a failed restart rejoins', () => {
    const { r, log } = setup();
    r.onState('connected');
    r.onState('failed');
    expect(log).toEqual(['restartIce']);
    r.onState('failed');
    expect(log).toEqual(['restartIce', 'rejoin']);
  });

  it('rejoins a link that never connects, and gives up after the allowed rejoins', () => {
    const { r, log, advance } = setup();
    advance(10_000);
    expect(log).toEqual(['rejoin']);
    r.linkStarted();
    advance(10_000);
    r.linkStarted();
    advance(10_000);
    expect(log).toEqual(['rejoin', 'rejoin', 'giveUp']);
    expect(r.current).toBe('failed');
    r.onState('connected');
    expect(r.current).toBe('failed');
  });

  it('counts rejoins per episode: a healthy link earns a fresh allowance', () => {
    const { r, log, advance } = setup();
    advance(10_000);
    r.linkStarted();
    r.onState('connected');
    r.onState('failed');
    r.onState('failed');
    r.linkStarted();
    advance(10_000);
    expect(log).toEqual(['rejoin', 'restartIce', 'rejoin', 'rejoin']);
    expect(r.current).toBe('rejoining');
  });

  it('shows a replaced link (the other side rejoined) as reconnecting', () => {
    const { r } = setup();
    r.onState('connected');
    r.linkStarted();
    expect(r.current).toBe('rejoining');
  });
});

describe('politeness', () => {
  it('makes the kiosk the polite side, and between equals the lower peer id', () => {
    expect(isPolite({ peerId: 'b', role: 'resident' }, { peerId: 'a', role: 'mediator' })).toBe(true);
    expect(isPolite({ peerId: 'a', role: 'mediator' }, { peerId: 'b', role: 'resident' })).toBe(false);
    expect(isPolite({ peerId: 'a', role: 'mediator' }, { peerId: 'b', role: 'mediator' })).toBe(true);
    expect(isPolite({ peerId: 'b', role: 'mediator' }, { peerId: 'a', role: 'mediator' })).toBe(false);
  });
});
