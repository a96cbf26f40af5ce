import type { FastifyInstance } from 'fastify';
import { Sha256Hex } from '../../shared/attachment.js';
import { etagMatches } from '../../shared/byteRange.js';
import { playlistPaths, PlaysIngest, type PlaysAck } from '../../shared/playlist.js';
import { parseOrThrow } from '../http/errors.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import type { MediaLibrary } from './mediaLibrary.js';
import type { PlaylistStore } from './playlistStore.js';
import { sendMediaFile } from './sendMedia.js';

// What kiosks ask the hub for the legal-education loop, each with the terminal's credential:
//   GET  /api/v1/playlist         the manifest; ETag = its version, 304 on If-None-Match
//   GET  /api/v1/media/<sha256>   a file, with Range (resumed downloads) and ETag
//   POST /api/v1/plays            proof of play, in batches, idempotent by playId

export interface KioskPlaylistRoutesOptions {
  terminals: TerminalStore;
  playlist: PlaylistStore;
  library: MediaLibrary;
}

export function registerKioskPlaylistRoutes(app: FastifyInstance, opts: KioskPlaylistRoutesOptions): void {
  app.get(playlistPaths.manifest, async (request, reply) => {
    await authenticateTerminal(opts.terminals, request);
    const manifest = await opts.playlist.manifest();
    const etag = `"${manifest.version}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return manifest;
  });

  app.get<{ Params: { sha256: string } }>(`${playlistPaths.media}/:sha256`, async (request, reply) => {
    await authenticateTerminal(opts.terminals, request);
    const { sha256 } = request.params;
    const media = Sha256Hex.safeParse(sha256).success ? await opts.playlist.media(sha256) : null;
    return sendMediaFile(request, reply, media, (sha) => opts.library.filePath(sha), 'private, max-age=31536000, immutable');
  });

  app.post(playlistPaths.plays, async (request) => {
    const terminalId = await authenticateTerminal(opts.terminals, request);
    const batch = parseOrThrow(PlaysIngest, request.body, 'Plays');
    await opts.playlist.recordPlays(terminalId, batch.plays, (await opts.playlist.settings()).utcOffsetMinutes);
    const ack: PlaysAck = { accepted: batch.plays.map((p) => p.playId) };
    return ack;
  });
}
