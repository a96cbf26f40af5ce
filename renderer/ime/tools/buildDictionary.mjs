// Builds renderer/ime/dictionary.json, the pinyin input method's dictionary, offline:
//   node renderer/ime/tools/buildDictionary.mjs
// The committed JSON is what the kiosk loads (lazily, as its own chunk); this script is how it was
// made, so it can be rebuilt when jieba, pinyin-pro, the kiosk's texts or source/law-counts.txt change (it also writes
// source/domain-counts.txt, which the benchmark reads). Needs the dependencies pinyin-pro and @node-rs/jieba.
//
// Characters: GB2312 (level 1, then level 2), decoded from its byte ranges with TextDecoder, each
// read with pinyin-pro (characters → pinyin) and inverted to syllable → characters. Ranking, best
// first: the curated frequency list (source/common-chars.txt), then surname and given-name
// characters, then how often pinyin-pro's word lists use the character, then GB2312 order.
// Name fields rank surnames and given-name characters first (the `names` string).
// Words: jieba's dictionary (the dict.txt shipped in the npm package @node-rs/jieba, MIT licence,
// 349,046 words with corpus frequencies), every word of 2–6 characters seen at least MIN_FREQ times
// and made of characters above, read with pinyin-pro in context (还款 huán kuǎn, 不还 bù huán) and
// ranked by frequency, with a derived domain signal: each word's count in the kiosk's own texts
// (domainCorpus.mjs), in the laws of its dispute types (lawCorpus.mjs → source/law-counts.txt) and in
// civil judgments (judgmentCorpus.mjs → source/judgment-counts.txt) and in people's legal-consultation
// questions (consultationCorpus.mjs → source/consultation-counts.txt) mixed in (below); the counts are
// committed, so this build needs no law, judgment or question text. A general language model (fcitx5's libime,
// LGPL-2.1-or-later: tools/lmScores.mjs → source/lm-scores.txt, lm-pairs.txt) adds its unigrams at 5 %,
// the words it has that jieba lacks and its word pairs (below). No hand-made list ranks a word: source/words.txt only adds
// words jieba lacks entirely, at its lowest frequency. Licences: ../README.md.
// Each word is indexed twice: by its whole pinyin ("huankuan") and by its initials ("hk"), and
// carries its frequency as a log2 score, so the engine can put a phrase together from words.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import DICT2 from 'pinyin-pro/dist/esm/data/dict2.mjs';
import DICT3 from 'pinyin-pro/dist/esm/data/dict3.mjs';
import SURNAMES from 'pinyin-pro/dist/esm/data/surname.mjs';
import { corpusTokens as tokensOf, countsFileText, jiebaWords, readCountsFile, readLmScores, wordCounts } from './corpusCounts.mjs';
import { domainCorpus } from './domainCorpus.mjs';
import { lmPairs } from './lmPairs.mjs';
import { readTypeCounts, topicLists } from './topicLists.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = join(here, '..', 'source');
const outFile = join(here, '..', 'dictionary.json');

/** Characters of a curated list, in order, without comments, whitespace or repeats. */
function curated(name) {
  const text = readFileSync(join(sourceDir, name), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('');
  return [...new Set([...text.replace(/\s+/g, '')])];
}

/** Entries of a curated word list: "word" or "word/syl-syl" (a reading given by hand). */
function curatedEntries(name) {
  return readFileSync(join(sourceDir, name), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter((w) => [...w.split('/')[0]].length >= 2);
}
const curatedWords = (name) => curatedEntries(name).map((entry) => entry.split('/')[0]);

/** GB2312 rows 16–55 are level 1 (3755 characters, row 55 ends at 0xF9); rows 56–87 are level 2. */
function gb2312(firstRow, lastRow) {
  const decoder = new TextDecoder('gb18030');
  const out = [];
  for (let row = firstRow; row <= lastRow; row++) {
    for (let col = 0xa1; col <= 0xfe; col++) {
      if (row === 0xd7 && col > 0xf9) break;
      const ch = decoder.decode(Uint8Array.from([row, col]));
      if (/^[\u4e00-\u9fff]$/.test(ch)) out.push(ch);
    }
  }
  return out;
}

const level1 = gb2312(0xb0, 0xd7);
const level2 = gb2312(0xd8, 0xf7);
const common = curated('common-chars.txt');
const surnames = curated('surnames.txt');
const givenNames = curated('given-names.txt');
const allowed = new Set([...level1, ...level2, ...common, ...surnames, ...givenNames]);

// How often pinyin-pro's word lists use each character: a rough stand-in for frequency.
const usage = new Map();
for (const word of [...Object.keys(DICT2), ...Object.keys(DICT3), ...Object.keys(SURNAMES)]) {
  for (const ch of word) usage.set(ch, (usage.get(ch) ?? 0) + 1);
}

const ranked = [];
const seen = new Set();
const take = (chars) => {
  for (const ch of chars) {
    if (!seen.has(ch) && allowed.has(ch)) {
      seen.add(ch);
      ranked.push(ch);
    }
  }
};
take(common);
take([...surnames, ...givenNames]);
take([...level1].sort((a, b) => (usage.get(b) ?? 0) - (usage.get(a) ?? 0)));
take([...level2].sort((a, b) => (usage.get(b) ?? 0) - (usage.get(a) ?? 0)));

const syllablesOf = (ch) => [...new Set(pinyin(ch, { multiple: true, type: 'array', toneType: 'none', v: true }).filter((s) => /^[a-z]+$/.test(s)))];

// A character's first reading keeps its rank; other readings are mostly rare (她 jiě, 家 jie) and
// rank after the 1500 most frequent characters, unless listed as everyday (还 huán, 行 háng).
const everydayReadings = new Set(
  readFileSync(join(sourceDir, 'common-readings.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.trim().replace(/\s+/, ' ')),
);
const SECONDARY_PENALTY = 1500;
const byReading = {};
ranked.forEach((ch, rank) => {
  syllablesOf(ch).forEach((syllable, i) => {
    const score = i === 0 || everydayReadings.has(`${ch} ${syllable}`) ? rank : rank + SECONDARY_PENALTY;
    (byReading[syllable] ??= []).push({ ch, score });
  });
});
const readings = Object.fromEntries(
  Object.entries(byReading).map(([syllable, list]) => [
    syllable,
    list
      .sort((a, b) => a.score - b.score)
      .map((x) => x.ch)
      .join(''),
  ]),
);

/** jieba's words: word → frequency in its corpus. */
const MIN_FREQ = 3;
const WORDS_PER_KEY = 6;
const WORDS_PER_INITIALS = 8;
/**
 * Two initials name the parts phrases are composed of ("mjjd": 民间 + 借贷, the 9th "jd" word), so
 * they keep more (34 KB). More than 16 found no more in the benchmark (BENCHMARKS.md, session 12).
 */
const WORDS_PER_TWO_INITIALS = 16;
/** Words of up to this many syllables are indexed by initials (住房公积金 zfgjj). */
const MAX_INITIALS = 5;
/**
 * Rare words (jieba's 3–19) are found by their whole pinyin only: initials name so many words that
 * a rare one never reaches the first five, and indexing them all would double the dictionary's size.
 * Those the laws or the judgments use are indexed by initials too (劳动仲裁 ldzc): 20 KB more for the
 * laws, 62 KB (raw; 21 KB brotli) for the judgments and the words they add.
 */
const INITIALS_MIN_FREQ = 20;
const perInitials = (key) => (key.length === 2 ? WORDS_PER_TWO_INITIALS : WORDS_PER_INITIALS);
const usable = (word) => {
  const length = [...word].length;
  return length >= 2 && length <= 6 && [...word].every((ch) => allowed.has(ch));
};
const jiebaList = jiebaWords();
const { all: jiebaAll, total: jiebaTotal } = jiebaList;
const jiebaFreq = new Map([...jiebaAll].filter(([word]) => usable(word)));
const frequency = new Map([...jiebaFreq].filter(([, n]) => n >= MIN_FREQ));

// The domain signal, derived rather than hand-picked, from two corpora: how often each of jieba's
// words occurs in the kiosk's own Chinese texts (domainCorpus.mjs: the resident's screens, the
// dispute types, the court's receipts and documents) and in the laws that govern the kiosk's dispute
// types (lawCorpus.mjs, counted into source/law-counts.txt), both segmented by jieba
// (corpusCounts.mjs). A resident at this kiosk writes partly about their dispute and partly in
// everyday words, so a word's probability is a mixture of the models,
// p = (1 − s − l) p(jieba) + s p(kiosk) + l p(laws); in jieba's units (divided by 1 − s − l),
// freq + count × s/(1 − s − l) × (jieba's total / the kiosk corpus's tokens) + the laws' alike.
// The benchmark's headline counts only words the kiosk's corpus lacks (the laws are not ours).
const corpus = domainCorpus(join(here, '..', '..', '..'));
const corpusTokens = tokensOf(corpus);
const domainCount = wordCounts(corpusTokens, jiebaList, jiebaFreq);
const laws = readCountsFile(join(sourceDir, 'law-counts.txt'));
const lawCount = new Map([...laws.counts].filter(([word]) => jiebaFreq.has(word)));
// The third corpus, civil judgments (judgmentCorpus.mjs → source/judgment-counts.txt): jieba's words
// there, and words jieba lacks that the judgments use (交强险, 微信), which it adds (below).
const judgments = readCountsFile(join(sourceDir, 'judgment-counts.txt'));
const judgmentCount = new Map([...judgments.counts].filter(([word]) => jiebaFreq.has(word)));
const judgmentNew = new Map([...judgments.counts].filter(([word]) => usable(word) && !jiebaAll.has(word)));
// The fourth, residents' own kind of text: people's legal-consultation questions (consultationCorpus.mjs
// → source/consultation-counts.txt), counted and mixed in as the judgments are.
const consultations = readCountsFile(join(sourceDir, 'consultation-counts.txt'));
const consultationCount = new Map([...consultations.counts].filter(([word]) => jiebaFreq.has(word)));
// s, the share of what a resident types that is the dispute's own words: ½ made the everyday words'
// initials fall from 95.2 to 79.8 % (今天 left "jt"); ⅕ keeps them within 5 points (91.2 %). Chosen
// on the everyday words (the benchmark's regression floor), never on the dispute-word test list.
const DOMAIN_SHARE = 0.2;
// l, the laws' share, decided by the same everyday words, before looking at the dispute-word list:
// the largest of 20, 10, 5, 2, 1 % that keeps their initials within 1 point of the figure without the
// laws (91.4 % in BENCHMARKS.md). The same one part in five as the kiosk's texts cost 8 points (83.2 %:
// the laws' own register, 或者 应当 规定, takes the initials' first places); 2 % cost 1.2, 1 % costs 0.8.
// For the record of other shares: IME_LAW_SHARE=0.2 node renderer/ime/tools/buildDictionary.mjs.
const LAW_SHARE = Number(process.env.IME_LAW_SHARE ?? 0.01);
// j, the judgments' share, decided by the same rule on the same everyday words (session 13), never
// on the dispute-word list: the largest of 20, 10, 5, 2, 1 % that keeps their initials within 1 point
// of the figure without the judgments (90.8 %) and their full pinyin not lower — 5 % (90.0) — and
// that keeps the kiosk's own tests of writing: at 5 % the judgments' 为 outweighs the rare 未还, and
// 完成 wrote "weihuan" as 为还 (tests/e2e/residentChecks.test.ts); 2 % (90.4) keeps both (BENCHMARKS.md).
const JUDGMENT_SHARE = Number(process.env.IME_JUDGMENT_SHARE ?? 0.02);
// m, the general language model's share (fcitx5's libime zh_CN.lm, its unigrams read offline into
// source/lm-scores.txt by tools/lmScores.mjs): a second general corpus beside jieba's, decided by the
// laws' rule on the everyday words and the names tests, never on the dispute-word list (session 14):
// the largest of 60, 40, 20, 10, 5 % that keeps the everyday words' initials within 1 point of 90.4
// and the names tests at 39/40 and 65/70 is 10 % (89.6; 20 % gives 88.2), but at 10 % 完成 wrote
// "weihuan" as 为还 (the corpora's and the model's part of 为 outweigh words.txt's 未还, which no
// corpus counts: tests/e2e/residentChecks.test.ts), as the judgments' 5 % did in session 13; 5 %, the
// next share down, keeps it (89.8). Figures: BENCHMARKS.md.
const LM_SHARE = Number(process.env.IME_LM_SHARE ?? 0.05);
// c, the consultation questions' share, by the laws' rule on the everyday words and the names tests
// only (session 15): the largest of 20, 10, 5, 2, 1 % that keeps their initials within 1 point of 90
// and the names at 39/40, 65/70: 5 % (89.2; 10 % gives 88.4). 完成 keeps writing "weihuan" as 未还
// because the questions count words.txt's words too (未还 3 times; without that even 1 % wrote 为还).
// Figures: BENCHMARKS.md.
const CONSULTATION_SHARE = Number(process.env.IME_CONSULTATION_SHARE ?? 0.05);
/**
 * Words of the model's own dictionary that jieba lacks (讨薪, 网贷, 酒驾: 39,927) are added, read as
 * that dictionary reads them, ranked last for their letters (below). IME_LM_NEW=0 leaves them out.
 */
const LM_NEW_WORDS = process.env.IME_LM_NEW !== '0';
const lm = readLmScores(join(sourceDir, 'lm-scores.txt'));
const tokens = corpusTokens.length;
const jiebaShare = 1 - DOMAIN_SHARE - LAW_SHARE - JUDGMENT_SHARE - LM_SHARE - CONSULTATION_SHARE;
const domainWeight = (DOMAIN_SHARE / jiebaShare) * (jiebaTotal / tokens);
const lawWeight = (LAW_SHARE / jiebaShare) * (jiebaTotal / laws.tokens);
const judgmentWeight = (JUDGMENT_SHARE / jiebaShare) * (jiebaTotal / judgments.tokens);
const consultationWeight = (CONSULTATION_SHARE / jiebaShare) * (jiebaTotal / consultations.tokens);
// The model's part is a probability already: in jieba's units, p × m / (1 − s − l − j − m) × jieba's total.
const lmWeight = (LM_SHARE / jiebaShare) * jiebaTotal;
const lmPart = (word) => (LM_SHARE > 0 ? (lm.probability.get(word) ?? 0) * lmWeight : 0);
for (const word of new Set([
  ...domainCount.keys(),
  ...(LAW_SHARE > 0 ? lawCount.keys() : []),
  ...(JUDGMENT_SHARE > 0 ? judgmentCount.keys() : []),
  ...(CONSULTATION_SHARE > 0 ? consultationCount.keys() : []),
  ...(LM_SHARE > 0 ? [...frequency.keys()].filter((w) => lm.probability.has(w)) : []),
])) {
  const disputeTextsPart = (judgmentCount.get(word) ?? 0) * judgmentWeight + (consultationCount.get(word) ?? 0) * consultationWeight;
  frequency.set(word, Math.round(jiebaFreq.get(word) + (domainCount.get(word) ?? 0) * domainWeight + (lawCount.get(word) ?? 0) * lawWeight + disputeTextsPart + lmPart(word)));
}
// Words jieba lacks that the judgments use: their frequency is the judgments' alone (the same
// mixture, jieba's part being 0), at least the lowest kept, so they are found.
const fromJudgments = JUDGMENT_SHARE > 0 ? [...judgmentNew].filter(([word]) => !frequency.has(word)) : [];
for (const [word, n] of fromJudgments) frequency.set(word, Math.max(MIN_FREQ, Math.round(n * judgmentWeight + lmPart(word))));
// Words the model's dictionary has and jieba lacks (not the judgments' new words, which are counted).
// A surname and given-name characters of our list (李华) is a person's name, no sign of how disputes
// are written, and would push the given names of words.txt (丽华) out of a name's syllables: not added.
// Only that shape: names with other characters, public figures' among them (屠呦呦, 韩寒), remain.
const personName = (word) => [...word].length <= 3 && surnames.includes([...word][0]) && [...word].slice(1).every((ch) => givenNames.includes(ch));
const fromLm = LM_NEW_WORDS ? [...lm.readings.keys()].filter((word) => usable(word) && !frequency.has(word) && !personName(word)) : [];
// They rank after every word of jieba's, the judgments' and words.txt's for the same letters (below the
// lowest kept): at the model's part, 为患 outranked words.txt's 未还 for "weihuan", and 完成 wrote it
// (tests/e2e/residentChecks.test.ts) — a word only the general model knows is found, never preferred.
const LM_NEW_FREQ = MIN_FREQ - 1;
for (const word of fromLm) frequency.set(word, LM_NEW_FREQ);
writeFileSync(
  join(sourceDir, 'domain-counts.txt'),
  countsFileText(
    [
      `Generated by tools/buildDictionary.mjs: jieba's words in the kiosk's own texts (tools/domainCorpus.mjs), with`,
      `their count there (${tokens} tokens). These words are boosted; the benchmark's held-out figure excludes them.`,
    ],
    domainCount,
  ),
);

// Words jieba lacks entirely (source/words.txt: a few place names around the court) are added at the
// lowest frequency jieba's words are kept at, so they are found, or at the model's part where it knows
// them, which may rank them over jieba's rarest words for the same letters.
const addedFromJudgments = new Set([...fromJudgments.map(([word]) => word), ...fromLm]);
const added = curatedWords('words.txt').filter((word) => usable(word) && !jiebaFreq.has(word) && !addedFromJudgments.has(word));
// The language model knows some of them (丽华, 不还): they take its part, as the judgments' new words take
// theirs, and the questions' count where people write them (未还: consultationCorpus.mjs counts them).
for (const word of added) frequency.set(word, Math.max(MIN_FREQ, Math.round(lmPart(word) + (consultations.counts.get(word) ?? 0) * consultationWeight)));

const byKey = new Map();
const byInitials = new Map();
// A word is read as pinyin-pro reads it in context (音乐 yīn yuè, 乐意 lè yì), once: a character's
// other readings are never tried on a word (乐意 as "yueyi" made 个月一直 into 个乐意支部). Where
// pinyin-pro misreads a word, source/words.txt gives its reading by hand (还款/huan-kuan).
const handReadings = new Map(
  curatedEntries('words.txt')
    .filter((entry) => entry.includes('/'))
    .map((entry) => [entry.split('/')[0], entry.split('/')[1].split('-')]),
);
const readingOf = (word) => handReadings.get(word) ?? lm.readings.get(word) ?? pinyin(word, { type: 'array', toneType: 'none', v: true });
// How often each character is read each way, counted over jieba's words by their frequency (还 in
// 还是 hái, in 归还 huán): the phrase builder weighs a character by its frequency in THAT reading.
const readCount = new Map();
for (const [word, freq] of jiebaAll) {
  if (!usable(word) && [...word].length !== 1) continue;
  const syllables = [...word].length === 1 ? [readingOf(word)[0]] : readingOf(word);
  [...word].forEach((ch, i) => {
    const counts = readCount.get(ch) ?? new Map();
    counts.set(syllables[i], (counts.get(syllables[i]) ?? 0) + freq);
    readCount.set(ch, counts);
  });
}
// The same mixture for characters in each reading: the corpora's words, read in context, count
// their characters (还款 huán kuǎn: a 还 read huán), so 还 for "huan" is likelier at this kiosk than in
// news. In jieba's units: the kiosk's tokens, each weighed as its words are, and the laws' counted words.
const domainReadFreq = new Map();
const readAs = (word, weight) => {
  const syllables = readingOf(word);
  [...word].forEach((ch, i) => domainReadFreq.set(`${ch} ${syllables[i]}`, (domainReadFreq.get(`${ch} ${syllables[i]}`) ?? 0) + weight));
};
for (const token of corpusTokens) readAs(token, domainWeight);
for (const [word, n] of lawCount) readAs(word, n * lawWeight);
// The judgments' counts hold single characters too (月 of their dates), as the kiosk's tokens do.
if (JUDGMENT_SHARE > 0) for (const [word, n] of judgments.counts) if ([...word].length === 1 || frequency.has(word)) readAs(word, n * judgmentWeight);
if (CONSULTATION_SHARE > 0) for (const [word, n] of consultations.counts) if ([...word].length === 1 || frequency.has(word)) readAs(word, n * consultationWeight);
/** log2 of a character's frequency in one reading: its jieba frequency × the share of its uses read so, plus the corpus's. */
const readingScore = (ch, syllable) => {
  const counts = readCount.get(ch);
  const all = counts ? [...counts.values()].reduce((a, b) => a + b, 0) : 0;
  const share = ((counts?.get(syllable) ?? 0) + 1) / (all + 2);
  // The general model's part of the character too, split by reading as jieba's is: without it the
  // corpora's share of a character grew with the model's (为 over 未: "weihuan" wrote 为还).
  const freq = ((jiebaAll.get(ch) ?? 1) + lmPart(ch)) * share + (domainReadFreq.get(`${ch} ${syllable}`) ?? 0);
  return Math.round(Math.log2(freq) * 10) / 10;
};
/** A word's characters' likelihood in their readings: what tells two words of the same frequency apart (未还, 未换: both jieba's rarest). */
const charsScore = (entry) => (entry.chars ??= readingOf(entry.word).reduce((sum, syllable, i) => sum + readingScore([...entry.word][i], syllable), 0));
for (const [word, freq] of frequency) {
  const entry = { word, freq };
  const syllables = readingOf(word);
  const key = syllables.join('');
  if (!/^[a-z]+$/.test(key)) continue;
  if (!byKey.has(key)) byKey.set(key, []);
  byKey.get(key).push(entry);
  const inCorpora = lawCount.has(word) || (JUDGMENT_SHARE > 0 && judgments.counts.has(word)) || (CONSULTATION_SHARE > 0 && consultations.counts.has(word));
  if (syllables.length <= MAX_INITIALS && (freq >= INITIALS_MIN_FREQ || inCorpora)) {
    const initials = syllables.map((s) => s[0]).join('');
    if (!byInitials.has(initials)) byInitials.set(initials, []);
    byInitials.get(initials).push(entry);
  }
}
const best = (list, limit) => list.sort((a, b) => b.freq - a.freq || charsScore(b) - charsScore(a)).slice(0, limit);
const score = (freq) => Math.max(0, Math.round(Math.log2(freq)));
const words = Object.fromEntries(
  [...byKey]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => [
      key,
      best(list, WORDS_PER_KEY)
        .map((e) => `${e.word}:${score(e.freq)}`)
        .join(' '),
    ]),
);
const initials = Object.fromEntries(
  [...byInitials]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => [
      key,
      best(list, perInitials(key))
        .map((e) => `${e.word}:${score(e.freq)}`)
        .join(' '),
    ]),
);

/** Syllable → the characters read so, in the list's order. */
function nameReadings(chars, readAs) {
  const out = {};
  for (const ch of chars.filter((c) => allowed.has(c))) for (const syllable of readAs(ch)) out[syllable] = (out[syllable] ?? '') + ch;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
const readingList = Object.entries(readings).sort(([a], [b]) => a.localeCompare(b));
// Which word follows which (source/lm-pairs.txt, tools/lmPairs.mjs), for the words and characters the dictionary offers.
const PAIR_MIN_LOG10 = Number(process.env.IME_PAIR_MIN_LOG10 ?? -2.5);
const offered = new Set([...Object.values(words), ...Object.values(initials)].flatMap((list) => list.split(' ').map((entry) => entry.split(':')[0])));
const pairs = lmPairs(join(sourceDir, 'lm-pairs.txt'), (word) => offered.has(word) || ([...word].length === 1 && seen.has(word)), PAIR_MIN_LOG10);
// Per dispute type (session 16: source/type-counts.txt, tools/typeCorpus.mjs): each type's words above the mixture.
const typeCounts = process.env.IME_TOPICS === '0' ? new Map() : readTypeCounts(join(sourceDir, 'type-counts.txt'));
const topics = topicLists(typeCounts, { frequency, total: jiebaTotal, usable, readingOf }, { maxInitials: MAX_INITIALS, perKey: WORDS_PER_KEY, perInitials });
const usesModel = LM_SHARE > 0 || fromLm.length > 0 || Object.keys(pairs).length > 0;
const dictionary = {
  v: 2,
  // The licence of what the model's data brought (renderer/ime/README.md). The build ships the
  // licence's text beside this file under the name it gives (scripts/build.mjs).
  ...(usesModel && {
    notice:
      "Derived in part from fcitx5's libime data (Debian libime-data and libime-data-language-model 1.0.16; Copyright 2015-2022 CSSlayer), distributed under the GNU Lesser General Public License, version 2.1 or later, whose text is shipped beside this file as ime-dictionary-LICENSE-LGPL-2.1.txt. The data derived from the model (renderer/ime/source/lm-scores.txt, lm-pairs.txt) and the tools that make it and this file (renderer/ime/tools/lmScores.cpp, lmScores.mjs, lmPairs.mjs, buildDictionary.mjs) are part of the kiosk's source, which the court receives with the kiosk: see renderer/ime/README.md",
  }),
  order: ranked.join(''),
  names: [...new Set([...surnames, ...givenNames])].filter((ch) => allowed.has(ch)).join(''),
  // Name characters by the syllable they are read with in names: a surname's surname reading (单
  // shàn), a given-name character's first reading (红 hóng, not gōng), most common first.
  surnames: nameReadings(surnames, (ch) => [pinyin(ch, { mode: 'surname', toneType: 'none', v: true })]),
  givenNames: nameReadings(givenNames, (ch) => syllablesOf(ch).slice(0, 1)),
  readings: Object.fromEntries(readingList),
  // Each character's own frequency in jieba (its single-character entry), as log2, in `order`'s order.
  charScores: ranked.map((ch) => score(jiebaAll.get(ch) ?? 1)),
  // Per syllable, in `readings`' order: log2 of the character's frequency in that reading (readingScore).
  readingScores: Object.fromEntries(readingList.map(([syllable, chars]) => [syllable, [...chars].map((ch) => readingScore(ch, syllable))])),
  // log2 of jieba's total count: a score s is a probability of 2^(s − totalBits).
  totalBits: Math.round(Math.log2(jiebaTotal) * 10) / 10,
  words,
  initials,
  // First word → "second:bits …": the second word's log2 lift after the first (language model pairs).
  ...(Object.keys(pairs).length > 0 && { pairs }),
  // Dispute type → its own words' lists (as `words`, `initials`), which the engine mixes in when the resident writes about that type.
  ...(typeCounts.size > 0 && { topics }),
};
writeFileSync(outFile, `${JSON.stringify(dictionary)}\n`);
console.log(
  `dictionary: ${ranked.length} characters, ${Object.keys(readings).length} syllables, ${frequency.size} words (${domainCount.size} boosted from ${tokens} kiosk tokens, ${lawCount.size} from the laws' ${laws.tokens} at ${LAW_SHARE}, ${judgmentCount.size} from the judgments' ${judgments.tokens} at ${JUDGMENT_SHARE} and ${fromJudgments.length} added from them, ${consultationCount.size} from the consultations' ${consultations.tokens} at ${CONSULTATION_SHARE}, ${LM_SHARE > 0 ? lm.probability.size : 0} language-model unigrams at ${LM_SHARE} and ${fromLm.length} words added from its dictionary, ${Object.values(pairs).reduce((n, list) => n + list.split(' ').length, 0)} pairs; ${added.length} added: ${added.join(' ')}), ${(JSON.stringify(dictionary).length / 1024).toFixed(0)} KiB (chars)`,
);
