import { cheaperFirst, keepBest, partCost, type Path, type Scored } from './pathCost.js';
import type { Piece, PieceReader } from './typedPieces.js';

// Abbreviated letters written as phrases: initials ("mjjd"), or initials mixed with whole syllables
// ("minjianjd", "ldzhongcai"), composed of words and characters by the same unigram model and
// per-part cost as whole syllables (pathCost.ts). A word over initials comes from the initials
// index, its characters checked against the pieces (a whole syllable must be its reading); a run of
// whole syllables from the words index. K-best Viterbi over the letters. Pure and synchronous.

/**
 * Most letters an abbreviated run is composed over (a phrase of initials, "lzzcjc" 兰州中川机场, is a
 * dozen at most); longer input is written syllable by syllable.
 */
const MAX_COMPOSED = 24;
/**
 * Composed phrases offered: more than the PATHS_KEPT of whole syllables, because initials say so
 * much less (the bar's later pages hold them; "minjianjd": 民间决定 … 民间借贷, the 12th).
 */
const COMPOSED_OFFERED = 24;
/** Paths kept at each letter while composing, and four times as many for the whole. */
const COMPOSED_KEPT = 12;
/** Readings of a composed phrase tried to find it as a word: its polyphones' combinations, at most. */
const MAX_READINGS_TRIED = 32;
/** Syllables of a word at most. */
const MAX_WORD_PIECES = 6;

/** What the composer reads of the dictionary. */
export interface Lexicon {
  /** log2 of the corpus's total count. */
  totalBits: number;
  /** Words whose whole toneless pinyin is the key ("huankuan"). */
  wordsFor(key: string): Scored[];
  /** Words whose initials are the key ("hk"). */
  initialsFor(key: string): Scored[];
  /** Every initials key of the index, to stop where none begins so. */
  initialsKeys: Iterable<string>;
  /** A whole syllable's likeliest characters. */
  charsRead(syllable: string): readonly { ch: string; score: number }[];
  /** Every syllable a start of one begins ("zh": zha … zhuo). */
  syllablesStarting(start: string): readonly string[];
  /** Every syllable a character is read with. */
  readingsOf(ch: string): readonly string[];
  /** Characters tried per piece. */
  charsPerPiece: number;
  /** How many bits likelier `second` is right after `first` than alone (a general language model's word pairs); 0 if unknown. */
  pairBits(first: string, second: string): number;
}

interface Step extends Path {
  /** Where in what was typed the step ends. */
  to: number;
}

export class AbbreviationComposer {
  /** Every start of an initials key ("l", "ld", "ldz" …). */
  private readonly initialsStarts = new Set<string>();
  /** Per start of a syllable ("h", "zh", "zhon"): its likeliest characters, across the syllables it begins. */
  private readonly byStart = new Map<string, { ch: string; score: number }[]>();

  constructor(
    private readonly lexicon: Lexicon,
    private readonly pieces: PieceReader,
  ) {
    for (const key of lexicon.initialsKeys) for (let i = 1; i <= key.length; i++) this.initialsStarts.add(key.slice(0, i));
  }

  /** The likeliest phrases for all the letters, best first. */
  compose(typed: string): Path[] {
    const n = typed.length;
    if (n > MAX_COMPOSED) return [];
    const at = Array.from({ length: n + 1 }, (): Path[] => []);
    at[0] = [{ text: '', cost: 0, parts: 0 }];
    for (let i = 0; i < n; i++) {
      if (at[i]!.length === 0) continue;
      const steps = this.stepsFrom(typed, i);
      for (const from of at[i]!)
        for (const step of steps) {
          // A part the model has seen follow the one before (劳动 then 仲裁) costs that many bits less.
          const cost = from.cost + step.cost - (from.last === undefined ? 0 : this.lexicon.pairBits(from.last, step.text));
          keepBest(at[step.to]!, { text: from.text + step.text, cost, last: step.text, parts: (from.parts ?? 0) + 1 }, step.to === n ? COMPOSED_KEPT * 4 : COMPOSED_KEPT);
        }
    }
    // A phrase that is itself a word (住房 + 公积金 = 住房公积金, too rare for the initials index) is
    // as likely as that word: one part, not two (the reason parts cost PART_BITS at all).
    const costed = at[n]!.map((path) => {
      const score = this.wordScore(path.text);
      const asWord = score === null ? Infinity : partCost(this.lexicon.totalBits, score);
      return asWord <= path.cost ? { ...path, cost: asWord, parts: 1 } : path;
    });
    return costed.sort(cheaperFirst).slice(0, COMPOSED_OFFERED);
  }

  /** The dictionary's score for a text that is one of its words (found by its characters' readings), else null. */
  private wordScore(text: string): number | null {
    const chars = [...text];
    if (chars.length < 2) return null;
    let keys = [''];
    for (const ch of chars) {
      keys = keys.flatMap((key) => this.lexicon.readingsOf(ch).map((r) => key + r));
      if (keys.length > MAX_READINGS_TRIED) return null;
    }
    for (const key of keys) {
      const found = this.lexicon.wordsFor(key).find((w) => w.word === text);
      if (found) return found.score;
    }
    return null;
  }

  /** Every word or character that may be written for letters starting at `start`, with its cost. */
  private stepsFrom(typed: string, start: number): Step[] {
    const steps: Step[] = [];
    const add = (text: string, score: number, to: number) => steps.push({ text, cost: partCost(this.lexicon.totalBits, score), to });
    const walk = (to: number, run: Piece[], key: string) => {
      if (run.length === 1) {
        const piece = run[0]!;
        for (const { ch, score } of piece.whole ? this.lexicon.charsRead(piece.text) : this.charsStarting(piece.text)) add(ch, score, to);
      } else if (run.length >= 2) {
        if (run.every((p) => p.whole)) for (const { word, score } of this.lexicon.wordsFor(run.map((p) => p.text).join(''))) add(word, score, to);
        else
          for (const { word, score } of this.lexicon.initialsFor(key)) {
            const chars = [...word];
            if (chars.length === run.length && run.every((p, i) => this.pieces.fits(chars[i]!, p))) add(word, score, to);
          }
      }
      if (run.length === MAX_WORD_PIECES) return;
      for (const piece of this.pieces.piecesAt(typed, to)) {
        const next = [...run, piece];
        const nextKey = key + piece.text[0]!;
        // A run with an initial is found only by the initials index: stop where no key begins so.
        if (next.length > 1 && next.some((p) => !p.whole) && !this.initialsStarts.has(nextKey)) continue;
        walk(to + piece.text.length, next, nextKey);
      }
    };
    walk(start, [], '');
    return steps;
  }

  /** The likeliest characters whose reading starts with the letters ("h": 和 还 会 …), for an initial or an unfinished syllable. */
  private charsStarting(start: string): { ch: string; score: number }[] {
    let list = this.byStart.get(start);
    if (!list) {
      const all = this.lexicon.syllablesStarting(start).flatMap((syllable) => this.lexicon.charsRead(syllable));
      list = all.sort((a, b) => b.score - a.score).slice(0, this.lexicon.charsPerPiece);
      this.byStart.set(start, list);
    }
    return list;
  }
}
