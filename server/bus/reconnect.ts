// A listening connection lost is opened again with a growing pause (min … max), until it is back
// or the owner stops; shared by the bus (./postgresBus.ts) and the desk relay (../cluster/pgRelay.ts).

export interface Reconnect {
  /** Schedules the next attempt (once, however often called while one is pending). */
  later(): void;
  stop(): void;
}

export function reconnect(o: { connect: () => Promise<void>; back: () => void; onError: (error: unknown) => void; minMs: number; maxMs: number }): Reconnect {
  let retryMs = o.minMs;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const later = (): void => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      o.connect().then(
        () => {
          retryMs = o.minMs;
          o.back();
        },
        (error: unknown) => {
          o.onError(error);
          retryMs = Math.min(retryMs * 2, o.maxMs);
          later();
        },
      );
    }, retryMs);
    timer.unref();
  };
  return {
    later,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
