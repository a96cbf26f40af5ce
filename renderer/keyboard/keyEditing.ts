import { AMOUNT_MAX_WHOLE_DIGITS } from '../../shared/validators.js';
import { holdsName, type FieldKind } from '../wizard/questions.js';

// What each key does to a field's value, per kind of field, and why a key was refused. Formatted
// answers (numbers, dates, identifiers) grow and shrink at the end; free text is edited at the
// caret, which the resident places by tapping into the answer or with the arrow keys (editText).
// Pure, so every rule is unit-tested.

export type PadKind = 'letters' | 'digits' | 'phone' | 'id' | 'code' | 'reference' | 'decimal' | 'date';

/** Which key set a field gets. Free text and names get letters (pinyin or ABC). */
export function padFor(kind: FieldKind): PadKind {
  switch (kind) {
    case 'mobile':
    case 'count':
      return 'digits';
    case 'phone':
      return 'phone';
    case 'id':
      return 'id';
    case 'code':
      return 'code';
    case 'reference':
      return 'reference';
    case 'amount':
    case 'rate':
      return 'decimal';
    case 'date':
      return 'date';
    default:
      return 'letters';
  }
}

/** GB 32100's alphabet: digits and the capitals other than I, O, S, V, Z. */
export const CREDIT_CODE_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';

const DATE_DIGITS = 8;

/** "19580312" → "1958-03-12"; partial input is formatted as far as it goes ("19580" → "1958-0"). */
export function formatDateDigits(digits: string): string {
  const d = digits.slice(0, DATE_DIGITS);
  if (d.length <= 4) return d;
  if (d.length <= 6) return `${d.slice(0, 4)}-${d.slice(4)}`;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
}

export type Key = { type: 'char'; char: string } | { type: 'backspace' } | { type: 'clear' };

/** Whole-yuan digits an amount may have (shared: the claims' amount pad keeps the same limit). */
export { AMOUNT_MAX_WHOLE_DIGITS };

/** Why a key that fits the field's alphabet was not taken: the resident is told, never cut silently. */
export type KeyRefusal = 'length' | 'amountDigits';

/** The value after one key, and whether a limit (not the field's alphabet) refused it. */
export function keyOutcome(value: string, key: Key, kind: FieldKind, maxLength: number): { value: string; refused: KeyRefusal | null } {
  const next = applyKey(value, key, kind, maxLength);
  if (next !== value || key.type !== 'char') return { value: next, refused: null };
  const grown = value + key.char;
  if (padFor(kind) === 'decimal' && kind === 'amount' && /^\d$/.test(key.char) && !value.includes('.') && value.length >= AMOUNT_MAX_WHOLE_DIGITS) return { value, refused: 'amountDigits' };
  // A key the field takes at all (it would be taken in an empty field) was refused by the length.
  const acceptable = applyKey('', key, kind, Number.MAX_SAFE_INTEGER) !== '';
  return { value, refused: acceptable && [...grown].length > maxLength ? 'length' : null };
}

/** The value after one key, or the same value when the key is not allowed there. */
export function applyKey(value: string, key: Key, kind: FieldKind, maxLength: number): string {
  if (key.type === 'clear') return '';
  if (kind === 'date') {
    const digits = value.replace(/\D/g, '');
    if (key.type === 'backspace') return formatDateDigits(digits.slice(0, -1));
    return /^\d$/.test(key.char) && digits.length < DATE_DIGITS ? formatDateDigits(digits + key.char) : value;
  }
  if (key.type === 'backspace') return [...value].slice(0, -1).join('');
  const char = key.char;
  if ([...value].length + [...char].length > maxLength) return value;
  switch (padFor(kind)) {
    case 'digits':
      return /^\d$/.test(char) ? value + char : value;
    case 'phone':
      return /^[\d-]$/.test(char) && !(char === '-' && (value === '' || value.endsWith('-'))) ? value + char : value;
    case 'id':
      // The check character X can only be the 18th.
      if (/^\d$/.test(char)) return value.length < 18 ? value + char : value;
      return char.toUpperCase() === 'X' && value.length === 17 ? `${value}X` : value;
    case 'code': {
      const upper = char.toUpperCase();
      return /^\d$/.test(upper) || CREDIT_CODE_LETTERS.includes(upper) ? value + upper : value;
    }
    case 'reference': {
      // A provisional number (KSK-6C3343-261127-0001): any capital, digits, single dashes between.
      const upper = char.toUpperCase();
      if (upper === '-') return value !== '' && !value.endsWith('-') ? value + upper : value;
      return /^[0-9A-Z]$/.test(upper) ? value + upper : value;
    }
    case 'decimal':
      return appendDecimal(value, char, kind === 'rate' ? 3 : AMOUNT_MAX_WHOLE_DIGITS);
    default:
      return value + (holdsName(kind) ? capitalised(value, char) : char);
  }
}

function appendDecimal(value: string, char: string, maxWholeDigits: number): string {
  const [whole = '', cents] = value.split('.');
  if (char === '.') return value.includes('.') ? value : `${value === '' ? '0' : value}.`;
  if (!/^\d$/.test(char)) return value;
  if (cents !== undefined) return cents.length < 2 ? value + char : value;
  if (whole === '0') return char; // no leading zeros: "05" is "5"
  return whole.length < maxWholeDigits ? value + char : value;
}

/** Latin names start each word with a capital ("li wei" → "Li Wei"); Chinese is unaffected. */
function capitalised(value: string, char: string): string {
  return value === '' || value.endsWith(' ') ? char.toUpperCase() : char;
}

/** Where the caret is in free text, as the field reports it (UTF-16 offsets); start < end is a selection. */
export interface TextSelection {
  start: number;
  end: number;
}

export type EditKey = Key | { type: 'move'; by: -1 | 1 };

/**
 * Free text edited at the caret (letters-pad fields: names, addresses, the facts): a character
 * or a committed word goes in at the caret or replaces the selection, backspace deletes the
 * selection or the character before the caret, arrows move the caret by one character. A rare
 * character outside the BMP is one character throughout. Text that does not all fit goes in as
 * far as it fits, and the limit says so.
 */
export function editText(value: string, sel: TextSelection, key: EditKey, kind: FieldKind, maxLength: number): { value: string; caret: number; refused: KeyRefusal | null } {
  const start = Math.max(0, Math.min(sel.start, sel.end, value.length));
  const end = Math.min(value.length, Math.max(sel.start, sel.end));
  const before = value.slice(0, start);
  const after = value.slice(end);
  switch (key.type) {
    case 'clear':
      return { value: '', caret: 0, refused: null };
    case 'move': {
      if (start !== end) return { value, caret: key.by < 0 ? start : end, refused: null };
      const caret = key.by < 0 ? before.length - ([...before].pop()?.length ?? 0) : start + ([...after][0]?.length ?? 0);
      return { value, caret, refused: null };
    }
    case 'backspace': {
      if (start !== end) return { value: before + after, caret: start, refused: null };
      const kept = [...before].slice(0, -1).join('');
      return { value: kept + after, caret: kept.length, refused: null };
    }
    case 'char': {
      let room = maxLength - [...before].length - [...after].length;
      let inserted = '';
      let refused: KeyRefusal | null = null;
      for (const ch of key.char) {
        if (room <= 0) {
          refused = 'length';
          break;
        }
        inserted += holdsName(kind) && /[a-z]/i.test(ch) ? capitalised(before + inserted, ch) : ch;
        room--;
      }
      return { value: before + inserted + after, caret: start + inserted.length, refused };
    }
  }
}
