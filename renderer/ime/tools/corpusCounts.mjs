// Counting a corpus in jieba's words, one rule for both domain corpora (the kiosk's own texts,
// domainCorpus.mjs, and the laws, lawCorpus.mjs): jieba's segmentation, and each long token also
// counted as the shorter jieba words it is made of (借款人 → 借款 人), so a word is counted however
// the corpus compounds it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';

/**
 * jieba's dictionary (the dict.txt of @node-rs/jieba): word → frequency, the frequencies' total, and
 * the words it tags as proper nouns — a person's name (nr, nrfg, nrt: 李俊), a place (ns: 吴兴国, 许国),
 * another proper noun (nz: 文龙) or an organisation (nt) — which a corpus of judgments must not count
 * for one party's sake (judgmentCorpus.mjs).
 */
export function jiebaWords() {
  const file = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
  const all = new Map();
  const properNouns = new Set();
  let total = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [word, freq, tag] = line.split(' ');
    const n = Number(freq);
    if (!word || !(n > 0)) continue;
    total += n;
    all.set(word, n);
    if (/^(nr|ns|nz|nt)/.test(tag ?? '')) properNouns.add(word);
  }
  return { all, total, properNouns };
}

/** jieba's segmentation of each text: its Chinese tokens only. */
export function corpusTokensEach(texts) {
  const jieba = Jieba.withDict(jiebaDict);
  return texts.map((text) => jieba.cut(text, false).filter((t) => /^[\u4e00-\u9fff]+$/.test(t)));
}

/** jieba's segmentation of a text: its Chinese tokens only. */
export const corpusTokens = (text) => corpusTokensEach([text])[0];

/**
 * The shorter words a long token is made of (借款人 → 借款 人, 工作人员 → 工作 人员): jieba's best split
 * of it without itself. (Its search mode would count every word inside: 作人 in 工作人员.)
 */
function partsOf(token, jieba) {
  const chars = [...token];
  const best = [{ logp: 0, words: [] }];
  for (let j = 1; j <= chars.length; j++) {
    for (let i = Math.max(0, j - 5); i < j; i++) {
      const piece = chars.slice(i, j).join('');
      const n = j - i < chars.length ? jieba.all.get(piece) : undefined;
      if (!best[i] || !(n || j - i === 1)) continue;
      const logp = best[i].logp + Math.log((n ?? 1) / jieba.total);
      if (!best[j] || logp > best[j].logp) best[j] = { logp, words: [...best[i].words, piece] };
    }
  }
  return best[chars.length].words;
}

/** Each word of `counted` (jieba's words the dictionary may hold) → how often the tokens use it. */
export function wordCounts(tokens, jieba, counted) {
  const counts = new Map();
  const count = (word) => {
    if (counted.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  };
  for (const token of tokens) {
    count(token);
    if ([...token].length >= 3) partsOf(token, jieba).forEach(count);
  }
  return counts;
}

/** A counts file: "# …" header lines, then "word count" lines, most frequent first. */
export function countsFileText(header, counts) {
  const lines = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word, n]) => `${word} ${n}`);
  return `${header.map((line) => `# ${line}`).join('\n')}\n${lines.join('\n')}\n`;
}

/** Reads a counts file back: word → count, and the token total its header records ("(N tokens)"). */
export function readCountsFile(path) {
  const text = readFileSync(path, 'utf8');
  const counts = new Map(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.split(' ')[0], Number(line.split(' ')[1])]),
  );
  const tokens = Number(/\((\d+) tokens\)/.exec(text)?.[1]);
  if (!(tokens > 0)) throw new Error(`${path}: no "(N tokens)" in its header`);
  return { counts, tokens };
}
