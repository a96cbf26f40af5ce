import { describe, expect, it } from 'vitest';
import { courtDateTime } from '../../renderer/i18n/courtTime.js';

describe('court time on the kiosk', () => {
  it("shows Beijing time in the reader's language, whatever the kiosk's zone", () => {
    const iso = '2026-01-05T09:41:00.000Z';
    expect(courtDateTime(iso, 'zh-CN')).toMatch(/2026年1月5日.*17:41/);
    expect(courtDateTime(iso, 'en')).toMatch(/5 January 2026.*17:41/);
    // Just before midnight UTC is already the next morning at the court.
    expect(courtDateTime('2026-01-05T23:30:00.000Z', 'en')).toMatch(/6 January 2026.*07:30/);
  });

  it('shows a time it cannot read as given', () => {
    expect(courtDateTime('not a time', 'en')).toBe('not a time');
  });
});
