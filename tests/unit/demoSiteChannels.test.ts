import { describe, expect, it } from 'vitest';
import { channelAt, channelMix } from '../../server/demo/siteChannels.js';

// The demo's channels other than the counter's share of the diverted vary by the kind of site: a
// filing window ("at the court") in the court's hall and at a tribunal only, the counter most at a
// grid point. The same mix at every site (three in ten "at the court" at a village grid point) was
// what the walk's president questioned.

/** The share of each channel over draws spread evenly through [0, 1). */
function shares(kind: keyof typeof channelMix, diverted: boolean): Record<string, number> {
  const n = 1000;
  const out: Record<string, number> = { kiosk: 0, counter: 0, court: 0 };
  for (let i = 0; i < n; i++) out[channelAt(kind, diverted, false, (i + 0.5) / n)]! += 1 / n;
  return out;
}

describe('the demo’s channels by kind of site', () => {
  it('keeps the counter’s own draw for a diverted dispute', () => {
    for (const kind of ['court', 'tribunal', 'centre', 'grid'] as const) expect(channelAt(kind, true, true, 0.99)).toBe('counter');
  });

  it('files “at the court” only where there is a court window', () => {
    expect(shares('court', false).court).toBeCloseTo(0.6, 2);
    expect(shares('tribunal', true).court).toBeCloseTo(0.5, 2);
    for (const kind of ['centre', 'grid'] as const) {
      expect(shares(kind, false).court, kind).toBe(0);
      // a diverted dispute not entered at the counter came in at the kiosk: there is nothing else there
      expect(shares(kind, true).kiosk).toBeCloseTo(1, 9);
    }
  });

  it('leans on the counter at a grid point, on the window in the court’s hall', () => {
    const grid = shares('grid', false);
    const centre = shares('centre', false);
    const hall = shares('court', false);
    expect(grid.counter).toBeGreaterThan(centre.counter!);
    expect(centre.counter).toBeGreaterThan(hall.counter!);
    expect(grid.counter).toBeCloseTo(0.8, 2);
    expect(hall.counter).toBeCloseTo(0.1, 2);
  });
});
