// The cost model both ways of writing input share (whole syllables: pinyinEngine.ts; abbreviated
// letters: abbreviations.ts): a path of words and characters costs −log2 of its unigram probability
// plus a fixed cost per part. Pure.

export interface Path {
  text: string;
  /** −log2 of its probability: the sum of its parts'. */
  cost: number;
  /** Its last part (a word or character), which the next part may be likelier after (abbreviations.ts). */
  last?: string;
  /** How many words and characters it is made of (1 when absent): the tie-break of `cheaperFirst`. */
  parts?: number;
}

/** A word or character with its score: log2 of its frequency. */
export interface Scored {
  word: string;
  score: number;
}

/**
 * Bits each part of a path costs beyond its probability (a decoder's insertion penalty): a unigram
 * model thinks 为+还 likelier than the word 未还, knowing nothing of which characters go together;
 * a word is evidence that they do. 6 bits (1/64) lets a rare word beat the commonest pair of
 * characters for the same syllables (weihuan, buhuan); BENCHMARKS.md gives the figures at 0–12.
 */
export const PART_BITS = 6;
/** Ways to write the whole input offered first (the likeliest). */
export const PATHS_KEPT = 6;

/** What a part with this score costs, the corpus's total being 2^totalBits. */
export const partCost = (totalBits: number, score: number): number => totalBits - score + PART_BITS;

/** "word:score word:score" (a bare word scores 0) → its entries, in order. */
export function parseEntries(entries: string | undefined): Scored[] {
  if (!entries) return [];
  return entries.split(' ').map((entry) => {
    const colon = entry.lastIndexOf(':');
    return colon < 0 ? { word: entry, score: 0 } : { word: entry.slice(0, colon), score: Number(entry.slice(colon + 1)) };
  });
}

/**
 * Costs closer than this are equal: scores carry one decimal, so a path's cost is a whole number of
 * tenths of a bit and anything nearer is floating-point noise, not a difference in the data.
 */
const SAME_COST_BITS = 0.05;

/**
 * The order of paths, cheapest first; on equal cost a word beats its characters (fewer parts
 * first), for the reason parts cost PART_BITS at all: the word is evidence they go together. So
 * "weihuan" writes 未还, not 为还, whose characters cost exactly what the rare word does (29.8 bits):
 * a rule, not the order the paths were found in.
 */
export function cheaperFirst(a: Path, b: Path): number {
  if (Math.abs(a.cost - b.cost) > SAME_COST_BITS) return a.cost - b.cost;
  return (a.parts ?? 1) - (b.parts ?? 1);
}

/** Keeps a list the `size` cheapest paths (in `cheaperFirst`'s order), one per text. */
export function keepBest(list: Path[], path: Path, size = PATHS_KEPT): void {
  const same = list.findIndex((p) => p.text === path.text);
  if (same >= 0) {
    if (cheaperFirst(list[same]!, path) <= 0) return;
    list.splice(same, 1);
  }
  if (list.length === size && cheaperFirst(list[size - 1]!, path) <= 0) return;
  const at = list.findIndex((p) => cheaperFirst(p, path) > 0);
  list.splice(at < 0 ? list.length : at, 0, path);
  if (list.length > size) list.pop();
}
