// Tuning of the legal-education loop that the kiosk's URL may override, like the idle timing in
// shell/kioskTiming.ts. In production the URL has no query and the hub's settings apply. Tests
// and benchmarks shorten the idle delay and inject a clock, which only moves the *schedule*
// (which items may play, how loud): proof-of-play times always come from the real clock.
//   ?attractMs=3000            untouched time on home before the loop (else the hub's setting)
//   ?clock=2026-03-02T21:59:58%2B08:00   schedule clock reads that when the loop first consults
//                              it (its start, not the page load) and runs at real speed from there
//   ?attractStats=1            publish transition gaps on window.__attractStats (benchmark)

export interface AttractOptions {
  idleMs: number | null;
  clock: () => number;
  stallMs: number;
  leadMs: number;
  /** How often an empty (standby) loop looks for something to play. */
  recheckMs: number;
  stats: boolean;
}

const MAX_MS = 24 * 3600_000;

export function readAttractOptions(search: string, now: () => number = Date.now): AttractOptions {
  const q = new URLSearchParams(search);
  const ms = (key: string, fallback: number | null, min = 1): number | null => {
    const raw = q.get(key);
    if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
    const n = Number(raw);
    return n >= min && n <= MAX_MS ? n : fallback;
  };
  const clockStart = q.get('clock');
  const parsed = clockStart === null ? Number.NaN : Date.parse(clockStart);
  return {
    idleMs: ms('attractMs', null, 500),
    clock: Number.isNaN(parsed) ? now : startingAt(parsed, now),
    stallMs: ms('stallMs', 5_000, 500)!,
    leadMs: ms('leadMs', 70, 0)!,
    recheckMs: ms('recheckMs', 30_000, 500)!,
    stats: q.get('attractStats') === '1',
  };
}

/** A clock that reads `start` the first time it is read, then runs with `now`. */
function startingAt(start: number, now: () => number): () => number {
  let offset: number | null = null;
  return () => {
    const t = now();
    offset ??= start - t;
    return t + offset;
  };
}
