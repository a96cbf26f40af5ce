import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import {
  KIOSK_REFERENCE_CASES_PATH,
  matchingCases,
  PublishedReferenceCases,
  REFERENCE_CASES_SHOWN_MAX,
  type ReferenceCaseAnswer,
  type PublishedReferenceCase,
} from '../../../shared/referenceCases/referenceCase.js';
import type { DisputeType } from '../../../shared/disputeTypes.js';
import type { Db } from '../db.js';
import type { Log } from '../log.js';
import { readJson } from '../hubAnswerBody.js';

// The court's published reference cases for check-my-case: asked of the hub (terminal credential)
// each time a resident looks, kept in SQLite after every good answer, and read from there when
// the hub cannot be reached, so a village kiosk offline still shows them. The hub's answer is
// parsed with its schema before it replaces the cache; a bad answer keeps the old one.

export interface ReferenceCaseLibraryOptions {
  db: Db;
  hubUrl: string;
  credential: () => string | null;
  fetch: typeof fetch;
  log: Log;
  now: () => Date;
  timeoutMs?: number;
}

export class ReferenceCaseLibrary {
  private readonly readCache;
  private readonly writeCache;

  constructor(private readonly o: ReferenceCaseLibraryOptions) {
    this.readCache = o.db.prepare<[], { body: string }>('SELECT body FROM reference_case_cache WHERE id = 1');
    this.writeCache = o.db.prepare<[string, string]>(
      'INSERT INTO reference_case_cache (id, body, fetched_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at',
    );
  }

  async forDispute(disputeType: DisputeType): Promise<ReferenceCaseAnswer> {
    const fresh = await this.fetchLibrary();
    const all = fresh ?? this.cached();
    return { referenceCases: matchingCases(all, disputeType).slice(0, REFERENCE_CASES_SHOWN_MAX), offline: fresh === null };
  }

  private async fetchLibrary(): Promise<PublishedReferenceCase[] | null> {
    const credential = this.o.credential();
    if (!credential) return null;
    // a resident is waiting: the cached library soon beats a fresh one late
    const signal = AbortSignal.timeout(this.o.timeoutMs ?? 4_000);
    try {
      const res = await this.o.fetch(new URL(KIOSK_REFERENCE_CASES_PATH, this.o.hubUrl), {
        headers: { authorization: `Bearer ${credential}` },
        signal,
      });
      if (!res.ok) return null;
      const parsed = safeParseHubAnswer(PublishedReferenceCases, await readJson(res, signal));
      if (!parsed.success) {
        this.o.log.warn('referenceCases.invalid', { status: res.status });
        return null;
      }
      this.writeCache.run(JSON.stringify(parsed.data), this.o.now().toISOString());
      return parsed.data.referenceCases;
    } catch {
      return null;
    }
  }

  private cached(): PublishedReferenceCase[] {
    const row = this.readCache.get();
    if (!row) return [];
    const parsed = safeParseHubAnswer(PublishedReferenceCases, JSON.parse(row.body));
    return parsed.success ? parsed.data.referenceCases : [];
  }
}
