// Pinyin → Chinese candidates for the on-screen keyboard. The dictionary (dictionary.json, built by
// tools/buildDictionary.mjs from jieba's word frequencies and pinyin-pro's readings) maps toneless
// syllables to characters in rank order, whole-word pinyin to words, and initials ("hk") to words.
// The engine splits what was typed into syllables and offers: in name fields, names composed of a
// surname and given-name characters; the likeliest ways to write the whole input (words and
// characters by their frequency, a unigram model); words for shorter runs, words for the initials
// and phrases composed over abbreviated letters (abbreviations.ts), and characters for the first
// syllable; before all of them, the resident's own earlier picks that the letters spell. Pure and
// synchronous.

import { AbbreviationComposer } from './abbreviations.js';
import type { CourtWordsList } from '../../shared/courtWords.js';
import type { DisputeType } from '../../shared/disputeTypes.js';
import { COURT_WEIGHT, courtLists, courtReadings } from './courtRanking.js';
import { keepBest, parseEntries, partCost, type Path, type Scored } from './pathCost.js';
import { inTopic, TOPIC_WEIGHT, type TopicLists } from './topicRanking.js';
import { PieceReader } from './typedPieces.js';

export interface PinyinDictionary {
  v: 2;
  /** The licence of data it was derived from (the general language model's: LGPL-2.1-or-later). */
  notice?: string;
  /** Every character, most frequent first. */
  order: string;
  /** Surname and given-name characters, ranked for name fields. */
  names: string;
  readings: Record<string, string>;
  /** log2 of each character's frequency, in `order`'s order. */
  charScores?: number[];
  /** Syllable → surnames read so, most common first; and given-name characters (name fields compose names of them). */
  surnames?: Record<string, string>;
  givenNames?: Record<string, string>;
  /** Per syllable, in `readings`' order: log2 of the character's frequency in that reading (phrases weigh by it). */
  readingScores?: Record<string, number[]>;
  /** log2 of the corpus's total count: a score s stands for a probability of 2^(s − totalBits). */
  totalBits?: number;
  /** Toneless pinyin of a whole word → "word:score" entries, space-separated, best first (score: log2 of its frequency). */
  words: Record<string, string>;
  /** Initials of a word's syllables ("hk") → "word:score" entries (or bare words), space-separated, best first. */
  initials: Record<string, string>;
  /** A word or character → "next:bits" entries: how many bits likelier `next` is right after it than alone. */
  pairs?: Record<string, string>;
  /** Dispute type → its own words, mixed in when the resident writes about it (topicRanking.ts). */
  topics?: Partial<Record<DisputeType, TopicLists>>;
}

export interface Candidate {
  text: string;
  /** How many letters of the typed pinyin this candidate uses up. */
  consumed: number;
}

/**
 * How a field ranks: free text; a person's name (names first); or a party's name, which may be a
 * person's or an organisation's (the respondent: 王建国, or 兰州某某建筑劳务有限公司, 物业公司, 村委会).
 */
export type RankingMode = 'text' | 'name' | 'party';

/** What the resident writes about: the filing's dispute type. Only a free-text field ('text') reads it. */
export type Topic = DisputeType | null | undefined;

const MAX_SYLLABLE = 6;
/** Characters per syllable tried in the likeliest ways to write the input. */
const CHARS_PER_SYLLABLE = 6;
/** Given-name characters tried per syllable when composing a name (秀/修 … for xiu). */
const GIVEN_PER_SYLLABLE = 2;
/**
 * A party field's syllables that spell a word jieba's corpus uses at least 2^10 = 1,024 times
 * (about once in 58,000 words: 公司 2^16, 委员会 2^15, 物业 2^14, 建筑 2^14, 村委会 2^12, 劳务 2^10)
 * write that word before any composed name: a word that common is what the syllables most likely
 * mean, while a composed name (龚思 for gongsi) is only name characters put together, with no
 * frequency of its own. No common full name among the 40 of tests/unit/imeNames.test.ts reads as
 * such a word; three given names typed alone after their surname do (建华 简化, 淑华 书画, 国庆
 * 国情) and come second there (tests/unit/imePartyNames.test.ts counts them).
 */
const WORD_OVER_NAME_BITS = 10;
/** Composed names a party field offers before the general dictionary's best word, which so stays in the first five. */
const NAMES_BEFORE_WORD = 3;

export class PinyinEngine {
  private readonly syllables: Set<string>;
  private readonly prefixes = new Map<string, string[]>();
  private readonly rank = new Map<string, number>();
  private readonly nameRank = new Map<string, number>();
  private readonly charScore = new Map<string, number>();
  private readonly byReading = new Map<string, { ch: string; score: number }[]>();
  /** Every syllable a character is read with (还: hai, huan). */
  private readonly readingsOf = new Map<string, string[]>();
  private readonly pieces: PieceReader;
  private readonly abbreviations: AbbreviationComposer;
  private readonly pairs = new Map<string, Map<string, number>>();
  /**
   * The parts mixed into the general order while one call ranks in its context (calls are
   * synchronous), in turn: the type's own words, then the court's. None: the general order.
   */
  private context: { lists: TopicLists; weight: number }[] = [];
  private readonly topicWeight: number;
  private readonly courtWeight: number;
  /** The court's words (courtRanking.ts) and their readings; null: the court sent none. Indexed per type on first use. */
  private court: { list: CourtWordsList; readings: Map<string, string[]> } | null = null;
  private readonly courtByType = new Map<DisputeType, TopicLists | null>();

  /** `topicWeight`, `courtWeight`: the type's and the court's shares in context (TOPIC_WEIGHT, COURT_WEIGHT; the benchmarks record others). */
  constructor(
    private readonly dictionary: PinyinDictionary,
    options: { topicWeight?: number; courtWeight?: number } = {},
  ) {
    this.topicWeight = options.topicWeight ?? TOPIC_WEIGHT;
    this.courtWeight = options.courtWeight ?? COURT_WEIGHT;
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
    // Per syllable, its characters by their frequency in that reading (what phrases are made of).
    for (const [syllable, chars] of Object.entries(dictionary.readings)) {
      const scores = dictionary.readingScores?.[syllable];
      const list = [...chars].map((ch, i) => ({ ch, score: scores?.[i] ?? this.charScore.get(ch) ?? 0 }));
      this.byReading.set(syllable, list.sort((a, b) => b.score - a.score).slice(0, CHARS_PER_SYLLABLE));
      for (const ch of chars) this.readingsOf.set(ch, [...(this.readingsOf.get(ch) ?? []), syllable]);
    }
    const readingsOf = (ch: string) => this.readingsOf.get(ch) ?? [];
    this.pieces = new PieceReader(this.syllables, this.prefixes, readingsOf);
    this.abbreviations = new AbbreviationComposer(
      {
        totalBits: dictionary.totalBits ?? 0,
        wordsFor: (key) => this.wordsFor(key),
        initialsFor: (key) => this.initialsFor(key),
        initialsKeys: Object.keys(dictionary.initials),
        charsRead: (syllable) => this.byReading.get(syllable) ?? [],
        syllablesStarting: (start) => this.prefixes.get(start) ?? [],
        readingsOf,
        charsPerPiece: CHARS_PER_SYLLABLE,
        pairBits: (first, second) => this.pairsAfter(first).get(second) ?? 0,
      },
      this.pieces,
    );
  }

  /**
   * Splits typed letters into the fewest syllables (longer first on ties), the last of which may
   * be unfinished ("wangj" → wang, j). Of two splits as short, whole syllables beat an unfinished
   * last one: "dier" is di-er (第二), not die-r. Null when the letters cannot be pinyin.
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
        const current = best[i] ?? null;
        const wholer = current !== null && candidate.length === current.length && this.syllables.has(candidate.at(-1)!) && !this.syllables.has(current.at(-1)!);
        if (current === null || candidate.length < current.length || wholer) best[i] = candidate;
      }
    }
    return best[0] ?? null;
  }

  /** The letters as the resident should see them read: syllables ("wang j"), or syllables and initials ("min jian j d"). */
  spelled(letters: string): string {
    const typed = letters.toLowerCase();
    return (this.segment(typed) ?? this.pieces.split(typed)).join(' ');
  }

  /**
   * What the letters may mean, best first. `picked`: words this resident picked before in this
   * session, latest first: one the letters spell (full, initials or mixed) comes before all else,
   * so the account's fifth 还款 is one tap (the keyboard keeps them, renderer/keyboard/residentPicks.ts).
   * `topic`: the filing's dispute type; in a free-text field its own words rank higher (topicRanking.ts).
   */
  candidates(letters: string, mode: RankingMode = 'text', limit = 60, picked: readonly string[] = [], topic?: Topic): Candidate[] {
    return this.inContext(mode, topic, () => this.ranked(letters.toLowerCase(), mode, limit, picked, true));
  }

  /**
   * What ending the composition (完成, space, punctuation) writes: the best candidate that stands
   * for ALL the letters, else the letters themselves, so nothing typed is ever dropped
   * ("weihuan" has no word: it stays "weihuan" for the resident to see and fix, not "为"). A phrase
   * composed from abbreviated letters is a guess the resident taps, never written unasked ("wangj"
   * stays "wangj", not 忘记).
   */
  commitment(letters: string, mode: RankingMode = 'text', picked: readonly string[] = [], topic?: Topic): string {
    const typed = letters.toLowerCase();
    return this.inContext(mode, topic, () => this.ranked(typed, mode, Infinity, picked, false)).find((c) => c.consumed === typed.length)?.text ?? letters;
  }

  /**
   * The court's own words (shared/courtWords.ts, as the agent last fetched them), ranked higher in
   * the dispute's narrative from the next call on; null: none (a new hub, or never reached).
   */
  setCourtWords(list: CourtWordsList | null): void {
    const lexicon = {
      readingsOf: (ch: string) => this.readingsOf.get(ch) ?? [],
      // "word:score …": found without parsing the entries (a list of 5,000 words per scope).
      indexes: (key: string, word: string) => ` ${this.dictionary.words[key] ?? ''}`.includes(` ${word}:`),
    };
    this.court = list ? { list, readings: courtReadings(list, lexicon) } : null;
    this.courtByType.clear();
  }

  /**
   * Runs a ranking in the type's context: free text only (never a name, a party's name, an ID or an
   * address field). The type's own words first, then the court's, each by the same mixture (inTopic).
   */
  private inContext<T>(mode: RankingMode, topic: Topic, rank: () => T): T {
    if (mode === 'text' && topic) {
      const own = this.dictionary.topics?.[topic];
      const court = this.courtFor(topic);
      this.context = [...(own ? [{ lists: own, weight: this.topicWeight }] : []), ...(court ? [{ lists: court, weight: this.courtWeight }] : [])];
    }
    try {
      return rank();
    } finally {
      this.context = [];
    }
  }

  private courtFor(type: DisputeType): TopicLists | null {
    if (!this.court) return null;
    if (!this.courtByType.has(type)) this.courtByType.set(type, courtLists(this.court.list, type, this.court.readings, this.dictionary.totalBits ?? 0));
    return this.courtByType.get(type) ?? null;
  }

  private ranked(typed: string, mode: RankingMode, limit: number, picked: readonly string[], compose: boolean): Candidate[] {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    const push = (text: string, consumed: number) => {
      const key = `${text}/${consumed}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ text, consumed });
    };
    for (const word of picked) if (this.pieces.spells(typed, word)) push(word, typed.length);
    const pieces = this.segment(typed);
    const initials = this.byInitials(typed).map((w) => w.word);
    // Abbreviated letters ("mjjd", "minjianjd", "wangj"): the words of the initials typed first, then
    // the likeliest phrases composed of words and characters over the pieces (民间 + 借贷).
    // Not in a name field: a name is typed syllable by syllable, and 王 must stay first for "wangj".
    const composed = () => (compose && mode !== 'name' && typed.length >= 2 && pieces?.length !== 1 ? this.abbreviations.compose(typed).map((p) => p.text) : []);
    if (!pieces || pieces.length === 0) {
      for (const word of [...initials, ...composed()]) push(word, typed.length);
      return out.slice(0, limit);
    }
    const whole = pieces.every((p) => this.syllables.has(p));
    if (whole && pieces.length >= 2) {
      // A name field: the name composed of the syllables before any word (xiulan: 秀兰, never 朽烂).
      // A party field: a common word first, then names, then the best word if it was not common.
      if (mode !== 'text') {
        const names = this.names(pieces);
        const words = this.wordsFor(pieces.join(''));
        if (mode === 'party') for (const { word } of words.filter((w) => w.score >= WORD_OVER_NAME_BITS)) push(word, typed.length);
        for (const name of mode === 'party' ? names.slice(0, NAMES_BEFORE_WORD) : names) push(name, typed.length);
        if (mode === 'party' && words[0]) push(words[0].word, typed.length);
        for (const name of names) push(name, typed.length);
      }
      // The likeliest ways to write everything typed, then the rest of the words for all of it.
      for (const path of this.paths(pieces)) push(path.text, typed.length);
      for (const { word } of this.wordsFor(pieces.join(''))) push(word, typed.length);
    }
    // Words over the longest run of whole syllables first: "jianguo" offers 建国 before 见.
    for (let k = whole ? pieces.length - 1 : pieces.length; k >= 2; k--) {
      const run = pieces.slice(0, k);
      if (!run.every((p) => this.syllables.has(p))) continue;
      const key = run.join('');
      for (const { word } of this.wordsFor(key)) push(word, key.length);
    }
    // Letters that are also initials ("fy": 法院) offer those words: before single characters when
    // what was typed is several syllables with an unfinished one ("wangj"), else after them.
    if (!whole && pieces.length >= 2) for (const word of [...initials, ...composed()]) push(word, typed.length);
    const first = pieces[0]!;
    const chars = this.syllables.has(first) ? [...(this.dictionary.readings[first] ?? '')] : this.charsForPrefix(first);
    // Two letters that only begin a syllable ("ch", "sh", "zh") are as often a word's initials
    // (车祸, 损害): after the three commonest characters come the two best such words.
    const wordsAfter = !whole && pieces.length === 1 && typed.length === 2 ? 3 : Infinity;
    for (const ch of this.rankedChars(chars, mode)) {
      if (out.length === wordsAfter) for (const word of initials.slice(0, 2)) push(word, typed.length);
      push(ch, first.length);
      if (out.length >= limit) break;
    }
    for (const word of initials) push(word, typed.length);
    return out.slice(0, limit);
  }

  /** What is likelier after a word, parsed on first use (the dictionary holds ≈ 49,000 pairs). */
  private pairsAfter(first: string): Map<string, number> {
    let after = this.pairs.get(first);
    if (!after) {
      after = new Map(parseEntries(this.dictionary.pairs?.[first]).map(({ word, score }) => [word, score]));
      this.pairs.set(first, after);
    }
    return after;
  }

  private wordsFor(key: string): Scored[] {
    return this.context.reduce((list, { lists, weight }) => inTopic(list, parseEntries(lists.words[key]), weight), parseEntries(this.dictionary.words[key]));
  }

  private initialsFor(key: string): Scored[] {
    return this.context.reduce((list, { lists, weight }) => inTopic(list, parseEntries(lists.initials[key]), weight), parseEntries(this.dictionary.initials[key]));
  }

  /** Words whose initials were typed; "zh", "ch", "sh" may be typed whole or as their first letter. */
  private byInitials(typed: string): { word: string; score: number }[] {
    if (typed.length < 2 || typed.length > 8) return [];
    const keys = [...new Set([typed, typed.replace(/([zcs])h/g, '$1')])];
    const seen = new Set<string>();
    return keys.flatMap((key) => this.initialsFor(key)).filter(({ word }) => !seen.has(word) && seen.add(word));
  }

  /**
   * The likeliest ways to write the syllables as dictionary words and characters, best first: a
   * path's probability is the product of its parts' (a unigram model; a character counts by its
   * frequency in the reading typed, so 还 for "huan" is the rare 还, not 还是's). "tuoqiangongzi" →
   * 拖欠工资; "geyueyizhibuhuan" → 个月一直不还 (个 乐意 支部 还 is far less likely). K-best Viterbi.
   */
  private paths(pieces: string[]): Path[] {
    const n = pieces.length;
    const total = this.dictionary.totalBits ?? 0;
    const cost = (score: number) => partCost(total, score);
    const at = Array.from({ length: n + 1 }, (): Path[] => []);
    at[0] = [{ text: '', cost: 0, parts: 0 }];
    for (let i = 0; i < n; i++) {
      if (at[i]!.length === 0) continue;
      const steps: { text: string; cost: number; to: number }[] = [];
      for (let j = i + 2; j <= Math.min(n, i + MAX_SYLLABLE); j++) {
        for (const { word, score } of this.wordsFor(pieces.slice(i, j).join(''))) steps.push({ text: word, cost: cost(score), to: j });
      }
      for (const { ch, score } of this.byReading.get(pieces[i]!) ?? []) steps.push({ text: ch, cost: cost(score), to: i + 1 });
      for (const from of at[i]!) for (const step of steps) keepBest(at[step.to]!, { text: from.text + step.text, cost: from.cost + step.cost, parts: (from.parts ?? 0) + 1 });
    }
    return at[n]!;
  }

  /**
   * Names the syllables may be, commonest first: a surname and given-name characters ("wangxiulan"
   * → 王秀兰), or given-name characters alone, the surname typed before ("xiulan" → 秀兰). Two or
   * three syllables; none when a syllable has no name character. Duplicates are dropped by the caller.
   */
  private names(pieces: string[]): string[] {
    if (pieces.length > 3) return [];
    const given = pieces.map((p) => [...(this.dictionary.givenNames?.[p] ?? '')].slice(0, GIVEN_PER_SYLLABLE));
    const surname = this.dictionary.surnames?.[pieces[0]!]?.[0];
    const withSurname = surname ? combinations(given.slice(1)).map((rest) => surname + rest) : [];
    const givenOnly = pieces.length === 2 ? combinations(given) : [];
    // Two syllables are a whole name (张伟) or a given name after its surname (建国): a given name
    // that is also a word is the latter (简国 would be the former).
    const words = new Set(this.wordsFor(pieces.join('')).map((w) => w.word));
    return [...givenOnly.filter((g) => words.has(g)), ...withSurname, ...givenOnly];
  }

  /** An unfinished syllable ("zh") offers the commonest characters of every syllable it begins. */
  private charsForPrefix(prefix: string): string[] {
    const chars = new Set<string>();
    for (const syllable of this.prefixes.get(prefix) ?? []) for (const ch of this.dictionary.readings[syllable] ?? '') chars.add(ch);
    return [...chars].sort((a, b) => (this.rank.get(a) ?? Infinity) - (this.rank.get(b) ?? Infinity));
  }

  private rankedChars(chars: string[], mode: RankingMode): string[] {
    // A character typed alone in a party field is more often a name's than an organisation's
    // (whose words are typed whole): name characters first there too.
    if (mode === 'text') return chars;
    // Stable: name characters first by their own rank, the rest keep frequency order.
    return chars
      .map((ch, i) => ({ ch, key: this.nameRank.get(ch) ?? Infinity, i }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((x) => x.ch);
  }
}

/** One character from each list, the first choices first (by the sum of their places). Empty if any list is. */
function combinations(lists: string[][]): string[] {
  let out = [{ text: '', rank: 0 }];
  for (const list of lists) out = out.flatMap((o) => list.map((ch, i) => ({ text: o.text + ch, rank: o.rank + i })));
  return lists.length === 0 ? [] : out.sort((a, b) => a.rank - b.rank).map((o) => o.text);
}
