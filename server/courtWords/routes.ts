import type { FastifyInstance } from 'fastify';
import { etagMatches } from '../../shared/byteRange.js';
import { courtWordsPaths } from '../../shared/courtWords.js';
import type { DbScope } from '../db/engine.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import { uncountedList } from './counting.js';
import { courtWordsStore, type StoredCourtWords } from './courtWordsStore.js';

// What kiosks ask the hub for the court's own words, with the terminal's credential:
//   GET /api/v1/ime/court-words   the list (shared/courtWords.ts); ETag = its version, 304 on If-None-Match
// A hub that has not counted yet answers an empty list with a version of its own, never a 404.
// The list is read as stored (no filing is opened to serve it); each poll asks the database only
// for the version, and the whole list only when it is not the one this instance last sent.

export interface CourtWordsRoutesOptions {
  scope: DbScope;
  terminals: TerminalStore;
}

export function registerCourtWordsRoutes(app: FastifyInstance, opts: CourtWordsRoutesOptions): void {
  const uncounted = uncountedList();
  const never: StoredCourtWords = { version: uncounted.version, listJson: JSON.stringify(uncounted) };
  let last: StoredCourtWords = never;

  app.get(courtWordsPaths.list, async (request, reply) => {
    await authenticateTerminal(opts.terminals, request);
    const version = (await courtWordsStore.version(opts.scope)) ?? never.version;
    const etag = `"${version}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    if (version !== last.version) last = (await courtWordsStore.read(opts.scope)) ?? never;
    // The stored list's own version, even if a recount replaced it since the version was read.
    reply.header('etag', `"${last.version}"`);
    return reply.type('application/json; charset=utf-8').send(last.listJson);
  });
}
