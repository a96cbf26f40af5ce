import type { HubBus } from '../bus/hubBus.js';
import type { FigureChanges } from './figureChanges.js';

// The dashboard's live push across hub instances: this instance's settled bursts of appends are
// announced on the bus, and the open pages of every instance (this one too) are pushed when a
// notice arrives, so a wall connected to instance B moves when a case is filed through A. The
// version a page receives counts the notices this instance heard; pages only compare it.

export function sharedFigureChanges(local: FigureChanges, bus: HubBus): FigureChanges {
  const stopAnnouncing = local.subscribe(() => bus.publish('dashboard.figures'));
  const listeners = new Set<(version: number) => void>();
  let version = 0;
  const stopHearing = bus.subscribe('dashboard.figures', () => {
    version++;
    for (const listener of [...listeners]) listener(version);
  });
  return {
    moved: () => local.moved(),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      stopAnnouncing();
      stopHearing();
      listeners.clear();
      local.close();
    },
  };
}
