import { describe, expect, it } from 'vitest';
import { activeSpeaker, SPEAKING_LEVEL, TAKEOVER_RATIO } from '../../renderer/webrtc/activeSpeaker.js';

const levels = (o: Record<string, number>) => new Map(Object.entries(o));

describe('active speaker (mesh path)', () => {
  it('is nobody while everyone is below the speaking level', () => {
    expect(activeSpeaker(levels({ a: SPEAKING_LEVEL / 2, b: 0 }), null)).toBeNull();
    expect(activeSpeaker(levels({}), 'a')).toBeNull();
  });

  it('is the loudest voice above the speaking level', () => {
    expect(activeSpeaker(levels({ a: 0.1, b: 0.3, c: 0.2 }), null)).toBe('b');
  });

  it('keeps the current speaker until someone is clearly louder', () => {
    expect(activeSpeaker(levels({ a: 0.2, b: 0.2 * TAKEOVER_RATIO * 0.9 }), 'a')).toBe('a');
    expect(activeSpeaker(levels({ a: 0.2, b: 0.2 * TAKEOVER_RATIO * 1.1 }), 'a')).toBe('b');
  });

  it('hands over as soon as the current speaker falls silent, or has left', () => {
    expect(activeSpeaker(levels({ a: 0, b: 0.05 }), 'a')).toBe('b');
    expect(activeSpeaker(levels({ b: 0.05 }), 'a')).toBe('b');
  });
});
