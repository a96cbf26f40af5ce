import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearOfCourtMidnightAt, nowOnOneCourtDay } from '../support/courtMidnight.js';

// The condition date-sensitive tests wait for: no court midnight (16:00 UTC) within the margin.

describe('clear of court midnight', () => {
  const at = (iso: string) => Date.parse(iso);
  it('holds when the margin ends before court midnight, or starts after it', () => {
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:59:54.000Z'), 5_000)).toBe(true);
    expect(clearOfCourtMidnightAt(at('2026-12-06T16:00:00.000Z'), 5_000)).toBe(true);
    expect(clearOfCourtMidnightAt(at('2026-12-06T08:00:00.000Z'), 120_000)).toBe(true);
  });
  it('fails when court midnight falls within the margin', () => {
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:59:55.000Z'), 5_000)).toBe(false);
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:59:59.999Z'), 5_000)).toBe(false);
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:58:30.000Z'), 120_000)).toBe(false);
    // UTC midnight is not the court's: nothing turns there
    expect(clearOfCourtMidnightAt(at('2026-12-06T23:59:58.000Z'), 5_000)).toBe(true);
  });
});

describe('a write naming now, on one court day', () => {
  afterEach(() => vi.useRealTimers());
  it('is sent again when court midnight fell between the moment named and the answer, at the new now', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-06T15:59:59.990Z'));
    const sent: string[] = [];
    const answer = await nowOnOneCourtDay(async (now) => {
      sent.push(now.toISOString());
      vi.setSystemTime(now.getTime() + 20); // the hub checks 20 ms later
      return { status: sent.length === 1 ? 400 : 201 };
    });
    expect(answer.status).toBe(201);
    expect(sent).toEqual(['2026-12-06T15:59:59.990Z', '2026-12-06T16:00:00.010Z']);
  });
  it('gives a refusal on one court day as it came, and a success as it came, sent once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-06T10:00:00.000Z'));
    let sends = 0;
    const answering = (status: number, took: number) => async (now: Date) => {
      sends += 1;
      vi.setSystemTime(now.getTime() + took);
      return { status };
    };
    expect(await nowOnOneCourtDay(answering(400, 20))).toEqual({ status: 400 });
    expect(sends).toBe(1);
    // taken across court midnight: kept, never sent twice (the session's day then has passed, not its holding)
    vi.setSystemTime(Date.parse('2026-12-06T15:59:59.990Z'));
    expect(await nowOnOneCourtDay(answering(201, 20))).toEqual({ status: 201 });
    expect(sends).toBe(2);
  });
});
