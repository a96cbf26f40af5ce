import { openRoomsList, type OpenRooms } from '../../shared/rooms/guidance.js';
import type { HubBus } from '../bus/hubBus.js';
import type { DbScope } from '../db/engine.js';
import type { MediationDesk } from '../signalling/mediationDesk.js';
import { openRoomStore } from './openRoomStore.js';

// The guidance desk's list of open rooms, the same through every hub instance (issue 13). Only
// the instance holding the call desk knows the rooms (server/cluster/deskCluster.ts), so it writes
// the list to the database whenever its desk says a room changed, and tells every instance through
// the bus (`guidance.rooms`); each instance's guidance routes read the row. An instance that comes
// to hold the desk writes its own list (none open: the dead holder's calls ended with it), and one
// that does not hold never writes, so a fenced old holder closing its rooms cannot clobber the new
// holder's list. Writes are one at a time, each of the desk's latest list; one that fails (the
// database away) is tried again at the next check.

/** How often an instance looks whether it has come to hold the desk (and retries a failed write). */
const CHECK_MS = 1_000;

export interface OpenRoomBoard {
  read(): Promise<OpenRooms>;
  /** `listener()` whenever the list may have changed (on any instance); returns the unsubscribe. */
  watch(listener: () => void): () => void;
  close(): void;
}

export interface OpenRoomBoardDeps {
  scope: DbScope;
  bus: HubBus;
  desk: MediationDesk;
  /** Whether this instance's desk holds the calls (always, on one instance). */
  holding: () => boolean;
  now: () => Date;
  onError: (error: unknown) => void;
}

export function openRoomBoard(deps: OpenRoomBoardDeps): OpenRoomBoard {
  const { scope, bus, desk } = deps;
  let dirty = true;
  let writing = false;
  let held = false;

  const flush = async (): Promise<void> => {
    if (writing) return;
    writing = true;
    try {
      while (dirty && deps.holding()) {
        dirty = false;
        try {
          await openRoomStore.write(scope, openRoomsList(desk.openRooms()), deps.now().toISOString());
          bus.publish('guidance.rooms');
        } catch (error) {
          dirty = true;
          deps.onError(error);
          return;
        }
      }
    } finally {
      writing = false;
    }
  };
  // The desk tells of a change inside its turn; the list is read after the turn's step settles.
  const stopWatching = desk.watchRooms(() => {
    dirty = true;
    queueMicrotask(() => void flush());
  });
  const check = setInterval(() => {
    const holding = deps.holding();
    if (holding && !held) dirty = true;
    held = holding;
    if (dirty) void flush();
  }, CHECK_MS);
  check.unref();
  void flush();

  return {
    read: () => openRoomStore.read(scope),
    watch: (listener) => bus.subscribe('guidance.rooms', listener),
    close() {
      clearInterval(check);
      stopWatching();
    },
  };
}
