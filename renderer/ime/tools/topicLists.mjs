// The dictionary's per dispute type part (session 16): for each type of source/type-counts.txt
// (typeCorpus.mjs), the type's own words, indexed as the general words are (whole pinyin and
// initials), each with a score: log2 of how much more often the type's texts use it than all the
// types' texts together do, in jieba's units. What every type's texts use alike — the laws' register
// (应当, 规定, 当事人), the judgments' (原告, 本院) — is no sign of one type: mixed in by its plain frequency
// even at 5 %, it took the everyday words' initials from 89.2 to 86.6 % in some type (BENCHMARKS.md). The engine mixes it with the general score when
// the resident writes about that type (renderer/ime/topicRanking.ts); without a type nothing changes.
import { readFileSync } from 'node:fs';

/** type-counts.txt read back: type → { counts: word → count, tokens }. */
export function readTypeCounts(path) {
  const out = new Map();
  let current = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('# ')) continue;
    const section = /^## (\S+) \(.*?(\d+) tokens\)/.exec(line);
    if (section) {
      current = { counts: new Map(), tokens: Number(section[2]) };
      out.set(section[1], current);
    } else if (current) {
      const [word, n] = line.split(' ');
      current.counts.set(word, Number(n));
    }
  }
  return out;
}

/**
 * Per type, { words, initials }: key → "word:score …", best first, as the general lists are: each
 * word's excess frequency in the type's texts over all types' texts, (p(type) − p(all types)) ×
 * jieba's total, for the words where it is above their general frequency (`frequency`, the mixture
 * the general lists rank by; 0 for a word they lack). Lists as long as the general ones.
 */
export function topicLists(typeCounts, { frequency, total, usable, readingOf }, { maxInitials, perKey, perInitials }) {
  const topics = {};
  const pooled = new Map();
  let pooledTokens = 0;
  for (const { counts, tokens } of typeCounts.values()) {
    pooledTokens += tokens;
    for (const [word, n] of counts) pooled.set(word, (pooled.get(word) ?? 0) + n);
  }
  for (const [type, { counts, tokens }] of typeCounts) {
    const byKey = new Map();
    const byInitials = new Map();
    const add = (map, key, entry) => map.set(key, [...(map.get(key) ?? []), entry]);
    for (const [word, n] of counts) {
      const freq = (n / tokens - pooled.get(word) / pooledTokens) * total;
      if (!usable(word) || freq <= (frequency.get(word) ?? 0)) continue;
      const syllables = readingOf(word);
      const key = syllables.join('');
      if (!/^[a-z]+$/.test(key)) continue;
      const entry = { word, freq };
      add(byKey, key, entry);
      if (syllables.length <= maxInitials) add(byInitials, syllables.map((s) => s[0]).join(''), entry);
    }
    const lists = (map, limit) =>
      Object.fromEntries(
        [...map]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, list]) => [
            key,
            list
              .sort((a, b) => b.freq - a.freq || a.word.localeCompare(b.word))
              .slice(0, limit(key))
              .map((e) => `${e.word}:${Math.max(0, Math.round(Math.log2(e.freq)))}`)
              .join(' '),
          ]),
      );
    topics[type] = { words: lists(byKey, () => perKey), initials: lists(byInitials, perInitials) };
  }
  return topics;
}
