// How long the kiosk waits before it warns, wipes and returns home. Tests shorten these from
// the URL query: ?idleMs=2000&warnMs=1000&receiptMs=3000&endedMs=3000.

export interface KioskTiming {
  /** Untouched time on a screen holding a resident's data before the "still there?" warning. */
  idleMs: number;
  /** How long the warning counts down before everything is wiped. */
  warnMs: number;
  /** How long the receipt stays up before the kiosk returns home by itself. */
  receiptMs: number;
  /** How long the ended call's card stays up before the kiosk returns home by itself. */
  endedMs: number;
  /** The idle time came from the URL: it then wins over the court's pushed idle timeout. */
  idleFromUrl?: boolean;
}

export const defaultTiming: KioskTiming = { idleMs: 120_000, warnMs: 20_000, receiptMs: 60_000, endedMs: 10_000 };

/**
 * 长辈模式 doubles both waits. An older resident reads a question slowly, often has it read aloud
 * and listens to the end, then looks for their ID card or glasses: two minutes untouched is not
 * walking away for them, and a 20-second countdown is gone before they have read the warning. Twice,
 * not more: what is on the screen must still go within minutes of them leaving (4 min + 40 s at the
 * defaults, or twice the court's pushed timeout).
 */
export const ELDERLY_WAIT_FACTOR = 2;

/** The waits before the "still there?" warning and before the wipe, for this resident. */
export function residentWaits(idleMs: number, warnMs: number, elderly: boolean): { idleMs: number; warnMs: number } {
  const factor = elderly ? ELDERLY_WAIT_FACTOR : 1;
  return { idleMs: idleMs * factor, warnMs: warnMs * factor };
}

const MAX_MS = 24 * 60 * 60 * 1000;

export function readTiming(search: string): KioskTiming {
  const query = new URLSearchParams(search);
  const given = (key: 'idleMs' | 'warnMs' | 'receiptMs' | 'endedMs'): number | null => {
    const raw = query.get(key);
    if (raw === null || !/^\d+$/.test(raw.trim())) return null;
    const n = Number(raw);
    return n > 0 && n <= MAX_MS ? n : null;
  };
  const idleMs = given('idleMs');
  return {
    idleMs: idleMs ?? defaultTiming.idleMs,
    warnMs: given('warnMs') ?? defaultTiming.warnMs,
    receiptMs: given('receiptMs') ?? defaultTiming.receiptMs,
    endedMs: given('endedMs') ?? defaultTiming.endedMs,
    ...(idleMs !== null ? { idleFromUrl: true } : {}),
  };
}
