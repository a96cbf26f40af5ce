// The fourth domain corpus of the pinyin dictionary: residents' own kind of text — the questions
// ordinary people asked legal-consultation services about their disputes ("我借给他两万块钱一直不还",
// "邻居占了我家宅基地"), in their words, not a lawyer's or a court's. Read from the public repository
// open-compass/LawBench (a benchmark of legal tasks), which took them from elsewhere: its task 2-4
// (consultation classification, 500 questions from liuhuanyong/CrimeKgAssitant's legal Q&A corpus) and
// task 3-8 (consultation, 500 questions from 66law.cn, 华律网, which LawBench labels hualv.com). Only
// the questions are read, never the answers, the labels or anything LawBench wrote. No licence is known
// for the questions (renderer/ime/README.md: what was and was not checked, and what the project relies
// on): only counts of jieba's and words.txt's words are committed (source/consultation-counts.txt),
// never the text; the questions are deleted once counted; names and places are left out as the judgments' are.
//   git clone https://github.com/open-compass/LawBench /tmp/LawBench   (any copy holding LAWBENCH_COMMIT)
//   node renderer/ime/tools/consultationCorpus.mjs /tmp/LawBench/.git
//   rm -rf /tmp/LawBench   (only the counts are kept)
//   node renderer/ime/tools/buildDictionary.mjs
// Chosen for being people's questions about civil disputes reachable offline, never from the
// benchmark's word list; a word it holds stays in the benchmark's held-out list (an independent text).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countsFileText, wordCounts } from './corpusCounts.mjs';
import { handWordCounts, handWords } from './handWords.mjs';
import { countedTexts, withoutPersonalWords } from './judgmentCorpus.mjs';

/** open-compass/LawBench (13 Nov 2023), the commit read. */
export const LAWBENCH_COMMIT = 'e30981bb3ff54c41571f222e0b23e92d27375388';

/**
 * A word of two or more characters counts only if at least this many questions use it. One question's
 * use weighs about 170 of jieba's frequency units at the questions' share, more than nine in ten of
 * jieba's words (median 3), so a word one person happened to write once (松解, 中方) would rise above most
 * words for its letters; and a word only one person wrote is the likeliest to be about that person.
 * Single characters always count (they only weigh a character's readings). Chosen on the everyday-words
 * and names tests (equal either way) and that reason: BENCHMARKS.md, session 15.
 */
const MIN_QUESTIONS = Number(process.env.IME_CONSULTATION_MIN_QUESTIONS ?? 2);

/** LawBench's tasks whose `question` is a person's own consultation question (the rest are judgments, exam questions, laws). */
const QUESTION_TASKS = ['data/zero_shot/2-4.json', 'data/zero_shot/3-8.json'];

/** The questions, each once (a question asked in both tasks counts once). */
export function consultationTexts(show) {
  const texts = new Set();
  for (const file of QUESTION_TASKS) for (const item of JSON.parse(show(file))) texts.add(item.question.trim());
  return [...texts].filter((text) => text !== '');
}

function main(gitDir) {
  const show = (path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${LAWBENCH_COMMIT}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const texts = consultationTexts(show);
  // Counted as the judgments are: jieba's words of 2–6 characters, and single characters.
  const { runsByText, jieba, tokensByText, tokens, counts } = countedTexts(texts);
  // The words words.txt adds that jieba lacks (未还, 不还, 没还): jieba's segmentation cannot find a
  // word it lacks, so they are counted as strings in the questions' Chinese runs. People write them
  // (未还 3 times here), and a hand-added word otherwise has only the lowest frequency, which any
  // corpus's share of its characters outweighs (为还 for "weihuan"). Not its given names (handWords.mjs).
  const wordsTxt = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'source', 'words.txt'), 'utf8');
  const byHand = handWords(wordsTxt).filter((word) => !jieba.all.has(word));
  const handCounts = handWordCounts(runsByText, byHand);
  for (const [word, { uses }] of handCounts) counts.set(word, uses);
  const questionsUsing = new Map([...handCounts].map(([word, { texts }]) => [word, texts]));
  const counted = new Set([...counts.keys()].filter((word) => [...word].length >= 2 && !handCounts.has(word)));
  for (const textTokens of tokensByText) for (const word of wordCounts(textTokens, jieba, counted).keys()) questionsUsing.set(word, (questionsUsing.get(word) ?? 0) + 1);
  const once = [...questionsUsing].filter(([, n]) => n < MIN_QUESTIONS).map(([word]) => word);
  for (const word of once) counts.delete(word);
  const givenNames = withoutPersonalWords(counts, tokensByText, runsByText, jieba);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'source', 'consultation-counts.txt');
  writeFileSync(
    out,
    countsFileText(
      [
        `Generated by tools/consultationCorpus.mjs from ${texts.length} people's legal-consultation questions of open-compass/LawBench at ${LAWBENCH_COMMIT}`,
        `(tasks 2-4 and 3-8, the questions only; which and why: tools/consultationCorpus.mjs, renderer/ime/README.md): jieba's words there, with their count`,
        `(${tokens.length} tokens), single characters included, a word only if ≥ ${MIN_QUESTIONS} questions use it, proper nouns only if ≥ 3, no given names;`,
        `and the words source/words.txt adds that jieba lacks, counted as strings (their count: how often the questions hold them).`,
        `An independent corpus like jieba's: the benchmark's held-out list keeps these words.`,
      ],
      counts,
    ),
  );
  console.log(`given names left out: ${givenNames.length}: ${givenNames.join(' ')}`);
  console.log(`words fewer than ${MIN_QUESTIONS} questions use, left out: ${once.length}`);
  const fromWordsTxt = byHand.filter((word) => counts.has(word));
  console.log(`words.txt's words found: ${fromWordsTxt.map((word) => `${word} ${counts.get(word)}`).join(', ')}`);
  console.log(
    `consultation corpus: ${texts.length} questions, ${runsByText.join('').replaceAll('\n', '').length} Chinese characters, ${tokens.length} tokens, ${counts.size} words and characters → ${out}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) {
    console.error('usage: node renderer/ime/tools/consultationCorpus.mjs <git dir of open-compass/LawBench>');
    process.exit(2);
  }
  main(process.argv[2]);
}
