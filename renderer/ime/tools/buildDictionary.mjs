// Builds renderer/ime/dictionary.json, the pinyin input method's dictionary, offline:
//   node renderer/ime/tools/buildDictionary.mjs
// The committed JSON is what the kiosk loads (lazily, as its own chunk); this script is how it was
// made, so it can be rebuilt when the curated lists change. Needs the dev dependency pinyin-pro.
//
// Characters: GB2312 (level 1, then level 2), decoded from its byte ranges with TextDecoder, each
// read with pinyin-pro (characters → pinyin) and inverted to syllable → characters. Ranking, best
// first: the curated frequency list (source/common-chars.txt), then surname and given-name
// characters, then how often pinyin-pro's word lists use the character, then GB2312 order.
// Name fields rank surnames and given-name characters first (the `names` string).
// Words: jieba's dictionary (the dict.txt shipped in the npm package @node-rs/jieba, MIT licence,
// 349,046 words with corpus frequencies), every word of 2–5 characters seen at least MIN_FREQ
// times and made of characters above, read with pinyin-pro in context (还款 huán kuǎn, 不还 bù huán)
// and ranked by frequency; plus the curated list (source/words.txt: given names, local places) and
// the court's vocabulary (source/court-vocabulary.txt), which ranks first.
// Each word is indexed twice: by its whole pinyin ("huankuan") and by its initials ("hk"), and
// carries its frequency as a log2 score, so the engine can put a phrase together from words.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import DICT2 from 'pinyin-pro/dist/esm/data/dict2.mjs';
import DICT3 from 'pinyin-pro/dist/esm/data/dict3.mjs';
import SURNAMES from 'pinyin-pro/dist/esm/data/surname.mjs';

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

function curatedWords(name) {
  return readFileSync(join(sourceDir, name), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter((w) => [...w].length >= 2);
}

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
const MIN_FREQ = 20;
const WORDS_PER_KEY = 6;
const WORDS_PER_INITIALS = 8;
/** Words of up to this many syllables are indexed by initials (住房公积金 zfgjj). */
const MAX_INITIALS = 5;
const jiebaFile = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
const frequency = new Map();
for (const line of readFileSync(jiebaFile, 'utf8').split('\n')) {
  const [word, freq] = line.split(' ');
  const n = Number(freq);
  if (!word || !(n >= MIN_FREQ)) continue;
  const length = [...word].length;
  if (length < 2 || length > 6 || ![...word].every((ch) => allowed.has(ch))) continue;
  frequency.set(word, n);
}
// Curated words (names, local places) count as common words where jieba has them rarer or not at all.
const CURATED_FREQ = 2000;
for (const word of curatedWords('words.txt')) if ([...word].every((ch) => allowed.has(ch))) frequency.set(word, Math.max(frequency.get(word) ?? 0, CURATED_FREQ));
// The court's vocabulary ranks before general words of the same pinyin or initials: jieba's corpus
// is general news and web text, where 今天 outnumbers 借条 a thousand to one, but on this kiosk
// "jt" means 借条 far more often. Among themselves, court words keep jieba's order.
const COURT_FREQ = 40000;
const courtWords = new Set(curatedWords('court-vocabulary.txt').filter((word) => [...word].every((ch) => allowed.has(ch))));
for (const word of courtWords) frequency.set(word, COURT_FREQ + (frequency.get(word) ?? 0));

const byKey = new Map();
const byInitials = new Map();
// pinyin-pro reads some words with the wrong one of a character's everyday readings (还款 as
// hái kuǎn): such words are also indexed under the other everyday reading (huán kuǎn).
const alsoRead = new Map();
for (const line of everydayReadings) {
  const [ch, syllable] = line.split(' ');
  alsoRead.set(ch, [...(alsoRead.get(ch) ?? []), syllable]);
}
function readingsOf(word) {
  const chars = [...word];
  const first = pinyin(word, { type: 'array', toneType: 'none', v: true });
  let out = [first];
  chars.forEach((ch, i) => {
    for (const other of alsoRead.get(ch) ?? []) {
      if (out.length < 4 && other !== first[i]) out = [...out, ...out.map((r) => r.map((s, k) => (k === i ? other : s)))].slice(0, 4);
    }
  });
  return out;
}
for (const [word, freq] of frequency) {
  const entry = { word, freq };
  const seenKeys = new Set();
  for (const syllables of readingsOf(word)) {
    const key = syllables.join('');
    if (!/^[a-z]+$/.test(key) || seenKeys.has(key)) continue;
    seenKeys.add(key);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(entry);
    if (syllables.length <= MAX_INITIALS) {
      const initials = syllables.map((s) => s[0]).join('');
      if (!byInitials.has(initials)) byInitials.set(initials, []);
      if (!byInitials.get(initials).includes(entry)) byInitials.get(initials).push(entry);
    }
  }
}
const best = (list, limit) => list.sort((a, b) => b.freq - a.freq).slice(0, limit);
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
/**
 * Initials name many words ("jt": 今天 借条 集团 …). The court's words lead, but the commonest
 * general words keep places among the first five, so "jt" still finds 今天: court and general
 * words take turns in the pattern below (c = court word, g = general word).
 */
const INITIALS_PATTERN = 'cgcgcgcg';
function interleaved(list) {
  const court = best(
    list.filter((e) => courtWords.has(e.word)),
    WORDS_PER_INITIALS,
  );
  const general = best(
    list.filter((e) => !courtWords.has(e.word)),
    WORDS_PER_INITIALS,
  );
  const out = [];
  for (const turn of INITIALS_PATTERN) {
    const next = (turn === 'c' ? court : general).shift() ?? (turn === 'c' ? general : court).shift();
    if (next) out.push(next);
  }
  return [...out, ...court, ...general].slice(0, WORDS_PER_INITIALS);
}
const initials = Object.fromEntries(
  [...byInitials]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => [
      key,
      interleaved(list)
        .map((e) => e.word)
        .join(' '),
    ]),
);

const dictionary = {
  v: 2,
  order: ranked.join(''),
  names: [...new Set([...surnames, ...givenNames])].filter((ch) => allowed.has(ch)).join(''),
  readings: Object.fromEntries(Object.entries(readings).sort(([a], [b]) => a.localeCompare(b))),
  words,
  initials,
};
writeFileSync(outFile, `${JSON.stringify(dictionary)}\n`);
console.log(`dictionary: ${ranked.length} characters, ${Object.keys(readings).length} syllables, ${frequency.size} words, ${(JSON.stringify(dictionary).length / 1024).toFixed(0)} KiB (chars)`);
