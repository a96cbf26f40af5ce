// How typed letters stand for syllables when a resident abbreviates: a whole syllable ("min"), its
// initial ("m"; "zh", "ch", "sh" typed whole or as their first letter), or, at the very end, the
// start of one still being typed ("zhon"). "mjjd", "minjianjd" and "ldzhongcai" all read as four
// pieces, one per character of 民间借贷 / 劳动仲裁. Pure: the engine composes words over these pieces,
// and checks whether letters spell a word the resident picked before.

export interface Piece {
  text: string;
  /** A whole syllable (the character must be read so); otherwise the start of its reading. */
  whole: boolean;
}

const INITIAL_PAIRS = new Set(['zh', 'ch', 'sh']);

export class PieceReader {
  constructor(
    private readonly syllables: ReadonlySet<string>,
    /** Every start of a syllable ("z", "zh", "zho" …) → the syllables it begins. */
    private readonly prefixes: ReadonlyMap<string, readonly string[]>,
    /** A character → every syllable it is read with (还: hai, huan). */
    private readonly readingsOf: (ch: string) => readonly string[],
  ) {}

  /** The pieces that may begin at `at`: whole syllables of two letters or more, an initial, or the end's unfinished syllable. */
  piecesAt(typed: string, at: number): Piece[] {
    const out: Piece[] = [];
    const letter = typed[at];
    if (letter === undefined) return out;
    // One letter is always an initial: "m", "a", "e" stand for a character as often as the rare 呣, 啊, 额 they spell.
    if (this.prefixes.has(letter)) out.push({ text: letter, whole: false });
    for (let len = 2; len <= 6 && at + len <= typed.length; len++) {
      const text = typed.slice(at, at + len);
      if (this.syllables.has(text)) out.push({ text, whole: true });
      // At the end, a syllable may be still being typed: "kua" is 夸, or the start of 款 (kuan).
      if (INITIAL_PAIRS.has(text) || (at + len === typed.length && (this.prefixes.get(text) ?? []).some((s) => s !== text))) out.push({ text, whole: false });
    }
    return out;
  }

  /**
   * Letters split for the bar to show what was read ("minjianjd" → min jian j d): the longest whole
   * syllable at each place, else an initial. For display only; the engine weighs every split.
   */
  split(typed: string): string[] {
    const out: string[] = [];
    for (let at = 0; at < typed.length;) {
      const options = this.piecesAt(typed, at);
      const piece = options.filter((p) => p.whole).at(-1) ?? options.at(-1);
      const text = piece?.text ?? typed.slice(at);
      out.push(text);
      at += text.length;
    }
    return out;
  }

  /** Whether a character may be written for a piece: read as the whole syllable, or with a reading that starts so. */
  fits(ch: string, piece: Piece): boolean {
    const readings = this.readingsOf(ch);
    return piece.whole ? readings.includes(piece.text) : readings.some((r) => r.startsWith(piece.text));
  }

  /** Whether the letters spell the word, each character by one piece (还款: huankuan, hk, huank, hkuan). */
  spells(typed: string, word: string): boolean {
    const chars = [...word];
    const from = (at: number, i: number): boolean => {
      if (i === chars.length) return at === typed.length;
      return this.piecesAt(typed, at).some((piece) => this.fits(chars[i]!, piece) && from(at + piece.text.length, i + 1));
    };
    return chars.length > 0 && from(0, 0);
  }
}
