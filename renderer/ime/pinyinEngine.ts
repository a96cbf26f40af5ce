// Pinyin → Chinese candidates for the on-screen keyboard. The dictionary (dictionary.json, built by
// tools/buildDictionary.mjs) maps toneless syllables to characters in rank order and whole-word
// pinyin to words; the engine splits what was typed into syllables and offers words for the
// longest run of syllables first, then characters for the first syllable. Pure and synchronous.

export interface PinyinDictionary {
  v: 1;
  /** Every character, most frequent first. */
  order: string;
  /** Surname and given-name characters, ranked for name fields. */
  names: string;
  readings: Record<string, string>;
  /** Toneless pinyin of a whole word → words, space-separated, best first. */
  words: Record<string, string>;
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
    [...dictionary.order].forEach((ch, i) => this.rank.set(ch, i));
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
    const pieces = this.segment(letters.toLowerCase());
    if (!pieces || pieces.length === 0) return [];
    const out: Candidate[] = [];
    const seen = new Set<string>();
    const push = (text: string, consumed: number) => {
      const key = `${text}/${consumed}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ text, consumed });
    };
    // Words over the longest run of whole syllables first: "jianguo" offers 建国 before 见.
    for (let k = pieces.length; k >= 2; k--) {
      const run = pieces.slice(0, k);
      if (!run.every((p) => this.syllables.has(p))) continue;
      const key = run.join('');
      for (const word of this.dictionary.words[key]?.split(' ') ?? []) push(word, key.length);
    }
    const first = pieces[0]!;
    const chars = this.syllables.has(first) ? [...(this.dictionary.readings[first] ?? '')] : this.charsForPrefix(first);
    for (const ch of this.ranked(chars, mode)) {
      push(ch, first.length);
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
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
