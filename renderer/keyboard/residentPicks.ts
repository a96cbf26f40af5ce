import type { FieldKind } from '../wizard/questions.js';

// The words this resident picked from the pinyin candidates, so the same typing offers them first
// (an account types 还款 five times: one tap each time after the first). In the renderer's memory
// only, for one resident's session: the keyboard control makes a new one for each visit, and the
// session-end wipe empties it at once (App's idle wipe, and every new visit's generation).

/** Picks remembered at most, the oldest forgotten first. */
const KEPT = 100;

export class ResidentPicks {
  private words: string[] = [];

  /** Latest first. */
  list(): readonly string[] {
    return this.words;
  }

  remember(word: string): void {
    if (!word) return;
    this.words = [word, ...this.words.filter((w) => w !== word)].slice(0, KEPT);
  }

  clear(): void {
    this.words = [];
  }
}

/**
 * Whether a field's picks are remembered and offered: free text only (an account, a claim, a note),
 * where a word picked once is likely typed again. Names (a person's, an organisation's, an
 * employer's), IDs, phones and places are personal data, not words to offer back (and a name field
 * ranks names). Free text can still hold a name the resident typed in it: the picks stay in this
 * visit's memory and go with it (idle wipe, the receipt, a new visit).
 */
export const learnsPicks = (kind: FieldKind): boolean => kind === 'text' || kind === 'multiline';
