import { describe, expect, it } from 'vitest';
import { heartbeatAge } from '../../shared/terminals/heartbeatAge.js';

// How long ago a terminal was last heard from, as the console's terminal list says it beside the court time.

const at = '2026-12-06T07:00:00.000Z';
const after = (ms: number) => Date.parse(at) + ms;
const said = (now: number, lang: 'zh' | 'en') => {
  const age = heartbeatAge(at, now);
  return age.words[lang].replace('{n}', String(age.n));
};

describe('heartbeat age', () => {
  it('just now under a minute, and for a clock a little ahead', () => {
    expect(said(after(59_999), 'zh')).toBe('刚刚');
    expect(said(after(-5_000), 'en')).toBe('just now');
  });

  it('whole minutes under an hour, whole hours under a day, then days', () => {
    expect(said(after(3 * 60_000 + 59_000), 'zh')).toBe('3 分钟前');
    expect(said(after(3 * 60_000), 'en')).toBe('3 min ago');
    expect(said(after(59 * 60_000 + 59_999), 'en')).toBe('59 min ago');
    expect(said(after(60 * 60_000), 'zh')).toBe('1 小时前');
    expect(said(after(23 * 3_600_000 + 3_599_999), 'en')).toBe('23 h ago');
    expect(said(after(24 * 3_600_000), 'en')).toBe('1 day ago');
    expect(said(after(3 * 24 * 3_600_000), 'zh')).toBe('3 天前');
    expect(said(after(3 * 24 * 3_600_000), 'en')).toBe('3 days ago');
  });
});
