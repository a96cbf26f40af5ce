// What the resident writes about (session 16): the dispute type chosen first. In a free-text field
// of a filing of that type, a word's probability is a mixture of the general one and the type's own
// texts' (laws and judgments labelled by their own metadata: tools/typeCorpus.mjs),
// p = (1 − w) p(general) + w p(type), the rule the dictionary's build mixes its corpora by. One rule,
// read by the engine for full pinyin, initials and composed phrases alike; no type, no change.

import type { Scored } from './pathCost.js';

/** A dispute type's own words, indexed as the general ones (dictionary.topics). */
export interface TopicLists {
  /** Whole pinyin → "word:score …": score, log2 of the word's frequency in the type's texts (jieba's units). */
  words: Record<string, string>;
  /** Initials → "word:score …". */
  initials: Record<string, string>;
}

/**
 * w, the type's share: the largest of 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5 that keeps the everyday
 * words residents write (jieba's 500 commonest two-character words that people's consultation
 * questions use twice or more) within 1 point of their initials' figure without a type, and their
 * full pinyin ≥ 99 %, typed in EVERY type's context (the laws' rule; the lead's decision, session 16:
 * tests/unit/imeDisputeContext.test.ts). Chosen on those words only, never on the dispute-word list
 * (BENCHMARKS.md, session 16).
 */
export const TOPIC_WEIGHT = 0.1;

/**
 * A list in the type's context, best first. In units of the general part, (1 − w): a word the type
 * lists gains log2(1 + w/(1 − w) · 2^(t − g)) bits, rounded to whole bits as the dictionary's scores
 * are (a gain under half a bit moves nothing: the general scores' own precision, so near-ties between
 * everyday words are not reordered by a trace of the type); a type word the general list lacks comes
 * in at its type part alone. Other words keep their score; ties keep the general list's order.
 */
export function inTopic(general: Scored[], topical: Scored[], weight: number): Scored[] {
  const lift = Math.log2(weight / (1 - weight));
  const mixed = new Map(general.map(({ word, score }, i) => [word, { word, score, i }]));
  topical.forEach(({ word, score }, j) => {
    const known = mixed.get(word);
    if (known) known.score += Math.round(Math.log2(1 + 2 ** (score + lift - known.score)));
    else mixed.set(word, { word, score: Math.round(score + lift), i: general.length + j });
  });
  return [...mixed.values()].sort((a, b) => b.score - a.score || a.i - b.i).map(({ word, score }) => ({ word, score }));
}
