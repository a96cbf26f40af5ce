import { courtDay } from '../../shared/courtTime.js';

/** The period a page opens with: this year up to today (court time). */
export function defaultPeriod(): { from: string; to: string } {
  const today = courtDay(Date.now());
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}
