import type { FastifyInstance } from 'fastify';
import type { HubBus } from '../bus/hubBus.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { StaffGateDeps } from '../staff/staffGate.js';
import type { TerminalStore } from '../terminals/store.js';
import { registerPlaylistAdmin } from './adminRoutes.js';
import { registerKioskPlaylistRoutes } from './kioskRoutes.js';
import { findDefaultPlaylistDir, MediaLibrary } from './mediaLibrary.js';
import { openPlaylistStore, type PlaylistStore } from './playlistStore.js';

// Plugs the legal-education playlist into the hub: its store and media library, the default
// content on first start, the kiosks' endpoints and the staff admin.

export interface PlaylistOptions {
  /** assets/playlist (found by default); null seeds nothing. */
  defaultPlaylistDir?: string | null;
}

export interface Playlist {
  store: PlaylistStore;
  library: MediaLibrary;
}

export async function registerPlaylist(
  app: FastifyInstance,
  deps: { db: DbScope; bus: HubBus; terminals: TerminalStore; gate: StaffGateDeps; mediaDir: string; now: () => Date },
  options: PlaylistOptions = {},
): Promise<Playlist> {
  // A change through any instance is announced; every instance (this one too) then forgets the
  // manifest it serves from memory, so kiosks on any instance get the new one on their next poll.
  const playlist = openPlaylistStore(deps.db, deps.now, () => deps.bus.publish('playlist.changed'));
  deps.bus.subscribe('playlist.changed', () => playlist.forgetManifest());
  const library = new MediaLibrary(deps.mediaDir, playlist);
  const seeded = await library.seedDefaults(options.defaultPlaylistDir === undefined ? findDefaultPlaylistDir() : options.defaultPlaylistDir, (work) =>
    inTransaction(deps.db, (trx) => work(openPlaylistStore(trx, deps.now))),
  );
  if (seeded > 0) app.log.info({ items: seeded }, 'playlist seeded with the default content');
  registerKioskPlaylistRoutes(app, { terminals: deps.terminals, playlist, library });
  registerPlaylistAdmin(app, { playlist, library, gate: deps.gate, now: deps.now });
  return { store: playlist, library };
}
