import { describe, expect, it } from 'vitest';
import { disputeLabels } from '../../shared/disputeLabels.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { otherTypesName } from '../../server/dashboard-app/texts.js';
import { trendLines } from '../../server/dashboard-app/trendsPanel.js';
import { typeSlices } from '../../server/dashboard-app/wallView.js';

// The dispute types as the dashboard's charts name them: the remaining types summed are never
// called "其他", which is the dispute type 其他 (the walk read the biggest line, "其他", as that
// type), and the wall's ring labels every slice (thirteen slices in seven colours left six unnamed).
// The rest is named one way on both charts, with how many types it holds; a rest of one is that type.

/** The demo court's mix: every type, the type 其他 smallest. */
const mix = disputeTypes.map((key, i) => ({ key, n: 100 - i * 7 }));

describe('the trend chart’s lines', () => {
  it('names the rest as the wall’s ring does, “其余7类”, apart from the type 其他', () => {
    const zh = trendLines(
      mix.map((m) => ({ key: m.key, counts: [m.n] })),
      'zh',
    );
    expect(zh).toHaveLength(7);
    expect(zh.at(-1)!.name).toBe('其余7类');
    expect(zh.at(-1)!.counts[0]).toBe(mix.slice(6).reduce((s, m) => s + m.n, 0));
    expect(
      trendLines(
        mix.map((m) => ({ key: m.key, counts: [m.n] })),
        'en',
      ).at(-1)!.name,
    ).toBe('7 other types');
    // the type 其他 among the biggest keeps its own name beside the rest's
    const otherBig = trendLines([{ key: 'other', counts: [500] }, ...mix.filter((m) => m.key !== 'other').map((m) => ({ key: m.key, counts: [m.n] }))], 'zh');
    expect(otherBig.map((l) => l.name)).toContain('其他');
    expect(new Set(otherBig.map((l) => l.name)).size).toBe(otherBig.length);
  });
});

describe('the wall’s dispute-type ring', () => {
  it('has one slice for each of the biggest six and one for the rest that says how many types it holds', () => {
    const slices = typeSlices(
      mix.map((m) => ({ key: m.key, values: { received: m.n } })),
      'zh',
    );
    expect(slices).toHaveLength(7);
    expect(slices.at(-1)).toEqual({ name: '其余7类', received: mix.slice(6).reduce((s, m) => s + m.n, 0) });
    expect(slices.reduce((s, x) => s + x.received, 0)).toBe(mix.reduce((s, m) => s + m.n, 0));
    expect(
      typeSlices(
        mix.map((m) => ({ key: m.key, values: { received: m.n } })),
        'en',
      ).at(-1)!.name,
    ).toBe('7 other types');
  });

  it('draws the seventh of exactly seven types as itself, never “其余1类”', () => {
    const seven = mix.slice(0, 7).map((m) => ({ key: m.key, values: { received: m.n } }));
    for (const lang of ['zh', 'en'] as const) {
      const slices = typeSlices(seven, lang);
      expect(slices).toHaveLength(7);
      expect(slices.at(-1)!.received).toBe(mix[6]!.n);
      expect(slices.map((s) => s.name)).not.toContain(otherTypesName(1, lang));
    }
    expect(typeSlices(seven, 'zh').at(-1)!.name).toBe(disputeLabels[mix[6]!.key].zh);
    // the trend chart's lines keep the same rule
    expect(
      trendLines(
        seven.map((s) => ({ key: s.key, counts: [s.values.received] })),
        'en',
      ),
    ).toHaveLength(7);
    expect(
      trendLines(
        seven.map((s) => ({ key: s.key, counts: [s.values.received] })),
        'en',
      ).every((l) => l.key !== null),
    ).toBe(true);
    // eight types: the two smallest as one slice, named in the plural
    const eight = mix.slice(0, 8).map((m) => ({ key: m.key, values: { received: m.n } }));
    expect(typeSlices(eight, 'zh').at(-1)).toEqual({ name: '其余2类', received: mix[6]!.n + mix[7]!.n });
    expect(typeSlices(eight, 'en').at(-1)!.name).toBe('2 other types');
  });

  it('says the rest in one rule with its plural', () => {
    expect([otherTypesName(1, 'en'), otherTypesName(2, 'en'), otherTypesName(1, 'zh'), otherTypesName(7, 'zh')]).toEqual(['1 other type', '2 other types', '其余1类', '其余7类']);
  });

  it('has a slice per type when they are few, and none for a type with nothing', () => {
    const slices = typeSlices(
      [
        { key: 'private_loan', values: { received: 2 } },
        { key: 'family', values: { received: 0 } },
      ],
      'zh',
    );
    expect(slices).toEqual([{ name: '民间借贷', received: 2 }]);
  });
});
