// Tells the dashboard's open pages that the figures moved. The aggregate listener reports each
// append from inside its transaction; the pages are told once a short moment later (a burst of
// appends is one push, and by then the transaction has committed — a rolled-back one only costs
// the pages one needless refresh). In one process; ./sharedFigureChanges.ts carries the settled
// bursts to every hub instance's pages (server/bus/).

export interface FigureChanges {
  /** Called for every append (inside its transaction). */
  moved(): void;
  /** `listener(version)` after each settled burst; returns the unsubscribe. */
  subscribe(listener: (version: number) => void): () => void;
  close(): void;
}

export function figureChanges(settleMs = 200): FigureChanges {
  const listeners = new Set<(version: number) => void>();
  let version = 0;
  let timer: NodeJS.Timeout | null = null;
  return {
    moved() {
      version++;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        for (const l of listeners) l(version);
      }, settleMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      listeners.clear();
    },
  };
}
