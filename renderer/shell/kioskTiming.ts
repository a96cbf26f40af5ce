// How long the kiosk waits before it warns, wipes and returns home. Tests shorten these from
// the URL query: ?idleMs=2000&warnMs=1000&receiptMs=3000.

export interface KioskTiming {
  /** Untouched time on a screen holding a resident's data before the "still there?" warning. */
  idleMs: number;
  /** How long the warning counts down before everything is wiped. */
  warnMs: number;
  /** How long the receipt stays up before the kiosk returns home by itself. */
  receiptMs: number;
  /** The idle time came from the URL: it then wins over the court's pushed idle timeout. */
  idleFromUrl?: boolean;
}

export const defaultTiming: KioskTiming = { idleMs: 120_000, warnMs: 20_000, receiptMs: 60_000 };

const MAX_MS = 24 * 60 * 60 * 1000;

export function readTiming(search: string): KioskTiming {
  const query = new URLSearchParams(search);
  const given = (key: 'idleMs' | 'warnMs' | 'receiptMs'): number | null => {
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
    ...(idleMs !== null ? { idleFromUrl: true } : {}),
  };
}
