// The time limits courts work by, written once (DESIGN §8; REFERENCES "The court side"):
//   pre-litigation mediation   30 days from diversion; extendable once, by the parties' agreement
//                              (SPC opinions on entrusted mediation before filing);
//   judicial confirmation      applied for jointly within 30 days of the agreement taking effect
//                              (Civil Procedure Law 2023, Art. 205);
//   ruling on confirmation     within 15 days of accepting the application, extendable by 10 with
//                              the court president's approval (SPC interpretation).
// Periods are counted in calendar days the way Art. 85 counts them: the day the period starts is
// not counted, so a 30-day period from 2026-03-01 ends at the close of 2026-03-31 (court time).
// Statutory holidays that move a last day are not modelled: the hub has no holiday calendar, and
// a later last day only ever helps the parties; staff can extend where the law allows.

export const MEDIATION_DAYS = 30;
export const MEDIATION_EXTENSION_MAX_DAYS = 30;
export const MEDIATION_EXTENSIONS_ALLOWED = 1;
export const CONFIRMATION_APPLY_DAYS = 30;
export const RULING_DAYS = 15;
export const RULING_EXTENSION_DAYS = 10;
export const RULING_EXTENSIONS_ALLOWED = 1;

import { COURT_UTC_OFFSET_MINUTES, courtDay } from '../courtTime.js';

const DAY_MS = 86_400_000;
const COURT_OFFSET_MS = COURT_UTC_OFFSET_MINUTES * 60_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateToUtcMs(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date: ${date}`);
  return ms;
}

/** The court calendar date (UTC+8) of an instant. */
export function courtDateOf(at: Date): string {
  return courtDay(at.getTime());
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(dateToUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** The last day of a period of `days` that starts on `start` (the start day not counted). */
export function lastDayOfPeriod(start: string, days: number): string {
  return addDays(start, days);
}

/** The instant a period's last day ends: midnight after it, court time. */
export function endOfCourtDay(date: string): Date {
  return new Date(dateToUtcMs(date) + DAY_MS - COURT_OFFSET_MS);
}

export const mediationDueDate = (divertedOn: string): string => lastDayOfPeriod(divertedOn, MEDIATION_DAYS);
export const confirmationApplyBy = (agreementEffectiveOn: string): string => lastDayOfPeriod(agreementEffectiveOn, CONFIRMATION_APPLY_DAYS);
export const rulingDueDate = (acceptedOn: string): string => lastDayOfPeriod(acceptedOn, RULING_DAYS);

/** Past its last day on `today`? (On the last day itself a period is still running.) */
export function isOverdue(dueDate: string, today: string): boolean {
  return daysBetween(dueDate, today) > 0;
}

/**
 * A mediation session is arranged for today or a later court day, never for a day gone by (a
 * session that already took place is recorded as held, not scheduled). The API refuses it with
 * `errors.session.past`, which the console says in the clerk's language.
 */
export function sessionDayAllowed(startsAt: string, today: string): boolean {
  const at = Date.parse(startsAt);
  return Number.isFinite(at) && courtDay(at) >= today;
}

/**
 * A scheduled session is recorded as held once its start time has come, never before (the walk,
 * s17: a session arranged for 09:09 was recorded held at 08:59, and the timeline read as if it was
 * held before it began). The rules refuse it with SESSION_NOT_YET, naming the start in court time,
 * which the console says in the mediator's language. Parties who came early are mediated early;
 * the session is recorded once its time has come (a resident's call records its own session: see
 * server/rooms/callSessions.ts).
 */
export function sessionStarted(startsAt: string, now: string): boolean {
  return Date.parse(startsAt) <= Date.parse(now);
}

/** Days after today until the last day: 0 on the last day itself, negative once overdue. */
export function daysLeft(dueDate: string, today: string): number {
  return daysBetween(today, dueDate);
}
