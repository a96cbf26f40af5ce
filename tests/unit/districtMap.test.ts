import { describe, expect, it } from 'vitest';
import { districtMapOption, namesHeld, spreadCircles, type Circle } from '../../server/dashboard-app/districtMap.js';
import type { DirectoryAnswer } from '../../shared/dashboard/api.js';
import { barRowsHeld } from '../../server/dashboard-app/wallView.js';

// The wall's map: sites that lie close together keep their circles apart, and the names' column
// names as many sites as it holds, the most disputes first, and says so; the by-site bars show as
// many sites as fit one under another.

const overlapping = (cs: readonly Circle[]) => cs.flatMap((a, i) => cs.slice(i + 1).filter((b) => Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r));

describe('the circles on the district map', () => {
  it('moves apart circles that overlap, by little, inside the box; leaves apart ones where they are', () => {
    const box = { width: 400, height: 400 };
    const close = [
      { x: 200, y: 200, r: 30 },
      { x: 210, y: 205, r: 20 },
      { x: 200, y: 200, r: 10 }, // on the very same spot as the first
      { x: 50, y: 350, r: 10 },
    ];
    expect(overlapping(close).length).toBeGreaterThan(0);
    const spread = spreadCircles(close, box);
    expect(overlapping(spread)).toEqual([]);
    for (const c of spread) {
      expect(c.x - c.r).toBeGreaterThanOrEqual(0);
      expect(c.y + c.r).toBeLessThanOrEqual(box.height);
    }
    expect(spread[3]).toEqual(close[3]); // not in the way: not moved
    expect(Math.hypot(spread[0]!.x - 200, spread[0]!.y - 200)).toBeLessThan(60);
    // the same sites draw the same map
    expect(spreadCircles(close, box)).toEqual(spread);
  });

  it('names as many sites as the column holds, the most disputes first, and says how many', () => {
    const n = 20;
    const dir = { sites: Array.from({ length: n }, (_, i) => ({ siteId: `s${i}`, name: `站点${i}`, mapX: 0.3 + (i % 4) * 0.01, mapY: 0.3 + i * 0.02 })) } as unknown as DirectoryAnswer;
    const points = dir.sites.map((s, i) => ({ siteId: s.siteId, name: s.name, value: i + 1 }));
    const size = { width: 880, height: 400 };
    const held = namesHeld(400 - 8, 20);
    expect(held).toBeLessThan(n);
    const map = districtMapOption(dir, points, { fontSize: 20, maxSymbol: 64, colour: '#123', size });
    expect(map).toMatchObject({ placed: n, named: held });
    const [, named, unnamed] = (map.option as { dataset: Array<{ source: unknown[][] }> }).dataset;
    expect(named!.source.map((r) => r[3])).toEqual(Array.from({ length: held }, (_, i) => `站点${n - 1 - i}`).sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))));
    expect(unnamed!.source).toHaveLength(n - held);
    // a few sites: every one named
    expect(districtMapOption(dir, points.slice(0, 3), { fontSize: 20, maxSymbol: 64, colour: '#123', size })).toMatchObject({ placed: 3, named: 3 });
  });

  it('names no site with no dispute: a period before the records is not seven sites of 0', () => {
    const dir = { sites: Array.from({ length: 20 }, (_, i) => ({ siteId: `s${i}`, name: `站点${i}`, mapX: 0.3 + (i % 4) * 0.01, mapY: 0.3 + i * 0.02 })) } as unknown as DirectoryAnswer;
    const size = { width: 880, height: 400 };
    const none = districtMapOption(
      dir,
      dir.sites.map((s) => ({ siteId: s.siteId, name: s.name, value: 0 })),
      { fontSize: 20, maxSymbol: 64, colour: '#123', size },
    );
    expect(none).toMatchObject({ placed: 20, named: 0 });
    const two = districtMapOption(
      dir,
      dir.sites.map((s, i) => ({ siteId: s.siteId, name: s.name, value: i < 2 ? 5 : 0 })),
      { fontSize: 20, maxSymbol: 64, colour: '#123', size },
    );
    expect(two).toMatchObject({ placed: 20, named: 2 });
  });
});

describe('the by-site bars', () => {
  it('show as many sites as fit one under another, at most 8, at least 3', () => {
    // 1920×1080: the panel's chart about 250 px high, names at 20 px
    expect(barRowsHeld(250, 20)).toBe(6);
    expect(barRowsHeld(400, 20)).toBe(8);
    // 1366×768: names at 14 px in about 170 px, where 8 rows ran into each other
    expect(barRowsHeld(170, 14)).toBe(5);
    expect(barRowsHeld(60, 14)).toBe(3);
  });
});
