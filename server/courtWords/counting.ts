import { createHash } from 'node:crypto';
import type { MediationApplication } from '../../shared/application.js';
import { MAX_WORDS_PER_SCOPE, MIN_FILINGS, type CourtWordsList, type CourtWordsScope } from '../../shared/courtWords.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { dictionaryWordsIn, nameShaped, type CourtDictionary } from './segmentation.js';

// The court's own words, counted (shared/courtWords.ts): per dictionary word, how many DIFFERENT
// filings used it in their account of the facts or their claims, over all filings and per dispute
// type; published only from MIN_FILINGS filings, best first. Pure: the recount (./recount.ts) feeds
// it the filings it decrypted, one at a time, and keeps nothing but these counts.

/** What of a filing is counted: the resident's own narrative, and nothing that names or locates anyone. */
export interface FilingNarrative {
  disputeType: string;
  facts: string;
  claims: readonly string[];
}

/**
 * The account of the facts and the claims, and only those: never a party's name, ID number, phone,
 * address or employer, an organisation's name, the evidence's names, the type-specific answers (an
 * accident's place, a property's address) or the accessibility note. Null when the stored
 * application is not one (it no longer opens, or predates these fields): such a filing is not counted.
 */
export function narrativeOf(application: Pick<MediationApplication, 'disputeType' | 'facts' | 'claims'> | null): FilingNarrative | null {
  if (typeof application?.facts !== 'string' || typeof application.disputeType !== 'string') return null;
  const claims = Array.isArray(application.claims) ? application.claims.filter((c): c is string => typeof c === 'string') : [];
  return { disputeType: application.disputeType, facts: application.facts, claims };
}

/** The counted words of one filing, each once however often it wrote it. */
export function wordsOfFiling(filing: FilingNarrative, dictionary: CourtDictionary): Set<string> {
  const words = new Set<string>();
  for (const text of [filing.facts, ...filing.claims]) {
    for (const word of dictionaryWordsIn(text, dictionary.words)) if (!nameShaped(word, dictionary)) words.add(word);
  }
  return words;
}

const isScope = (type: string): type is Exclude<CourtWordsScope, 'all'> => (disputeTypes as readonly string[]).includes(type);

/** Document frequencies kept while filings are read; `counts()` is the list to publish. */
export function courtWordsTally(dictionary: CourtDictionary) {
  const filings = new Map<CourtWordsScope, number>([['all', 0]]);
  const uses = new Map<CourtWordsScope, Map<string, number>>();
  const add = (scope: CourtWordsScope, words: Set<string>) => {
    filings.set(scope, (filings.get(scope) ?? 0) + 1);
    let counts = uses.get(scope);
    if (!counts) uses.set(scope, (counts = new Map<string, number>()));
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  };
  return {
    add(filing: FilingNarrative): void {
      const words = wordsOfFiling(filing, dictionary);
      add('all', words);
      // A type the schema no longer knows still counts in 'all', never as a scope of its own.
      if (isScope(filing.disputeType)) add(filing.disputeType, words);
    },
    counts(): Pick<CourtWordsList, 'filings' | 'words'> {
      return publishedCounts(filings, uses);
    },
  };
}

/** Each scope's words used by ≥ MIN_FILINGS filings, most filings first (then by code point: the same filings give the same list). */
function publishedCounts(filings: Map<CourtWordsScope, number>, uses: Map<CourtWordsScope, Map<string, number>>): Pick<CourtWordsList, 'filings' | 'words'> {
  const scopes = [...filings.keys()].sort(byCodePoint);
  const words: CourtWordsList['words'] = {};
  for (const scope of scopes) {
    const published = [...(uses.get(scope) ?? [])]
      .filter(([, n]) => n >= MIN_FILINGS)
      .sort(([a, n], [b, m]) => m - n || byCodePoint(a, b))
      .slice(0, MAX_WORDS_PER_SCOPE);
    if (published.length > 0) words[scope] = published;
  }
  return { filings: Object.fromEntries(scopes.map((s) => [s, filings.get(s)!])), words };
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The list's version (its ETag): a digest of the counts, so the same filings give the same version and a kiosk's copy stays valid. */
export function courtWordsVersion(counts: Pick<CourtWordsList, 'filings' | 'words'>): string {
  return createHash('sha256')
    .update(JSON.stringify([counts.filings, counts.words]))
    .digest('base64url')
    .slice(0, 22);
}

/** When a hub has never counted: an empty list (not a 404), so a kiosk on a new hub has nothing to apply and no error. */
export const NEVER_COUNTED_AT = new Date(0).toISOString();

/** The whole list as served. */
export function courtWordsList(counts: Pick<CourtWordsList, 'filings' | 'words'>, countedAt: string): CourtWordsList {
  return { version: courtWordsVersion(counts), countedAt, filings: counts.filings, words: counts.words };
}

/** The list before the first count: no filing, no word. */
export const uncountedList = (): CourtWordsList => courtWordsList({ filings: { all: 0 }, words: {} }, NEVER_COUNTED_AT);
