import { describe, expect, it } from 'vitest';
import { indicatorKeys, type IndicatorKey } from '../../shared/dashboard/indicators.js';
import { demoFigureLines } from '../../server/demo/demoFigures.js';

// `npm run demo:data` prints each figure under the period it is counted over: the article's
// half-year for the period's figures, today for the open cases (awaiting the decision, overdue),
// which the half-year's block used to carry as if that half-year had them.

describe('the demo’s printed figures', () => {
  it('says today’s open cases under today, not in the seed’s half-year', () => {
    const values = Object.fromEntries(indicatorKeys.map((k) => [k, 1])) as Record<IndicatorKey, number>;
    const lines = demoFigureLines({ from: '2025-12-08', to: '2026-06-07' }, '2026-12-07', { ...values, received: 17_377, awaiting_decision: 133, overdue_mediations: 4 });
    const todayAt = lines.findIndex((l) => l.startsWith('today 2026-12-07'));
    expect(lines[0]).toBe("the seed's half-year 2025-12-08 … 2026-06-07:");
    expect(todayAt).toBeGreaterThan(0);
    const half = lines.slice(1, todayAt).map((l) => l.trim().split(/\s+/)[0]);
    const today = lines.slice(todayAt + 1).map((l) => l.trim().split(/\s+/)[0]);
    expect(today).toEqual(['overdue_mediations', 'awaiting_decision']);
    expect(half).toContain('received');
    expect(half).not.toContain('awaiting_decision');
    expect(half).not.toContain('overdue_mediations');
    // every figure printed once
    expect([...half, ...today].sort()).toEqual([...indicatorKeys].sort());
    expect(lines.find((l) => l.includes('awaiting_decision'))).toMatch(/133$/);
    expect(lines.find((l) => l.includes(' received'))).toMatch(/17,377$/);
  });
});
