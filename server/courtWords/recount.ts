import { setImmediate as turn } from 'node:timers/promises';
import { MIN_FILINGS, type CourtWordsList } from '../../shared/courtWords.js';
import type { AuditStore } from '../audit/auditStore.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { IntakeStore } from '../intake/store.js';
import { courtWordsList, courtWordsTally, narrativeOf } from './counting.js';
import { courtWordsStore } from './courtWordsStore.js';
import type { CourtDictionary } from './segmentation.js';

// One recount of the court's own words, from scratch: every received filing's facts and claims,
// opened in memory a page at a time and dropped once its words are counted; nothing of the text is
// kept or logged, only the counts. The list is written only when its counts changed (the same
// filings give the same list, version and countedAt), and every recount leaves one audit row by the
// system actor: how many filings it read. Filings whose application no longer opens (wiped) are not
// counted. And the schedule: at start, then every RECOUNT_INTERVAL_MS, one recount at a time.

/**
 * How often the hub recounts: hourly. A word needs 5 filings to be published and a court receives
 * dozens a day, so an hour changes a list little; a recount opens every filing (seconds for tens of
 * thousands), which an hourly one keeps a small cost; kiosks poll the list more rarely still.
 */
export const RECOUNT_INTERVAL_MS = 60 * 60 * 1000;

/** Filings opened per page: each is at most ~10,000 characters of facts, and the page is dropped once counted. */
const PAGE = 100;

/** Filings counted between two pauses of the count (the hub's requests are answered there). */
const FILINGS_PER_SLICE = 10;

/** No word can reach MIN_FILINGS among fewer filings: such a hub counts its filings without the dictionary. */
const NO_WORDS: CourtDictionary = { words: new Set(), surnames: new Set(), givenNames: new Set() };

export interface RecountDeps {
  scope: DbScope;
  intakes: Pick<IntakeStore, 'applicationsAfter' | 'count'>;
  dictionary: () => Promise<CourtDictionary>;
  audit: AuditStore;
  now: () => Date;
}

export interface RecountOutcome {
  /** Filings read (their applications opened, counted or not). */
  filingsRead: number;
  /** Of them, counted (a wiped one is read and not counted). */
  filingsCounted: number;
  list: CourtWordsList;
  /** Whether the published list changed (a new version written). */
  changed: boolean;
}

export async function recountCourtWords(deps: RecountDeps): Promise<RecountOutcome> {
  const dictionary = (await deps.intakes.count()) < MIN_FILINGS ? NO_WORDS : await deps.dictionary();
  const tally = courtWordsTally(dictionary);
  let filingsRead = 0;
  let filingsCounted = 0;
  for (let after = 0; ;) {
    const page = await deps.intakes.applicationsAfter(after, PAGE);
    if (page.length === 0) break;
    for (const filing of page) {
      // A filing's facts may run to 10,000 characters: the hub answers between every few.
      if (++filingsRead % FILINGS_PER_SLICE === 0) await turn();
      // The filing's dispute type as received (the intake's own column, not the application's copy).
      const narrative = narrativeOf(filing.application);
      if (narrative) {
        tally.add({ ...narrative, disputeType: filing.disputeType });
        filingsCounted++;
      }
    }
    after = page[page.length - 1]!.rowid;
  }
  const counted = courtWordsList(tally.counts(), deps.now().toISOString());
  return inTransaction(deps.scope, async (trx) => {
    const changed = (await courtWordsStore.version(trx)) !== counted.version;
    if (changed) await courtWordsStore.write(trx, counted);
    await deps.audit.record(
      trx.db,
      { kind: 'system', id: null, role: null, source: null },
      { action: 'court_words.recounted', outcome: 'ok', recordKind: 'court_words', recordId: `${counted.version}; filings read: ${filingsRead}` },
    );
    return { filingsRead, filingsCounted, list: counted, changed };
  });
}

/**
 * Recounts one at a time, never overlapping: asked while one runs, a recount follows it (however
 * many ask meanwhile, one follows), so a caller always gets a count begun after it asked. The
 * timer's tick is skipped while one runs or waits.
 */
export function recountSchedule(run: () => Promise<RecountOutcome>, intervalMs: number | null, report: (err: unknown) => void) {
  let running: Promise<RecountOutcome> | null = null;
  let following: Promise<RecountOutcome> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const begin = (): Promise<RecountOutcome> => {
    const current = run().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  const recount = (): Promise<RecountOutcome> => {
    if (stopped) return Promise.reject(new Error('the hub is closing: no more recounts'));
    if (following) return following;
    if (!running) return begin();
    following = running
      .catch(() => undefined)
      .then(() => {
        following = null;
        return begin();
      });
    return following;
  };
  const inBackground = () => {
    if (!stopped && !running && !following) recount().catch(report);
  };

  return {
    recount,
    /** The recount at start and the hourly ones (none when `intervalMs` is null: only `recount()` counts). */
    start(): void {
      if (intervalMs === null || stopped || timer) return;
      inBackground();
      timer = setInterval(inBackground, intervalMs);
      timer.unref();
    },
    /** No further recount; resolves once the one running (if any) has ended. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([running, following]);
    },
  };
}
