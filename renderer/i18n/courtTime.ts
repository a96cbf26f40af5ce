// Times a resident reads on the kiosk (submitted, received, updated) are the court's, Beijing
// time, in the reader's language — the same words the printed receipt carries.

import { COURT_TIME_ZONE } from '../../shared/courtTime.js';

const locales: Record<string, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

/** "2026年1月5日 17:41" / "5 January 2026 at 17:41"; an unreadable time is shown as given. */
export function courtDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language] ?? language, { dateStyle: 'long', timeStyle: 'short', timeZone: COURT_TIME_ZONE }).format(date);
}

/** The top bar's clock: "12月5日 星期六 08:58" / "Sat 5 December 08:58", court time. */
export function courtClock(date: Date, language: string): { date: string; time: string } {
  const locale = locales[language] ?? language;
  return {
    date: new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', weekday: 'short', timeZone: COURT_TIME_ZONE }).format(date),
    time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: COURT_TIME_ZONE }).format(date),
  };
}
