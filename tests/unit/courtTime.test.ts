import { describe, expect, it } from 'vitest';
import { courtDay, courtTime, courtYear } from '../../shared/courtTime.js';

// Court time is UTC+8 all year, read from the instant and never from the machine's time zone.

describe('court time', () => {
  it('turns the day and the year at midnight in Beijing, not in UTC', () => {
    expect(courtDay(Date.parse('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(courtDay(Date.parse('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(courtYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(courtYear(Date.parse('2026-12-31T16:00:00.000Z'))).toBe(2027);
    expect(courtDay(Date.parse('2026-03-02T00:30:00Z'), 0)).toBe('2026-03-02');
  });

  it('shows an instant to the second, to the minute or as a clock; other text as it is', () => {
    const iso = '2026-03-05T06:03:22.500Z';
    expect(courtTime(iso, 'second')).toBe('2026-03-05 14:03:22');
    expect(courtTime(iso)).toBe('2026-03-05 14:03');
    expect(courtTime(iso, 'clock')).toBe('14:03');
    // the dashboards' "updated at": 13:43:23 UTC is 21:43:23 at the court
    expect(courtTime('2026-12-05T13:43:23.000Z', 'clockSecond')).toBe('21:43:23');
    expect(courtTime('2026-06-30T20:00:00+02:00', 'second')).toBe('2026-07-01 02:00:00');
    expect(courtTime('not a time', 'clock')).toBe('not a time');
  });
});
