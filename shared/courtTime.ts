// Court time. Chinese courts keep China Standard Time: UTC+8 all year, no daylight saving. A
// court day, a court year (case-number sequences restart with it) and every time shown to staff
// or residents are read here from the instant, never from the machine's time zone: a kiosk's
// operating system may be set to the wrong zone, and a hub server often runs in UTC.

export const COURT_UTC_OFFSET_MINUTES = 480;
/** The same zone by its IANA name, for Intl formatting in the reader's language. */
export const COURT_TIME_ZONE = 'Asia/Shanghai';

/**
 * A Date whose UTC fields read the court's wall clock at `instant`. `offsetMinutes` is the court's
 * unless a setting names another (the playlist keeps its own, defaulting to this one).
 */
export function courtWallClock(instant: number, offsetMinutes = COURT_UTC_OFFSET_MINUTES): Date {
  return new Date(instant + offsetMinutes * 60_000);
}

/** 'YYYY-MM-DD' of the court day `instant` falls on. */
export function courtDay(instant: number, offsetMinutes = COURT_UTC_OFFSET_MINUTES): string {
  return courtWallClock(instant, offsetMinutes).toISOString().slice(0, 10);
}

/** The year in court time: 2026-12-31T16:00Z is already 2027 at the court. */
export function courtYear(at: Date | number): number {
  return courtWallClock(typeof at === 'number' ? at : at.getTime()).getUTCFullYear();
}

const shown = { second: [0, 19], minute: [0, 16], clock: [11, 16], clockSecond: [11, 19] } as const;

/**
 * An ISO instant as people at the court read it: 'second' "2026-03-05 14:03:22", 'minute'
 * "2026-03-05 14:03", 'clock' "14:03", 'clockSecond' "14:03:22". Text that is not an instant is
 * returned as it is.
 */
export function courtTime(iso: string, precision: keyof typeof shown = 'minute'): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const [from, to] = shown[precision];
  return courtWallClock(t).toISOString().slice(from, to).replace('T', ' ');
}
