import { z } from 'zod';
import { disputeTypes } from './disputeTypes.js';
import { HUB_API } from './hubProtocol.js';

// The court's own words (issue 15, item 5): how the residents who file at this court write about
// their disputes, counted on the hub from the facts and claims of the filings it received, and
// handed to every kiosk so its pinyin keyboard ranks those words higher. Only counts of words the
// kiosk's dictionary already holds travel, and only a word that at least MIN_FILINGS different
// filings used: no text, no name, no word one resident wrote. The agreed schema between the hub
// (server/courtWords/) and the kiosk (main/agent/courtWords/, renderer/ime/).

export const courtWordsPaths = {
  /** GET (terminal credential): the current list; ETag = its version, 304 on If-None-Match. */
  list: `${HUB_API}/ime/court-words`,
} as const;

/**
 * A word is published only once this many different filings used it (k-anonymity: a word is how
 * residents write, not what one resident wrote). Five, the smallest group the court's statistics
 * publish about people.
 */
export const MIN_FILINGS = 5;

/** Longest list per scope sent to a kiosk (the dictionary's own lists are longer; this bounds the file). */
export const MAX_WORDS_PER_SCOPE = 5_000;

/** A word of 2–6 Chinese characters (single characters are the dictionary's own business). */
export const CourtWord = z.string().regex(/^[\u3400-\u9fff]{2,6}$/u);

/** [word, number of filings that used it] — filings, not uses: one long account counts once. */
export const CourtWordCount = z.tuple([CourtWord, z.number().int().min(MIN_FILINGS)]);

/** 'all' counts every filing; a dispute type's list counts that type's filings only. */
export const CourtWordsScope = z.enum(['all', ...disputeTypes]);
export type CourtWordsScope = z.infer<typeof CourtWordsScope>;

export const CourtWordsList = z.strictObject({
  /** Changes whenever the counts do (the ETag). */
  version: z.string().min(1).max(100),
  /** When the hub counted (ISO 8601). */
  countedAt: z.string().datetime({ offset: true }),
  /** Filings counted in each scope (for staff and reports; the kiosk's share is over the list's own counts). */
  filings: z.partialRecord(CourtWordsScope, z.number().int().min(0)),
  /** Best first; scopes with no word over the threshold are absent. */
  words: z.partialRecord(CourtWordsScope, z.array(CourtWordCount).max(MAX_WORDS_PER_SCOPE)),
});
export type CourtWordsList = z.infer<typeof CourtWordsList>;
