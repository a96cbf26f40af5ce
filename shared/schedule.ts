// When a legal-education item may play and how loud: pure functions of a schedule and an
// instant, no I/O and no ambient clock, so every rule can be tested at any moment of any day.
//
// Times are the court's wall-clock time (shared/courtTime.ts), with the offset the playlist's
// settings name. A kiosk whose operating system is set to the wrong time zone still follows the
// court's schedule.
//
// A daily window that wraps past midnight (22:00–02:00) belongs to the day it starts on: with
// weekdays [Friday] it plays Friday 22:00 to Saturday 02:00, and not Friday 00:00–02:00.

import { COURT_UTC_OFFSET_MINUTES, courtDay, courtWallClock } from './courtTime.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** 'HH:MM' in 24-hour time; '24:00' is allowed as a window's end. */
export type ClockTime = string;
/** 'YYYY-MM-DD' in court time. */
export type LocalDate = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DailyWindow {
  start: ClockTime;
  end: ClockTime;
}

export interface ItemSchedule {
  /** First day it may play (inclusive), or null for no start. */
  startDate: LocalDate | null;
  /** Last day it may play (inclusive), or null for no end. */
  endDate: LocalDate | null;
  weekdays: readonly number[];
  /** Daily hours, or null for all day. */
  window: DailyWindow | null;
}

export interface VolumeWindow extends DailyWindow {
  /** 0 (silent) … 1 (full). */
  level: number;
}

export interface VolumeSchedule {
  /** Level outside every window. */
  level: number;
  /** First matching window wins (e.g. 21:00–08:00 at 0: muted at night). */
  windows: readonly VolumeWindow[];
}

export const ALL_WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
export const ALWAYS: ItemSchedule = { startDate: null, endDate: null, weekdays: ALL_WEEKDAYS, window: null };

const CLOCK_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export function isClockTime(value: string): boolean {
  return CLOCK_TIME.test(value);
}

/** Minutes after midnight of 'HH:MM' (0 … 1440). Throws on anything else: schemas check first. */
export function minuteOfDay(time: ClockTime): number {
  const m = CLOCK_TIME.exec(time);
  if (!m) throw new Error(`Not a clock time: ${time}`);
  return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** Court wall-clock reading of an instant. */
export interface LocalTime {
  date: LocalDate;
  weekday: Weekday;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

export function localTime(instant: number, offsetMinutes = COURT_UTC_OFFSET_MINUTES): LocalTime {
  const shifted = courtWallClock(instant, offsetMinutes);
  const day = shifted.getUTCDay(); // 0 = Sunday
  const msOfDay = shifted.getTime() - Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
  return { date: courtDay(instant, offsetMinutes), weekday: (day === 0 ? 7 : day) as Weekday, msOfDay };
}

function previousDay(t: LocalTime): { date: LocalDate; weekday: Weekday } {
  const d = new Date(Date.parse(`${t.date}T00:00:00Z`) - DAY_MS);
  return { date: d.toISOString().slice(0, 10), weekday: (t.weekday === 1 ? 7 : t.weekday - 1) as Weekday };
}

function dayAllowed(s: ItemSchedule, date: LocalDate, weekday: Weekday): boolean {
  if (s.startDate !== null && date < s.startDate) return false;
  if (s.endDate !== null && date > s.endDate) return false;
  return s.weekdays.includes(weekday);
}

/**
 * Where `msOfDay` falls relative to a window: 'today' inside a window that started today,
 * 'yesterday' in the after-midnight part of a window that started the day before, else null.
 */
function windowPart(window: DailyWindow, msOfDay: number): 'today' | 'yesterday' | null {
  const start = minuteOfDay(window.start) * MINUTE_MS;
  const end = minuteOfDay(window.end) * MINUTE_MS;
  if (start < end) return msOfDay >= start && msOfDay < end ? 'today' : null;
  if (start === end) return 'today'; // a 24-hour window (schemas refuse it; treated as all day)
  if (msOfDay >= start) return 'today';
  return msOfDay < end ? 'yesterday' : null;
}

/** May an item with this schedule play at `instant`? */
export function isScheduled(schedule: ItemSchedule, instant: number, offsetMinutes = COURT_UTC_OFFSET_MINUTES): boolean {
  const t = localTime(instant, offsetMinutes);
  if (schedule.window === null) return dayAllowed(schedule, t.date, t.weekday);
  const part = windowPart(schedule.window, t.msOfDay);
  if (part === null) return false;
  if (part === 'today') return dayAllowed(schedule, t.date, t.weekday);
  const y = previousDay(t);
  return dayAllowed(schedule, y.date, y.weekday);
}

/** The volume level (0…1) at `instant`. */
export function volumeAt(volume: VolumeSchedule, instant: number, offsetMinutes = COURT_UTC_OFFSET_MINUTES): number {
  const { msOfDay } = localTime(instant, offsetMinutes);
  const hit = volume.windows.find((w) => windowPart(w, msOfDay) !== null);
  return clampLevel(hit ? hit.level : volume.level);
}

function clampLevel(level: number): number {
  return Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0;
}

/**
 * The first instant after `instant` at which any of these schedules or the volume schedule may
 * change its answer: local midnight, or any window's start or end. Between two boundaries every
 * answer of `isScheduled` and `volumeAt` is constant, so a player re-evaluates exactly then.
 */
export function nextBoundary(schedules: readonly ItemSchedule[], volume: VolumeSchedule | null, instant: number, offsetMinutes = COURT_UTC_OFFSET_MINUTES): number {
  const minutes = new Set<number>([0]);
  const add = (w: DailyWindow) => {
    minutes.add(minuteOfDay(w.start) % 1440);
    minutes.add(minuteOfDay(w.end) % 1440);
  };
  for (const s of schedules) if (s.window) add(s.window);
  for (const w of volume?.windows ?? []) add(w);
  const { msOfDay } = localTime(instant, offsetMinutes);
  let best = DAY_MS;
  for (const m of minutes) {
    let delta = m * MINUTE_MS - msOfDay;
    if (delta <= 0) delta += DAY_MS;
    best = Math.min(best, delta);
  }
  return instant + best;
}

export interface Orderable {
  id: string;
  order: number;
  schedule: ItemSchedule;
}

/** The items that may play at `instant`, in playing order (order, then id for a stable tie-break). */
export function scheduledNow<T extends Orderable>(items: readonly T[], instant: number, offsetMinutes = COURT_UTC_OFFSET_MINUTES): T[] {
  return items.filter((i) => isScheduled(i.schedule, instant, offsetMinutes)).sort(compareOrder);
}

export function compareOrder(a: { order: number; id: string }, b: { order: number; id: string }): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * What plays after `currentId` among `playable` (already in order): the first item ordered after
 * it, wrapping to the start. An item that left the schedule, or a null current, still has a
 * well-defined successor, so a playlist that changes mid-loop never restarts from the top.
 */
export function nextInLoop<T extends { id: string; order: number }>(playable: readonly T[], current: { id: string; order: number } | null, skip: (item: T) => boolean = () => false): T | null {
  const candidates = playable.filter((i) => !skip(i));
  if (candidates.length === 0) return null;
  if (current === null) return candidates[0]!;
  return candidates.find((i) => compareOrder(i, current) > 0) ?? candidates[0]!;
}
