import { expect } from 'vitest';
import { disputeTypes } from '../../shared/disputeTypes.js';
import type { PinyinEngine, Topic } from '../../renderer/ime/pinyinEngine.js';
import { heldOut, pct, readings, syllables, typesOf } from './imeWords.js';

// The pinyin benchmark's figures in context, measured alike by the tests that choose a share of the
// mixture (imeDisputeContext: the type's own words; imeCourtWords: the court's): a word offered in
// the first five, typed as full pinyin and as initials.

export const topFive = (e: PinyinEngine, typed: string, topic: Topic) =>
  e
    .candidates(typed, 'text', 60, [], topic)
    .filter((c) => c.consumed === typed.length)
    .slice(0, 5)
    .map((c) => c.text);

export const typings = (word: string, s = readings.get(word) ?? syllables(word)) => ({ full: s.join(''), initials: s.map((x) => x[0]).join('') });

/** Held-out words typed in their group's types: a word's hit is the share of its types it is in the first five in. */
export function inContext(e: PinyinEngine) {
  const hits = { full: 0, initials: 0 };
  for (const word of heldOut) {
    const types = typesOf(word);
    expect(types.length, word).toBeGreaterThan(0);
    const typed = typings(word);
    for (const how of ['full', 'initials'] as const) hits[how] += types.filter((topic) => topFive(e, typed[how], topic).includes(word)).length / types.length;
  }
  return { both: pct(hits.full + hits.initials, 2 * heldOut.length), full: pct(hits.full, heldOut.length), initials: pct(hits.initials, heldOut.length) };
}

/** A list's words typed in one context (null: none): the share in the first five, full pinyin and initials. */
export function everyday(e: PinyinEngine, list: readonly string[], topic: Topic) {
  const hits = { full: 0, initials: 0 };
  for (const word of list) {
    const typed = typings(word, syllables(word));
    if (topFive(e, typed.full, topic).includes(word)) hits.full++;
    if (topFive(e, typed.initials, topic).includes(word)) hits.initials++;
  }
  return { full: pct(hits.full, list.length), initials: pct(hits.initials, list.length) };
}

/** A list's words typed in each type's context: the worst type's figures. */
export function everydayWorst(e: PinyinEngine, list: readonly string[]) {
  let worst = { full: Infinity, fullType: '', initials: Infinity, initialsType: '' };
  for (const topic of disputeTypes) {
    const { full, initials } = everyday(e, list, topic);
    if (full < worst.full) worst = { ...worst, full, fullType: topic };
    if (initials < worst.initials) worst = { ...worst, initials, initialsType: topic };
  }
  return worst;
}

/** The shares a rule chooses from (topicRanking.ts, courtRanking.ts), fixed before any was measured. */
export const WEIGHTS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5];

/**
 * The lead's rule (session 16; the laws' "1 point" of session 11): in EVERY type's context the
 * residents' everyday initials stay within 1 point of their own figure without context (`alone`),
 * and their full pinyin at 99 or more.
 */
export const keepsResident = (worst: ReturnType<typeof everydayWorst>, alone: ReturnType<typeof everyday>) => worst.initials >= alone.initials - 1 && worst.full >= 99;
