import type { Words } from '../cases/caseLabels.js';

// How long ago a terminal was last heard from, in words a clerk reads at a glance beside the
// court time ("3 分钟前" / "3 min ago"): whole minutes under an hour, whole hours under a day, then
// whole days; under a minute (or a clock a little ahead) is "just now". Pure: the caller gives now.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface AgeWords {
  words: Words;
  /** The number the words' `{n}` stands for. */
  n: number;
}

export function heartbeatAge(at: string, now: number): AgeWords {
  const elapsed = now - Date.parse(at);
  if (!(elapsed >= MINUTE)) return { words: { zh: '刚刚', en: 'just now' }, n: 0 };
  if (elapsed < HOUR) return { words: { zh: '{n} 分钟前', en: '{n} min ago' }, n: Math.floor(elapsed / MINUTE) };
  if (elapsed < DAY) return { words: { zh: '{n} 小时前', en: '{n} h ago' }, n: Math.floor(elapsed / HOUR) };
  const n = Math.floor(elapsed / DAY);
  return { words: { zh: '{n} 天前', en: n === 1 ? '1 day ago' : '{n} days ago' }, n };
}
