// Pinyin → Chinese candidates for the on-screen keyboard. The dictionary (dictionary.json, built by
// tools/buildDictionary.mjs from jieba's word frequencies and pinyin-pro's readings) maps toneless
// syllables to characters in rank order, whole-word pinyin to words, and initials ("hk") to words.
// The engine splits what was typed into syllables and offers: words for the whole input, a phrase
// put together from the fewest (then most frequent) words, words for the initials, then words for
// shorter runs and characters for the first syllable. Pure and synchronous.

export interface PinyinDictionary {
  v: 2;
  /** Every character, most frequent first. */
  order: string;
  /** Surname and given-name characters, ranked for name fields. */
  names: string;
  readings: Record<string, string>;
  /** log2 of each character's frequency, in `order`'s order (phrases weigh characters and words alike). */
  charScores?: number[];
  /** Toneless pinyin of a whole word → "word:score" entries, space-separated, best first (score: log2 of its frequency). */
  words: Record<string, string>;
  /** Initials of a word's syllables ("hk") → words, space-separated, best first. */
  initials: Record<string, string>;
}

export interface Candidate {
  text: string;
  /** How many letters of the typed pinyin this candidate uses up. */
  consumed: number;
}

export type RankingMode = 'text' | 'name';

const MAX_SYLLABLE = 6;

export class PinyinEngine {
  private readonly syllables: Set<string>;
  private readonly prefixes = new Map<string, string[]>();
  private readonly rank = new Map<string, number>();
  private readonly nameRank = new Map<string, number>();
  private readonly charScore = new Map<string, number>();

  constructor(private readonly dictionary: PinyinDictionary) {
    this.syllables = new Set(Object.keys(dictionary.readings));
    for (const syllable of this.syllables) {
      for (let i = 1; i <= syllable.length; i++) {
        const prefix = syllable.slice(0, i);
        const list = this.prefixes.get(prefix) ?? [];
        list.push(syllable);
        this.prefixes.set(prefix, list);
      }
    }
    [...dictionary.order].forEach((ch, i) => {
      this.rank.set(ch, i);
      this.charScore.set(ch, dictionary.charScores?.[i] ?? 0);
    });
    [...dictionary.names].forEach((ch, i) => this.nameRank.set(ch, i));
  }

  /**
   * Splits typed letters into the fewest syllables (longer first on ties), the last of which may
   * be unfinished ("wangj" → wang, j). Null when the letters cannot be pinyin.
   */
  segment(letters: string): string[] | null {
    const n = letters.length;
    if (n === 0) return [];
    const best = new Array<string[] | null>(n + 1).fill(null);
    best[n] = [];
    for (let i = n - 1; i >= 0; i--) {
      for (let len = Math.min(MAX_SYLLABLE, n - i); len >= 1; len--) {
        const piece = letters.slice(i, i + len);
        const rest = best[i + len];
        const fits = this.syllables.has(piece) ? rest !== null : i + len === n && this.prefixes.has(piece);
        if (!fits) continue;
        const candidate = [piece, ...(rest ?? [])];
        if (best[i] === null || candidate.length < best[i]!.length) best[i] = candidate;
      }
    }
    return best[0] ?? null;
  }

  candidates(letters: string, mode: RankingMode = 'text', limit = 60): Candidate[] {
    const typed = letters.toLowerCase();
    const pieces = this.segment(typed);
    const initials = this.byInitials(typed);
    if (!pieces || pieces.length === 0) return initials.slice(0, limit).map((text) => ({ text, consumed: typed.length }));
    const out: Candidate[] = [];
    const seen = new Set<string>();
    const push = (text: string, consumed: number) => {
      const key = `${text}/${consumed}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ text, consumed });
    };
    const whole = pieces.every((p) => this.syllables.has(p));
    // Words over the longest run of whole syllables first: "jianguo" offers 建国 before 见.
    for (let k = pieces.length; k >= 2; k--) {
      const run = pieces.slice(0, k);
      if (!run.every((p) => this.syllables.has(p))) continue;
      const key = run.join('');
      for (const { word } of this.wordsFor(key)) push(word, key.length);
      // After the words for everything typed: the phrase the fewest words make of it.
      if (k === pieces.length && k >= 3) {
        const phrase = this.phrase(pieces);
        if (phrase) push(phrase, key.length);
      }
    }
    // Letters that are also initials ("fy": 法院) offer those words: before single characters when
    // what was typed is several syllables with an unfinished one ("wangj"), else after them.
    if (!whole && pieces.length >= 2) for (const word of initials) push(word, typed.length);
    const first = pieces[0]!;
    const chars = this.syllables.has(first) ? [...(this.dictionary.readings[first] ?? '')] : this.charsForPrefix(first);
    // Two letters that only begin a syllable ("ch", "sh", "zh") are as often a word's initials
    // (车祸, 损害): after the three commonest characters come the two best such words.
    const wordsAfter = !whole && pieces.length === 1 && typed.length === 2 ? 3 : Infinity;
    for (const ch of this.ranked(chars, mode)) {
      if (out.length === wordsAfter) for (const word of initials.slice(0, 2)) push(word, typed.length);
      push(ch, first.length);
      if (out.length >= limit) break;
    }
    for (const word of initials) push(word, typed.length);
    return out.slice(0, limit);
  }

  /**
   * What ending the composition (完成, space, punctuation) writes: the best candidate that stands
   * for ALL the letters, else the letters themselves, so nothing typed is ever dropped
   * ("weihuan" has no word: it stays "weihuan" for the resident to see and fix, not "为").
   */
  commitment(letters: string, mode: RankingMode = 'text'): string {
    const typed = letters.toLowerCase();
    return this.candidates(typed, mode).find((c) => c.consumed === typed.length)?.text ?? letters;
  }

  private wordsFor(key: string): { word: string; score: number }[] {
    const entries = this.dictionary.words[key];
    if (!entries) return [];
    return entries.split(' ').map((entry) => {
      const colon = entry.lastIndexOf(':');
      return colon < 0 ? { word: entry, score: 0 } : { word: entry.slice(0, colon), score: Number(entry.slice(colon + 1)) };
    });
  }

  /** Words whose initials were typed; "zh", "ch", "sh" may be typed whole or as their first letter. */
  private byInitials(typed: string): string[] {
    if (typed.length < 2 || typed.length > 8) return [];
    const keys = [...new Set([typed, typed.replace(/([zcs])h/g, '$1')])];
    return [...new Set(keys.flatMap((key) => this.dictionary.initials[key]?.split(' ') ?? []))];
  }

  /**
   * The phrase made of the fewest dictionary words (then the most frequent ones) over whole
   * syllables, single characters filling gaps: "tuoqiangongzi" → 拖欠工资. Null when it is one word.
   */
  private phrase(pieces: string[]): string | null {
    const n = pieces.length;
    const best = Array.from({ length: n + 1 }, (): { parts: number; score: number; text: string; words: number } | null => null);
    best[0] = { parts: 0, score: 0, text: '', words: 0 };
    for (let i = 0; i < n; i++) {
      const from = best[i];
      if (!from) continue;
      for (let j = i + 1; j <= Math.min(n, i + 5); j++) {
        const word = j - i >= 2 ? this.wordsFor(pieces.slice(i, j).join(''))[0] : undefined;
        const ch = j - i === 1 ? this.dictionary.readings[pieces[i]!]?.[0] : undefined;
        const text = word?.word ?? ch;
        if (!text) continue;
        // Among as many parts, the likelier: a character counts by its own frequency, as a word does
        // (安置+房 before 安+脂肪), so a common word does not win by pairing with any character.
        const next = { parts: from.parts + 1, score: from.score + (word?.score ?? this.charScore.get(text) ?? 0), text: from.text + text, words: from.words + (word ? 1 : 0) };
        const held = best[j];
        if (!held || next.parts < held.parts || (next.parts === held.parts && next.score > held.score)) best[j] = next;
      }
    }
    const done = best[n];
    return done && done.parts >= 2 && done.words >= 1 ? done.text : null;
  }

  /** An unfinished syllable ("zh") offers the commonest characters of every syllable it begins. */
  private charsForPrefix(prefix: string): string[] {
    const chars = new Set<string>();
    for (const syllable of this.prefixes.get(prefix) ?? []) for (const ch of this.dictionary.readings[syllable] ?? '') chars.add(ch);
    return [...chars].sort((a, b) => (this.rank.get(a) ?? Infinity) - (this.rank.get(b) ?? Infinity));
  }

  private ranked(chars: string[], mode: RankingMode): string[] {
    if (mode !== 'name') return chars;
    // Stable: name characters first by their own rank, the rest keep frequency order.
    return chars
      .map((ch, i) => ({ ch, key: this.nameRank.get(ch) ?? Infinity, i }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((x) => x.ch);
  }
}

let loading: Promise<PinyinEngine> | null = null;

/** Loads the dictionary once, as its own chunk, the first time Chinese input is needed. */
export function loadPinyinEngine(): Promise<PinyinEngine> {
  loading ??= import('./dictionary.json').then((module) => new PinyinEngine((module as { default: PinyinDictionary }).default));
  return loading;
}
