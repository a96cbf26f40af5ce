import type { FastifyInstance } from 'fastify';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { errorLogFields } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import type { TerminalStore } from '../terminals/store.js';
import { findDictionaryFile, lazyDictionary } from './dictionaryFile.js';
import { courtWordsStore } from './courtWordsStore.js';
import { NoFilingOpened, RECOUNT_INTERVAL_MS, RecountAbandoned, recountCourtWords, recountSchedule, untilRecountDue, type RecountOutcome } from './recount.js';
import { registerCourtWordsRoutes } from './routes.js';

// Plugs the court's own words (issue 15, item 5) into the hub: the kiosks' route, and the recounts
// in the background — the first once the hub listens (never delaying start-up or /health) if the
// last one ended an interval ago or more (else when it will have), then hourly.

export interface CourtWordsOptions {
  /** The kiosk's pinyin dictionary (found beside the hub's code by default: ./dictionaryFile.ts); null: none, so a recount of ≥ 5 filings fails and the list stays as published. */
  dictionaryFile?: string | null;
  /** Between background recounts (RECOUNT_INTERVAL_MS); null: none at all, not even at start — only `recount()` (tests that count statements). */
  recountMs?: number | null;
}

export interface CourtWords {
  /** Recounts now (after the one running, if any); resolves with what it counted. */
  recount(): Promise<RecountOutcome>;
  /**
   * Starts the background recounts (the hub calls it once listening); resolves once the first has
   * begun, if due now, or is scheduled for when it will be (the last recount's end read first).
   */
  start(): Promise<void>;
  /** Stops them, abandoning the one running at its next pause (nothing written); resolves once it has ended. */
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
  const intervalMs = options.recountMs === undefined ? RECOUNT_INTERVAL_MS : options.recountMs;
  const schedule = recountSchedule(
    async (signal) => {
      const outcome = await recountCourtWords({ scope: deps.scope, intakes: deps.intakes, dictionary, audit: deps.audit, now: deps.now, signal });
      // Counts only: never a word, never the text.
      const { filingsRead, filingsOpened, filingsCounted, changed } = outcome;
      app.log.info({ filingsRead, filingsOpened, filingsCounted, version: outcome.list.version, changed }, 'court words recounted');
      return outcome;
    },
    intervalMs,
    (err) => {
      if (err instanceof RecountAbandoned) app.log.info('court words recount abandoned: the hub is closing');
      else if (err instanceof NoFilingOpened)
        app.log.error({ filingsRead: err.filingsRead, filingsOpened: 0 }, 'court words not recounted: no filing read could be opened (the wrong data key?); the list stays as published');
      else app.log.error(errorLogFields(err), 'court words recount failed');
    },
  );
  registerCourtWordsRoutes(app, { scope: deps.scope, terminals: deps.terminals });
  return {
    recount: () => schedule.recount(),
    stop: () => schedule.stop(),
    async start() {
      if (intervalMs === null) return;
      const firstInMs = await courtWordsStore
        .recountedAt(deps.scope)
        .then((at) => untilRecountDue(at, deps.now(), intervalMs))
        .catch((err: unknown) => {
          // unknown, so due: the recount itself then reports what fails
          app.log.error(errorLogFields(err), 'court words: when the last recount ended could not be read');
          return 0;
        });
      schedule.start(firstInMs);
    },
  };
}
