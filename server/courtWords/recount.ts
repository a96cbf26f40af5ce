import { setImmediate as turn } from 'node:timers/promises';
import { MIN_FILINGS, type CourtWordsList } from '../../shared/courtWords.js';
import type { AuditStore } from '../audit/auditStore.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { IntakeStore } from '../intake/store.js';
import { courtWordsList, courtWordsTally, narrativeOf, type FilingNarrative } from './counting.js';
import { courtWordsStore } from './courtWordsStore.js';
import type { CourtDictionary } from './segmentation.js';

// One recount of the court's own words, from scratch: every received filing's facts and claims,
// opened in memory a page at a time and dropped once its words are counted; nothing of the text is
// kept or logged, only the counts. The list is written only when its counts changed (the same
// filings give the same list, version and countedAt), and every recount leaves one audit row by the
// system actor: how many filings it read. Filings whose application no longer opens (wiped) are not
// counted; when none of those read opens, nothing is written (NoFilingOpened). Closing the hub
// abandons a recount at its next pause, before it writes anything. And the schedule: at start if
// the last recount (stored: a hub restarted in a loop would decrypt every filing each time) is an
// interval old or more, else when it will be; then every RECOUNT_INTERVAL_MS, one at a time.

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

/** A recount given up because the hub is closing: nothing written, nothing audited. */
export class RecountAbandoned extends Error {
  override name = 'RecountAbandoned';
  constructor() {
    super('the hub is closing: court words recount abandoned');
  }
}

/**
 * Filings were read and none opened: a hub whose data key cannot open them (or any failure to open)
 * would publish an all-but-empty list over a good one, so it writes nothing and audits nothing.
 */
export class NoFilingOpened extends Error {
  override name = 'NoFilingOpened';
  constructor(readonly filingsRead: number) {
    super(`none of the ${filingsRead} filings read could be opened: the court words list stays as published`);
  }
}

export interface RecountDeps {
  scope: DbScope;
  intakes: Pick<IntakeStore, 'applicationsAfter'>;
  dictionary: () => Promise<CourtDictionary>;
  audit: AuditStore;
  now: () => Date;
  /** Aborted when the hub closes: the recount stops at its next pause, having written nothing. */
  signal?: AbortSignal;
}

export interface RecountOutcome {
  /** Filings read. */
  filingsRead: number;
  /** Of them, opened (a wiped one is read and does not open). */
  filingsOpened: number;
  /** Of them, counted (an opened application that is not one is not). */
  filingsCounted: number;
  list: CourtWordsList;
  /** Whether the published list changed (a new version written). */
  changed: boolean;
}

export async function recountCourtWords(deps: RecountDeps): Promise<RecountOutcome> {
  const goOn = () => {
    if (deps.signal?.aborted) throw new RecountAbandoned();
  };
  // The dictionary is loaded only once MIN_FILINGS filings are counted (fewer can't publish a
  // word); the first ones wait for it. Decided from the filings read, not a count taken before,
  // which filings arriving meanwhile would make stale.
  let tally: ReturnType<typeof courtWordsTally> | null = null;
  const waiting: FilingNarrative[] = [];
  let filingsRead = 0;
  let filingsOpened = 0;
  let filingsCounted = 0;
  for (let after: string | null = null; ;) {
    goOn();
    const page = await deps.intakes.applicationsAfter(after, PAGE);
    if (page.length === 0) break;
    for (const filing of page) {
      // A filing's facts may run to 10,000 characters: the hub answers between every few.
      if (++filingsRead % FILINGS_PER_SLICE === 0) {
        await turn();
        goOn();
      }
      if (filing.application) filingsOpened++;
      const narrative = narrativeOf(filing.application);
      if (!narrative) continue;
      filingsCounted++;
      // The filing's dispute type as received (the intake's own column, not the application's copy).
      const counted = { ...narrative, disputeType: filing.disputeType };
      if (tally) tally.add(counted);
      else if (waiting.push(counted) === MIN_FILINGS) {
        tally = courtWordsTally(await deps.dictionary());
        goOn();
        for (const earlier of waiting.splice(0)) tally.add(earlier);
      }
    }
    after = page[page.length - 1]!.submissionId;
  }
  if (!tally) {
    tally = courtWordsTally(NO_WORDS);
    for (const earlier of waiting) tally.add(earlier);
  }
  if (filingsRead > 0 && filingsOpened === 0) throw new NoFilingOpened(filingsRead);
  goOn();
  const at = deps.now().toISOString();
  const counted = courtWordsList(tally.counts(), at);
  return inTransaction(deps.scope, async (trx) => {
    const changed = (await courtWordsStore.version(trx)) !== counted.version;
    if (changed) await courtWordsStore.write(trx, counted, at);
    else await courtWordsStore.recounted(trx, at);
    await deps.audit.record(
      trx.db,
      { kind: 'system', id: null, role: null, source: null },
      { action: 'court_words.recounted', outcome: 'ok', recordKind: 'court_words', recordId: `${counted.version}; filings read: ${filingsRead}` },
    );
    return { filingsRead, filingsOpened, filingsCounted, list: counted, changed };
  });
}

/**
 * How long until the next recount is due, from the last one's end (`recountedAt`, stored): none yet,
 * or an interval ago or more, is due now; a time ahead of the clock (the clock set back) too, as
 * nothing then says how old the list is.
 */
export function untilRecountDue(recountedAt: string | null, now: Date, intervalMs: number): number {
  const elapsed = recountedAt === null ? Number.NaN : now.getTime() - Date.parse(recountedAt);
  return Number.isFinite(elapsed) && elapsed >= 0 && elapsed < intervalMs ? intervalMs - elapsed : 0;
}

/**
 * Recounts one at a time, never overlapping: asked while one runs, a recount follows it (however
 * many ask meanwhile, one follows), so a caller always gets a count begun after it asked. The
 * timer's tick is skipped while one runs or waits.
 */
export function recountSchedule(run: (signal: AbortSignal) => Promise<RecountOutcome>, intervalMs: number | null, report: (err: unknown) => void) {
  const stopping = new AbortController();
  let running: Promise<RecountOutcome> | null = null;
  let following: Promise<RecountOutcome> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const begin = (): Promise<RecountOutcome> => {
    const current = run(stopping.signal).finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  const recount = (): Promise<RecountOutcome> => {
    if (stopped) return Promise.reject(new RecountAbandoned());
    if (following) return following;
    if (!running) return begin();
    following = running
      .catch(() => undefined)
      .then(() => {
        following = null;
        // stopped while it waited: it never begins
        if (stopped) throw new RecountAbandoned();
        return begin();
      });
    return following;
  };
  const inBackground = () => {
    if (!stopped && !running && !following) recount().catch(report);
  };

  return {
    recount,
    /**
     * The background recounts (none when `intervalMs` is null: only `recount()` counts): the first
     * in `firstInMs` (at once when 0: begun before this returns), then every `intervalMs`.
     */
    start(firstInMs = 0): void {
      if (intervalMs === null || stopped || timer) return;
      const every = () => {
        inBackground();
        timer = setInterval(inBackground, intervalMs);
        timer.unref();
      };
      if (firstInMs <= 0) return every();
      timer = setTimeout(every, firstInMs);
      timer.unref();
    },
    /** No further recount, the one running abandoned at its next pause; resolves once it has ended. */
    async stop(): Promise<void> {
      stopped = true;
      stopping.abort();
      // the first tick's timeout or the interval after it (Node clears either way)
      if (timer) clearInterval(timer);
      await Promise.allSettled([running, following]);
    },
  };
}
