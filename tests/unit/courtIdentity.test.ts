import { describe, expect, it } from 'vitest';
import { courtClock } from '../../renderer/i18n/courtTime.js';
import { defaultCourtIdentity, loadCourtIdentity, readCourtIdentity } from '../../renderer/shell/courtIdentity.js';

describe("the court's identity on the terminal", () => {
  it('reads the configured name and emblem', () => {
    expect(readCourtIdentity({ name: { 'zh-CN': ' 兰州市七里河区人民法院 ', en: 'Qilihe Court' }, emblem: 'court/qilihe.png' })).toEqual({
      name: { 'zh-CN': '兰州市七里河区人民法院', en: 'Qilihe Court' },
      emblem: 'court/qilihe.png',
    });
  });

  it('falls back part by part: a missing name, an over-long one, an emblem outside the renderer', () => {
    const read = readCourtIdentity({ name: { 'zh-CN': 'x'.repeat(41) }, emblem: 'https://example.com/e.svg' });
    expect(read).toEqual(defaultCourtIdentity);
    expect(readCourtIdentity({ emblem: '../secret.svg' }).emblem).toBe(defaultCourtIdentity.emblem);
    expect(readCourtIdentity(null)).toEqual(defaultCourtIdentity);
  });

  it('an unreadable file leaves the defaults', async () => {
    await expect(loadCourtIdentity(() => Promise.reject(new Error('file://')))).resolves.toEqual(defaultCourtIdentity);
  });

  it("the clock shows the court's time (Beijing), whatever the machine's zone", () => {
    const at = new Date('2026-12-04T16:52:00Z'); // 00:52 on 5 December in Beijing
    expect(courtClock(at, 'zh-CN')).toEqual({ date: expect.stringContaining('12月5日'), time: '00:52' });
    expect(courtClock(at, 'en').date).toContain('5 December');
  });
});
