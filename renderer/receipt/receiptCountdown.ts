// How long the receipt stays up before the kiosk goes home by itself. An elderly resident copying
// a twelve-character number down by hand needs longer than a minute, so elderly mode triples the
// time; "keep this on screen" and switching elderly mode on both grant a full time again from now.

/** Elderly mode's receipt time, as a multiple of the standard one (60 s → 180 s). */
export const ELDERLY_RECEIPT_FACTOR = 3;

/** The receipt's whole time on screen for this resident. */
export function receiptShownMs(standardMs: number, elderly: boolean): number {
  return elderly ? standardMs * ELDERLY_RECEIPT_FACTOR : standardMs;
}

/** The deadline after a "keep it" (the button, or elderly mode switched on): never earlier than it was. */
export function keptDeadline(deadline: number, shownMs: number, now: number): number {
  return Math.max(deadline, now + shownMs);
}

/** What the screen says remains, in whole minutes and seconds (rounded up: 0:00 only when gone). */
export function remaining(deadline: number, now: number): { minutes: number; seconds: number; totalSeconds: number } {
  const totalSeconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return { minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60, totalSeconds };
}
