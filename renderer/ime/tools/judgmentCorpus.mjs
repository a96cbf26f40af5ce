// The third domain corpus of the pinyin dictionary: civil judgments, the texts closest to what a
// resident writes about a dispute (the plaintiff's claim, the respondent's answer, the facts found).
// Court judgments are documents of a judicial nature, not protected by copyright (Copyright Law of
// the PRC, art. 5), the ground the laws stand on (lawCorpus.mjs). They are read from the public
// repositories of the China AI and Law Challenge (CAIL), which published them as taken from China
// Judgments Online (wenshu.court.gov.cn), names masked; renderer/ime/README.md records what is used and why.
// Only the judgments' own text is read, never what the repositories wrote (questions, answers,
// labels). The texts are NOT committed: this tool writes source/judgment-counts.txt.
//   git clone https://github.com/china-ai-law-challenge/CAIL2019 /tmp/CAIL2019   (any copy holding CAIL2019_COMMIT)
//   git clone https://github.com/china-ai-law-challenge/CAIL2021 /tmp/CAIL2021   (CAIL2021_COMMIT)
//   node renderer/ime/tools/judgmentCorpus.mjs /tmp/CAIL2019/.git /tmp/CAIL2021/.git
//   rm -rf /tmp/CAIL2019 /tmp/CAIL2021   (only the counts are kept)
//   node renderer/ime/tools/buildDictionary.mjs
// The corpus was chosen for being civil judgments reachable offline, never from the benchmark's
// word list; a word it holds stays in the benchmark's held-out list (an independent text).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';
import { corpusTokensEach, countsFileText, jiebaWords, wordCounts } from './corpusCounts.mjs';

/** china-ai-law-challenge/CAIL2019 (18 Mar 2021) and CAIL2021 (16 Oct 2021), the commits read. */
export const CAIL2019_COMMIT = '010ebcedb4a1faf0ae25576254d134fa518e4830';
export const CAIL2021_COMMIT = '4f87aecf7f0e7337d68225e2c5dbe78e19f8f1f3';

/**
 * A word jieba lacks (网贷) is taken from the judgments when its segmentation with jieba's HMM finds
 * it in at least this many judgments: one judgment's names and places stay out. Fixed before any
 * word was looked at.
 */
const NEW_WORD_MIN_JUDGMENTS = 3;
/**
 * …and when its parts go together 2^5 = 32 times more often than chance (the least, over the ways to
 * cut it in two, of log2 f(word)·N / (f(left)·f(right)), f counting occurrences in the judgments' text
 * of N characters): jieba's HMM also cuts a date's tail or a function word with its neighbour (日至,
 * 元及, 故对: 3 to 4), which no resident means to type. Set by reading the new words it found
 * (微信 9.5, 交强险 8.4, 竞业 8.4), not the benchmark's list.
 */
const NEW_WORD_MIN_COHESION = 5;

/**
 * The judgments, one text each:
 * - CAIL2019 reading comprehension (阅读理解/data, the dev and test sets; the training set is not in
 *   the repository): first-instance judgments' facts or the plaintiff's claim, the "civil" domain only;
 * - CAIL2019 similar case matching (scm/baseline/tf_idf/input.txt): facts of private-loan judgments;
 * - CAIL2021 argument understanding (lblj/Task2.1, focus_recognition-train.json): civil judgments'
 *   claim, answer and the court's reasoning paragraphs.
 */
export function judgmentTexts(show2019, show2021) {
  const texts = new Set();
  for (const file of ['阅读理解/data/dev_ground_truth.json', '阅读理解/data/test_ground_truth.json']) {
    for (const doc of JSON.parse(show2019(file)).data) {
      if (doc.domain === 'civil') for (const paragraph of doc.paragraphs) texts.add(paragraph.context);
    }
  }
  for (const line of show2019('scm/baseline/tf_idf/input.txt').split('\n')) {
    if (line.trim() === '') continue;
    const triple = JSON.parse(line);
    for (const key of ['A', 'B', 'C']) texts.add(triple[key]);
  }
  for (const doc of JSON.parse(show2021('lblj/Task2.1/baseline/data/raw_data/SMP-CAIL2021-focus_recognition-train.json')).dataset) {
    texts.add([doc['诉称段'], doc['辩称段'], doc['裁判分析过程段']].join('\n'));
  }
  return [...texts];
}

/**
 * Document numbers are no prose and no resident types them: a case number ((2015)浙杭钱证内字第10923号),
 * a file number (渝广台发(2009)178号, 涿商罚字(2014)第6号, 委贷字第0266号) or a registration number
 * (国作登字-2017-…). Cut out before counting; the "字" form may take a few characters of prose before it.
 */
const DOCUMENT_NUMBER = new RegExp(
  [
    String.raw`(?:[\u4e00-\u9fff]{1,8}[字发])?[（(〔［\[]\d{4}[）)〕］\]](?:[\u4e00-\u9fff\dxX（()）]{0,12}?第?[\dxX]+号)?`,
    String.raw`[\u4e00-\u9fff\dxX]{1,12}字第?[\dxX]+号`,
    String.raw`[\u4e00-\u9fff]{1,8}字-?\d{2,4}-`,
  ].join('|'),
  'g',
);

/** A text's Chinese runs, one a line (so no word is counted across a number, a masked name or a document number). */
const chineseRuns = (text) => (text.replace(DOCUMENT_NUMBER, '\n').match(/[\u4e00-\u9fff]+/g) ?? []).join('\n');

/** How much more often a word's parts go together than chance (NEW_WORD_MIN_COHESION). */
function cohesion(word, text, characters) {
  const occurrences = (piece) => text.split(piece).length - 1;
  const chars = [...word];
  let least = Infinity;
  for (let cut = 1; cut < chars.length; cut++) {
    const ratio = (occurrences(word) * characters) / (occurrences(chars.slice(0, cut).join('')) * occurrences(chars.slice(cut).join('')));
    least = Math.min(least, Math.log2(ratio));
  }
  return least;
}

/**
 * Words jieba lacks that its HMM segmentation finds in at least NEW_WORD_MIN_JUDGMENTS judgments,
 * 2–4 characters, cohesive enough, with their count. A masked name (周某甲, 某公司) is never a word.
 */
function newWords(runsByText, jieba) {
  const cutter = Jieba.withDict(jiebaDict);
  const count = new Map();
  const judgments = new Map();
  for (const runs of runsByText) {
    const seen = new Set();
    for (const token of cutter.cut(runs, true)) {
      const length = [...token].length;
      if (length < 2 || length > 4 || !/^[\u4e00-\u9fff]+$/.test(token) || token.includes('某') || jieba.all.has(token)) continue;
      count.set(token, (count.get(token) ?? 0) + 1);
      seen.add(token);
    }
    for (const token of seen) judgments.set(token, (judgments.get(token) ?? 0) + 1);
  }
  const text = runsByText.join('\n');
  const characters = text.replace(/\n/g, '').length;
  return new Map(
    [...count].filter(
      ([token]) => judgments.get(token) >= NEW_WORD_MIN_JUDGMENTS && cohesion(token, text, characters) >= NEW_WORD_MIN_COHESION && !ADDRESS_UNIT.test(token) && standsAlone(uses(token, runsByText)),
    ),
  );
}

/** A new word ending in an administrative unit (白蕉镇, 沟村) is a piece of a party's address, personal data. */
const ADDRESS_UNIT = /[省市县区乡镇村]$/;

/**
 * Where a word is used: the character before and after each use ('' at a run's edge: a number, a
 * punctuation mark, a document number), and how many judgments bring a context (two characters each
 * side) that no judgment counted before them did — related cases repeat one party's name and address
 * in the same words, and count once.
 */
function uses(word, runsByText) {
  const before = new Map();
  const after = new Map();
  const contexts = new Set();
  let judgments = 0;
  const add = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const runs of runsByText) {
    const fresh = new Set();
    for (let at = runs.indexOf(word); at >= 0; at = runs.indexOf(word, at + 1)) {
      const left = runs
        .slice(Math.max(0, at - 2), at)
        .split('\n')
        .at(-1);
      const right = runs.slice(at + word.length, at + word.length + 2).split('\n')[0];
      add(before, left.slice(-1));
      add(after, right.slice(0, 1));
      if (!contexts.has(`${left}|${right}`)) fresh.add(`${left}|${right}`);
    }
    if (fresh.size > 0) judgments++;
    for (const context of fresh) contexts.add(context);
  }
  return { before, after, judgments, total: [...before.values()].reduce((a, b) => a + b, 0) };
}

/**
 * A new word stands alone when ≥ NEW_WORD_MIN_JUDGMENTS judgments bring their own context for it
 * (uses) and no one neighbour takes half its uses or more on either side: a word mostly used inside one
 * longer string is a piece of that string — a party's name (金穗 of 定远县金穗汽车运输有限公司, 华庭
 * of 华庭公司), a phrase cut short (以无钱 为由, 人代其 of 第三人代其), a number's unit (日起, 元整).
 */
const standsAlone = ({ before, after, judgments, total }) => judgments >= NEW_WORD_MIN_JUDGMENTS && Math.max(...before.values()) < total / 2 && Math.max(...after.values()) < total / 2;

/** The characters of the IME's name fields: surnames and given names (source/surnames.txt, given-names.txt). */
const nameCharacters = (file) =>
  new Set([...readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'source', file), 'utf8').replace(/^#.*$/gm, '')].filter((ch) => /[\u4e00-\u9fff]/.test(ch)));
const SURNAMES = nameCharacters('surnames.txt');
const GIVEN_NAME_CHARACTERS = nameCharacters('given-names.txt');
/** Made of name characters only (程程, 秀兰, 建国): possibly a person's name. */
const nameShaped = (word) => [...word].every((ch) => GIVEN_NAME_CHARACTERS.has(ch) || SURNAMES.has(ch));

/**
 * Counted words of 2–3 name characters (given names' or surnames') that the judgments use only right after a surname
 * (冯程程): given names. (Any two characters would take rare words too: 都觉得, 于大家.)
 */
function onlyAfterSurnames(counts, runsByText) {
  const afterSurname = new Map();
  const elsewhere = new Set();
  for (const runs of runsByText) {
    for (let at = 0; at < runs.length; at++) {
      for (const length of [2, 3]) {
        const word = runs.slice(at, at + length);
        // (A run's last characters give a shorter slice: 迟 of …迟, no given name.)
        if (word.length < length || !counts.has(word) || !nameShaped(word)) continue;
        if (SURNAMES.has(runs[at - 1])) afterSurname.set(word, (afterSurname.get(word) ?? 0) + 1);
        else elsewhere.add(word);
      }
    }
  }
  return [...afterSurname.keys()].filter((word) => !elsewhere.has(word));
}

/**
 * Takes out of a corpus's counts the words that are personal data, no sign of how disputes are
 * written (the judgments' rule, also the consultations' — consultationCorpus.mjs): a word jieba tags
 * as a proper noun — a name (李俊), a place (许国), another (文龙) — counts only if as many texts use
 * it as a new word needs (a text names its parties and their addresses, while jieba also tags 查明,
 * 陈述 and 周转 so); and a given name jieba takes for a common word (程程 of 冯程程), one used only
 * right after a surname, not at all. Returns those given names.
 */
export function withoutPersonalWords(counts, tokensByText, runsByText, jieba) {
  const properNouns = new Set([...counts.keys()].filter((word) => [...word].length >= 2 && jieba.properNouns.has(word)));
  const textsUsing = new Map();
  for (const textTokens of tokensByText) for (const word of wordCounts(textTokens, jieba, properNouns).keys()) textsUsing.set(word, (textsUsing.get(word) ?? 0) + 1);
  for (const word of properNouns) if (textsUsing.get(word) < NEW_WORD_MIN_JUDGMENTS) counts.delete(word);
  const givenNames = onlyAfterSurnames(counts, runsByText);
  for (const word of givenNames) counts.delete(word);
  return givenNames;
}

/** A corpus of texts (judgments, or consultation questions) read into jieba's words, counted: the one rule of both. */
export function countedTexts(texts) {
  const runsByText = texts.map(chineseRuns);
  const jieba = jiebaWords();
  const tokensByText = corpusTokensEach(runsByText);
  const tokens = tokensByText.flat();
  // Words of 2–6 characters: the dictionary's words (buildDictionary.mjs keeps those of its characters);
  // and single characters, which weigh a character in its reading (月 of the dates, as 约 of 约定 is).
  const counted = new Set([...jieba.all.keys()].filter((word) => [...word].length <= 6));
  return { runsByText, jieba, tokensByText, tokens, counts: wordCounts(tokens, jieba, counted) };
}

function main(git2019, git2021) {
  const show = (gitDir, commit) => (path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const texts = judgmentTexts(show(git2019, CAIL2019_COMMIT), show(git2021, CAIL2021_COMMIT));
  const { runsByText, jieba, tokensByText, tokens, counts } = countedTexts(texts);
  const givenNames = withoutPersonalWords(counts, tokensByText, runsByText, jieba);
  const added = newWords(runsByText, jieba);
  for (const [word, n] of added) counts.set(word, n);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'source', 'judgment-counts.txt');
  writeFileSync(
    out,
    countsFileText(
      [
        `Generated by tools/judgmentCorpus.mjs from ${texts.length} civil judgments of CAIL2019 at ${CAIL2019_COMMIT}`,
        `and CAIL2021 at ${CAIL2021_COMMIT} (which and why: tools/judgmentCorpus.mjs): jieba's words there, with their count`,
        `(${tokens.length} tokens), document numbers cut out, single characters included, proper nouns only if ≥ ${NEW_WORD_MIN_JUDGMENTS} judgments use them, no given names;`,
        `and ${added.size} words jieba lacks that its HMM finds in ≥ ${NEW_WORD_MIN_JUDGMENTS} judgments bringing their own context, cohesion ≥ ${NEW_WORD_MIN_COHESION}, free of one neighbour, no address piece (their count: how often it finds them).`,
        `An independent corpus like jieba's: the benchmark's held-out list keeps these words.`,
      ],
      counts,
    ),
  );
  console.log(`given names left out: ${givenNames.length}: ${givenNames.join(' ')}`);
  console.log(
    `judgment corpus: ${texts.length} judgments, ${runsByText.join('').length} characters, ${tokens.length} tokens, ${counts.size - added.size} jieba words and characters + ${added.size} new → ${out}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[3]) {
    console.error('usage: node renderer/ime/tools/judgmentCorpus.mjs <git dir of CAIL2019> <git dir of CAIL2021>');
    process.exit(2);
  }
  main(process.argv[2], process.argv[3]);
}
