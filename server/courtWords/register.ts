import type { FastifyInstance } from 'fastify';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { errorLogFields } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import type { TerminalStore } from '../terminals/store.js';
import { findDictionaryFile, lazyDictionary } from './dictionaryFile.js';
import { RECOUNT_INTERVAL_MS, recountCourtWords, recountSchedule, type RecountOutcome } from './recount.js';
import { registerCourtWordsRoutes } from './routes.js';

// Plugs the court's own words (issue 15, item 5) into the hub: the kiosks' route, and the recounts
// in the background — the first once the hub listens (never delaying start-up or /health), then
// hourly.

export interface CourtWordsOptions {
  /** The kiosk's pinyin dictionary (found beside the hub's code by default: ./dictionaryFile.ts); null: none, so a recount of ≥ 5 filings fails and the list stays as published. */
  dictionaryFile?: string | null;
  /** Between background recounts (RECOUNT_INTERVAL_MS); null: none at all, not even at start — only `recount()` (tests that count statements). */
  recountMs?: number | null;
}

export interface CourtWords {
  /** Recounts now (after the one running, if any); resolves with what it counted. */
  recount(): Promise<RecountOutcome>;
  /** Starts the background recounts (the hub calls it once listening). */
  start(): void;
  /** Stops them; resolves once the one running has ended. */
  stop(): Promise<void>;
}

export function registerCourtWords(
  app: FastifyInstance,
  deps: { scope: DbScope; terminals: TerminalStore; intakes: IntakeStore; audit: AuditStore; now: () => Date },
  options: CourtWordsOptions = {},
): CourtWords {
  const file = options.dictionaryFile === undefined ? findDictionaryFile() : options.dictionaryFile;
  if (!file) app.log.warn('no pinyin dictionary found: the court words list stays as last published (empty on a new hub)');
  const dictionary = lazyDictionary(file);
  const schedule = recountSchedule(
    async () => {
      const outcome = await recountCourtWords({ scope: deps.scope, intakes: deps.intakes, dictionary, audit: deps.audit, now: deps.now });
      // Counts only: never a word, never the text.
      app.log.info({ filingsRead: outcome.filingsRead, filingsCounted: outcome.filingsCounted, version: outcome.list.version, changed: outcome.changed }, 'court words recounted');
      return outcome;
    },
    options.recountMs === undefined ? RECOUNT_INTERVAL_MS : options.recountMs,
    (err) => app.log.error(errorLogFields(err), 'court words recount failed'),
  );
  registerCourtWordsRoutes(app, { scope: deps.scope, terminals: deps.terminals });
  return schedule;
}
