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
//   node renderer/ime/tools/buildDictionary.mjs
// The corpus was chosen for being civil judgments reachable offline, never from the benchmark's
// word list; a word it holds stays in the benchmark's held-out list (an independent text).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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

/** A text's Chinese runs, one a line (so no word is counted across a number or a masked name). */
const chineseRuns = (text) => (text.match(/[\u4e00-\u9fff]+/g) ?? []).join('\n');

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
  return new Map([...count].filter(([token]) => judgments.get(token) >= NEW_WORD_MIN_JUDGMENTS && cohesion(token, text, characters) >= NEW_WORD_MIN_COHESION));
}

function main(git2019, git2021) {
  const show = (gitDir, commit) => (path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const texts = judgmentTexts(show(git2019, CAIL2019_COMMIT), show(git2021, CAIL2021_COMMIT));
  const runsByText = texts.map(chineseRuns);
  const jieba = jiebaWords();
  const tokensByText = corpusTokensEach(runsByText);
  const tokens = tokensByText.flat();
  // Words of 2–6 characters: the dictionary's words (buildDictionary.mjs keeps those of its characters);
  // and single characters, which weigh a character in its reading (月 of the dates, as 约 of 约定 is).
  const counted = new Set([...jieba.all.keys()].filter((word) => [...word].length <= 6));
  const counts = wordCounts(tokens, jieba, counted);
  // A word jieba tags as a person's name (李俊) counts only if as many judgments use it as a new word
  // needs: a judgment names its parties, which is personal data and no sign of how disputes are
  // written, while jieba also tags 查明, 陈述 and 周转 so.
  const names = new Set([...counts.keys()].filter((word) => [...word].length >= 2 && jieba.personNames.has(word)));
  const judgmentsUsing = new Map();
  for (const textTokens of tokensByText) for (const word of wordCounts(textTokens, jieba, names).keys()) judgmentsUsing.set(word, (judgmentsUsing.get(word) ?? 0) + 1);
  for (const word of names) if (judgmentsUsing.get(word) < NEW_WORD_MIN_JUDGMENTS) counts.delete(word);
  const added = newWords(runsByText, jieba);
  for (const [word, n] of added) counts.set(word, n);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'source', 'judgment-counts.txt');
  writeFileSync(
    out,
    countsFileText(
      [
        `Generated by tools/judgmentCorpus.mjs from ${texts.length} civil judgments of CAIL2019 at ${CAIL2019_COMMIT}`,
        `and CAIL2021 at ${CAIL2021_COMMIT} (which and why: tools/judgmentCorpus.mjs): jieba's words there, with their count`,
        `(${tokens.length} tokens), single characters included, and ${added.size} words jieba lacks that its HMM finds in ≥ ${NEW_WORD_MIN_JUDGMENTS} judgments, cohesion ≥ ${NEW_WORD_MIN_COHESION} (their count: how often it finds them).`,
        `An independent corpus like jieba's: the benchmark's held-out list keeps these words.`,
      ],
      counts,
    ),
  );
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
