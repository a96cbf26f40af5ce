import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_WEEKDAYS, ALWAYS, isScheduled, localTime, minuteOfDay, nextBoundary, nextInLoop, scheduledNow, volumeAt, type ItemSchedule, type VolumeSchedule } from '../../shared/schedule.js';

// The loop's schedule rules, on an injected clock: date ranges, weekdays, daily windows that
// wrap past midnight, the volume schedule, and the next boundary at which anything can change.

/** An instant given in Beijing time. */
const bj = (local: string) => Date.parse(`${local}+08:00`);
const at = (s: Partial<ItemSchedule>): ItemSchedule => ({ ...ALWAYS, ...s });
const win = (start: string, end: string) => ({ start, end });
// 2026-03-02 is a Monday.

describe('court time', () => {
  it('reads the instant in UTC+8 whatever the machine time zone', () => {
    expect(localTime(bj('2026-03-02T00:30:00'))).toEqual({ date: '2026-03-02', weekday: 1, msOfDay: 30 * 60_000 });
    expect(localTime(Date.parse('2026-03-01T16:00:00Z'))).toMatchObject({ date: '2026-03-02', weekday: 1, msOfDay: 0 });
    expect(localTime(bj('2026-03-08T23:59:59'))).toMatchObject({ date: '2026-03-08', weekday: 7 });
    expect(localTime(Date.parse('2026-03-02T00:30:00Z'), 0)).toMatchObject({ date: '2026-03-02', msOfDay: 30 * 60_000 });
  });

  it('parses clock times, 24:00 only as an end', () => {
    expect(minuteOfDay('00:00')).toBe(0);
    expect(minuteOfDay('08:30')).toBe(510);
    expect(minuteOfDay('23:59')).toBe(1439);
    expect(minuteOfDay('24:00')).toBe(1440);
    for (const bad of ['24:01', '8:30', '25:00', '12:60', '', 'noon']) expect(() => minuteOfDay(bad)).toThrow();
  });
});

describe('isScheduled', () => {
  it('always plays with no restrictions', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4e12 }), (t) => isScheduled(ALWAYS, t)));
  });

  it('honours the date range inclusively, in court time', () => {
    const s = at({ startDate: '2026-03-02', endDate: '2026-03-04' });
    expect(isScheduled(s, bj('2026-03-01T23:59:59'))).toBe(false);
    expect(isScheduled(s, bj('2026-03-02T00:00:00'))).toBe(true);
    expect(isScheduled(s, bj('2026-03-04T23:59:59'))).toBe(true);
    expect(isScheduled(s, bj('2026-03-05T00:00:00'))).toBe(false);
    // 2026-03-01T20:00Z is already 03-02 04:00 in Beijing.
    expect(isScheduled(s, Date.parse('2026-03-01T20:00:00Z'))).toBe(true);
    expect(isScheduled(at({ startDate: '2026-03-02', endDate: null }), bj('2030-01-01T12:00:00'))).toBe(true);
    expect(isScheduled(at({ startDate: null, endDate: '2026-03-02' }), bj('2020-01-01T12:00:00'))).toBe(true);
  });

  it('honours weekdays (ISO: Monday = 1, Sunday = 7)', () => {
    const weekend = at({ weekdays: [6, 7] });
    expect(isScheduled(weekend, bj('2026-03-06T12:00:00'))).toBe(false); // Friday
    expect(isScheduled(weekend, bj('2026-03-07T12:00:00'))).toBe(true); // Saturday
    expect(isScheduled(weekend, bj('2026-03-08T23:59:00'))).toBe(true); // Sunday
    expect(isScheduled(weekend, bj('2026-03-09T00:00:00'))).toBe(false); // Monday
  });

  it('honours a daily window: start inclusive, end exclusive', () => {
    const office = at({ window: win('08:30', '17:30') });
    expect(isScheduled(office, bj('2026-03-02T08:29:59.999'))).toBe(false);
    expect(isScheduled(office, bj('2026-03-02T08:30:00'))).toBe(true);
    expect(isScheduled(office, bj('2026-03-02T17:29:59.999'))).toBe(true);
    expect(isScheduled(office, bj('2026-03-02T17:30:00'))).toBe(false);
    expect(isScheduled(at({ window: win('18:00', '24:00') }), bj('2026-03-02T23:59:59.999'))).toBe(true);
  });

  it('wraps a window past midnight and gives its small hours to the day it started', () => {
    const fridayNight = at({ weekdays: [5], window: win('22:00', '02:00') });
    expect(isScheduled(fridayNight, bj('2026-03-06T21:59:59'))).toBe(false);
    expect(isScheduled(fridayNight, bj('2026-03-06T22:00:00'))).toBe(true); // Friday evening
    expect(isScheduled(fridayNight, bj('2026-03-07T01:59:59'))).toBe(true); // Saturday small hours: Friday's window
    expect(isScheduled(fridayNight, bj('2026-03-07T02:00:00'))).toBe(false);
    expect(isScheduled(fridayNight, bj('2026-03-06T01:00:00'))).toBe(false); // Friday small hours: Thursday's window
    // A date range ends with the night that started on its last day.
    const lastNight = at({ endDate: '2026-03-02', window: win('22:00', '06:00') });
    expect(isScheduled(lastNight, bj('2026-03-03T05:00:00'))).toBe(true);
    expect(isScheduled(lastNight, bj('2026-03-03T22:30:00'))).toBe(false);
    const firstNight = at({ startDate: '2026-03-02', window: win('22:00', '06:00') });
    expect(isScheduled(firstNight, bj('2026-03-02T05:00:00'))).toBe(false);
  });

  it('agrees with a brute-force reading of the rules at any instant', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const schedule = fc.record({
      startDate: fc.option(fc.constantFrom('2026-03-01', '2026-03-03', '2026-03-05'), { nil: null }),
      endDate: fc.option(fc.constantFrom('2026-03-04', '2026-03-06', '2026-03-09'), { nil: null }),
      weekdays: fc.subarray([...ALL_WEEKDAYS], { minLength: 1 }),
      window: fc.option(
        fc
          .tuple(time, time)
          .filter(([a, b]) => a !== b)
          .map(([start, end]) => ({ start, end })),
        { nil: null },
      ),
    });
    const instant = fc.integer({ min: bj('2026-02-27T00:00:00'), max: bj('2026-03-11T00:00:00') });
    fc.assert(
      fc.property(schedule, instant, (s, t) => {
        const dayOk = (date: string, weekday: number) => (s.startDate === null || date >= s.startDate) && (s.endDate === null || date <= s.endDate) && (s.weekdays as number[]).includes(weekday);
        const lt = localTime(t);
        const minute = lt.msOfDay / 60_000;
        let expected: boolean;
        if (!s.window) expected = dayOk(lt.date, lt.weekday);
        else {
          const a = minuteOfDay(s.window.start);
          const b = minuteOfDay(s.window.end);
          const y = localTime(t - 86_400_000);
          if (a < b) expected = minute >= a && minute < b && dayOk(lt.date, lt.weekday);
          else expected = (minute >= a && dayOk(lt.date, lt.weekday)) || (minute < b && dayOk(y.date, y.weekday));
        }
        expect(isScheduled(s, t)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('volumeAt', () => {
  const night: VolumeSchedule = {
    level: 0.8,
    windows: [
      { start: '21:00', end: '08:00', level: 0 },
      { start: '12:00', end: '14:00', level: 0.3 },
    ],
  };

  it('mutes at night, quietens at lunch, plays at the normal level otherwise', () => {
    expect(volumeAt(night, bj('2026-03-02T20:59:59'))).toBe(0.8);
    expect(volumeAt(night, bj('2026-03-02T21:00:00'))).toBe(0);
    expect(volumeAt(night, bj('2026-03-03T07:59:59'))).toBe(0);
    expect(volumeAt(night, bj('2026-03-03T08:00:00'))).toBe(0.8);
    expect(volumeAt(night, bj('2026-03-03T12:30:00'))).toBe(0.3);
    expect(volumeAt({ level: 0.5, windows: [] }, bj('2026-03-03T03:00:00'))).toBe(0.5);
  });

  it('the first matching window wins and levels are clamped to 0…1', () => {
    const overlapping: VolumeSchedule = {
      level: 2,
      windows: [
        { start: '10:00', end: '11:00', level: -1 },
        { start: '10:00', end: '12:00', level: 0.5 },
      ],
    };
    expect(volumeAt(overlapping, bj('2026-03-03T10:30:00'))).toBe(0);
    expect(volumeAt(overlapping, bj('2026-03-03T11:30:00'))).toBe(0.5);
    expect(volumeAt(overlapping, bj('2026-03-03T13:00:00'))).toBe(1);
  });
});

describe('nextBoundary', () => {
  it('is the next window edge or midnight, strictly after now', () => {
    const s = [at({ window: win('08:30', '17:30') })];
    expect(nextBoundary(s, null, bj('2026-03-02T07:00:00'))).toBe(bj('2026-03-02T08:30:00'));
    expect(nextBoundary(s, null, bj('2026-03-02T08:30:00'))).toBe(bj('2026-03-02T17:30:00'));
    expect(nextBoundary(s, null, bj('2026-03-02T18:00:00'))).toBe(bj('2026-03-03T00:00:00'));
    expect(nextBoundary([], { level: 1, windows: [{ start: '21:00', end: '08:00', level: 0 }] }, bj('2026-03-02T20:00:00'))).toBe(bj('2026-03-02T21:00:00'));
    expect(nextBoundary([], null, bj('2026-03-02T23:59:59.999'))).toBe(bj('2026-03-03T00:00:00'));
  });

  it('nothing changes between now and the next boundary (property)', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const schedule = fc.record({
      startDate: fc.option(fc.constantFrom('2026-03-02', '2026-03-04'), { nil: null }),
      endDate: fc.option(fc.constantFrom('2026-03-03', '2026-03-06'), { nil: null }),
      weekdays: fc.subarray([...ALL_WEEKDAYS], { minLength: 1 }),
      window: fc.option(
        fc
          .tuple(time, time)
          .filter(([a, b]) => a !== b)
          .map(([start, end]) => ({ start, end })),
        { nil: null },
      ),
    });
    const volume = fc.record({
      level: fc.constantFrom(0.2, 0.8),
      windows: fc.array(
        fc.tuple(time, time, fc.constantFrom(0, 0.5)).map(([start, end, level]) => ({ start, end, level })),
        { maxLength: 2 },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(schedule, { minLength: 1, maxLength: 3 }),
        volume,
        fc.integer({ min: bj('2026-03-01T00:00:00'), max: bj('2026-03-07T00:00:00') }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (schedules, vol, t, frac) => {
          const boundary = nextBoundary(schedules, vol, t);
          expect(boundary).toBeGreaterThan(t);
          expect(boundary - t).toBeLessThanOrEqual(86_400_000);
          const probe = t + Math.floor((boundary - 1 - t) * frac);
          for (const s of schedules) expect(isScheduled(s, probe)).toBe(isScheduled(s, t));
          expect(volumeAt(vol, probe)).toBe(volumeAt(vol, t));
          expect(isScheduled(schedules[0]!, boundary - 1)).toBe(isScheduled(schedules[0]!, t));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('loop order', () => {
  const item = (id: string, order: number, schedule: ItemSchedule = ALWAYS) => ({ id, order, schedule });
  const items = [item('c', 30), item('a', 10), item('b', 20), item('night', 25, at({ window: win('22:00', '06:00') }))];

  it('plays what is scheduled, in order, and wraps', () => {
    const day = scheduledNow(items, bj('2026-03-02T12:00:00'));
    expect(day.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(scheduledNow(items, bj('2026-03-02T23:00:00')).map((i) => i.id)).toEqual(['a', 'b', 'night', 'c']);
    expect(nextInLoop(day, null)?.id).toBe('a');
    expect(nextInLoop(day, day[0]!)?.id).toBe('b');
    expect(nextInLoop(day, day[2]!)?.id).toBe('a');
  });

  it('continues after an item that left the schedule, skips broken ones, and loops a single item', () => {
    const day = scheduledNow(items, bj('2026-03-02T12:00:00'));
    expect(nextInLoop(day, { id: 'night', order: 25 })?.id).toBe('c');
    expect(nextInLoop(day, day[0]!, (i) => i.id === 'b')?.id).toBe('c');
    expect(nextInLoop(day, null, () => true)).toBeNull();
    expect(nextInLoop([day[0]!], day[0]!)?.id).toBe('a');
    expect(scheduledNow([item('y', 5), item('x', 5)], 0).map((i) => i.id)).toEqual(['x', 'y']);
  });
});
