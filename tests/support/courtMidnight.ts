import { setTimeout as pause } from 'node:timers/promises';
import { courtDay } from '../../shared/courtTime.js';

// A test that schedules "now" and then holds it, or types today's court date, must not straddle
// court midnight (16:00 UTC): the hub would see the session's day as tomorrow, or the date typed
// as yesterday. Such a block first waits until the court day cannot turn within its margin.

/** Whether a block starting at `at` and lasting at most `marginMs` stays within one court day. */
export const clearOfCourtMidnightAt = (at: number, marginMs: number): boolean => courtDay(at) === courtDay(at + marginMs);

/**
 * Waits (at most about `marginMs`) until the court day stays the same for the next `marginMs`.
 * A loop on the condition, not expect.poll: fixtures call it from beforeAll too.
 */
export async function clearOfCourtMidnight(marginMs: number): Promise<void> {
  const deadline = Date.now() + marginMs + 30_000;
  while (!clearOfCourtMidnightAt(Date.now(), marginMs)) {
    if (Date.now() > deadline) throw new Error(`court midnight did not pass within ${marginMs} ms`);
    await pause(250);
  }
}

/**
 * Runs `read` (a request that changes nothing) until it starts and ends on one court day, and
 * gives its answer with that day: what a page says in days is then checked against the day the
 * hub said it on, whenever court midnight falls.
 */
export async function onOneCourtDay<T>(read: () => Promise<T>): Promise<{ answer: T; day: string }> {
  for (;;) {
    const day = courtDay(Date.now());
    const answer = await read();
    if (courtDay(Date.now()) === day) return { answer, day };
  }
}

/**
 * Sends a write that names the present moment (a session scheduled for now) until the hub takes
 * it, or refuses it on one court day: a refusal only because court midnight fell between the
 * moment named and the hub's check (the day named is then yesterday) is sent again, at the new now.
 * Nothing was saved by such a refusal, so sending again doubles nothing.
 */
export async function nowOnOneCourtDay<T extends { status: number }>(send: (now: Date) => Promise<T>): Promise<T> {
  for (;;) {
    const day = courtDay(Date.now());
    const answer = await send(new Date());
    if (answer.status < 300 || courtDay(Date.now()) === day) return answer;
  }
}
