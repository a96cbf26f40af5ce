// Pure validators for Chinese identifiers. Each returns null when valid, or an i18n key that
// tells the resident what to fix (keys live under `errors.` in the renderer's resources).

/**
 * Any name as it should be stored, a person's or an organisation's, from what was typed or pasted:
 * the ideographic and no-break spaces become a space, zero-width characters (pasted from documents
 * and chats) go, and the dot between the parts of a name on an ID card (阿卜杜拉·艾买提) is U+00B7:
 * the look-alikes a hardware keyboard or another IME types (・ • ‧ ･ ∙ ⋅), with any spaces around
 * them, become it, so the name the court receives matches the card. Trimmed again: a zero-width
 * character can hide a space at either end.
 */
export function normaliseNameDots(raw: string): string {
  const name = raw
    .replace(/[\u3000\u00a0]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s*[\u00b7\u2022\u2027\u2219\u22c5\u30fb\uff65]\s*/g, '\u00b7')
    .trim();
  // never normalised away to nothing: a required name stays given (and checkPersonName refuses it)
  return name === '' ? raw : name;
}

/**
 * A person's name (never an organisation's: Amazon.com): normaliseNameDots, and a full stop between
 * two letters (阿卜杜拉.艾买提; ． 。 from a Chinese IME; the word-separator dot ⸱) is the card's
 * dot too. What the court stores is this, the value checkPersonName accepted.
 */
export function normalisePersonName(raw: string): string {
  return normaliseNameDots(raw).replace(/(?<=[\p{L}\p{M}\p{Co}\u3007])[.\uff0e\u3002\u2e31](?=[\p{L}\p{Co}\u3007])/gu, '\u00b7');
}

/** A name's letters: Han (rare ones outside the BMP, private-use ones older ID systems give), any script's letters and marks, the Tibetan syllable dot, 〇. */
const NAME_PART = '[\\p{L}\\p{M}\\p{Co}\\u{20000}-\\u{3FFFF}\\u0f0b\\u3007]+';
/** Between a name's parts: the ID card's dot, spaces, a hyphen or apostrophe, and between Latin words a dash or en dash too. */
const NAME_JOIN = "(?:\\u00b7| +|['\\u2019-]|(?<=\\p{Script=Latin}\\p{M}*)[\\u2010\\u2011\\u2013](?=\\p{Script=Latin}))";

/**
 * A person's name is made of letters (NAME_PART) joined by NAME_JOIN: 王建国, 阿卜杜拉·艾买提,
 * Li Ming, Jean-Pierre, O'Neil. Digits and symbols are not a name: "123" is nearly always a phone or
 * ID number typed into the wrong box. Checked after normalisePersonName.
 */
const PERSON_NAME = new RegExp(`^${NAME_PART}(?:${NAME_JOIN}${NAME_PART})*$`, 'u');
export function checkPersonName(v: string): string | null {
  return PERSON_NAME.test(v) ? null : 'errors.personName.letters';
}

/** Mainland mobile numbers: 11 digits starting 13–19. Spaces and dashes are tolerated. */
export function normaliseMobile(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}
export function checkMobile(raw: string): string | null {
  const v = normaliseMobile(raw);
  if (v.length === 0) return 'errors.mobile.required';
  if (!/^\d+$/.test(v)) return 'errors.mobile.digits';
  if (v.length !== 11) return 'errors.mobile.length';
  if (!/^1[3-9]/.test(v)) return 'errors.mobile.prefix';
  return null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 resident ID: 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check. */
export function checkResidentId(raw: string, today: Date = new Date()): string | null {
  const v = raw.trim().toUpperCase();
  if (v.length === 0) return 'errors.idNumber.required';
  // First-generation cards (15 digits, no check digit) stopped being valid in 2013: the resident
  // needs the number on their current card, and is told so rather than "wrong length".
  if (/^\d{15}$/.test(v)) return 'errors.idNumber.firstGeneration';
  if (v.length !== 18) return 'errors.idNumber.length';
  if (!/^\d{17}[\dX]$/.test(v)) return 'errors.idNumber.chars';
  if (!/^[1-9]\d{5}/.test(v)) return 'errors.idNumber.region';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > today.getTime()) {
    return 'errors.idNumber.birthDate';
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== v[17]) return 'errors.idNumber.checksum';
  return null;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 unified social credit code: 18 characters from a 31-symbol alphabet, MOD 31 check. */
export function checkCreditCode(raw: string): string | null {
  const v = raw.trim().toUpperCase();
  if (v.length === 0) return 'errors.creditCode.required';
  if (v.length !== 18) return 'errors.creditCode.length';
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const idx = USCC_CHARS.indexOf(v[i]!);
    if (idx < 0) return 'errors.creditCode.chars';
    if (i < 17) sum += idx * USCC_WEIGHTS[i]!;
  }
  const expected = USCC_CHARS[(31 - (sum % 31)) % 31];
  if (expected !== v[17]) return 'errors.creditCode.checksum';
  return null;
}

/** The birth date (YYYY-MM-DD) and sex a well-formed resident ID number encodes, or null. */
export function residentIdFacts(raw: string): { birthDate: string; sex: 'male' | 'female' } | null {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return null;
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (checkDate(birthDate) !== null) return null;
  // GB 11643: the 17th digit (sequence code's last) is odd for men, even for women.
  return { birthDate, sex: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * Phone numbers a court can call: a mainland mobile, or a landline with its area code
 * (0 + 2–3 digit area code + 7–8 digit number, optionally "-extension" of up to 6 digits).
 */
export function checkPhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length === 0) return 'errors.phone.required';
  // Starting with 1 it can only be a mobile, and the mobile's own messages say what to fix.
  if (trimmed.startsWith('1')) return checkMobile(trimmed);
  let [main = '', extension, ...rest] = trimmed.split(/\s*(?:转|ext\.?|#)\s*/i);
  // "0931-8888888-123": a second dash starts the extension.
  const dashed = main.split('-');
  if (extension === undefined && dashed.length === 3) [main, extension] = [`${dashed[0]}${dashed[1]}`, dashed[2]];
  const digits = main.replace(/[\s()-]/g, '');
  if (rest.length > 0 || !/^\d+$/.test(digits) || (extension !== undefined && !/^\d{1,6}$/.test(extension))) return 'errors.phone.digits';
  if (!digits.startsWith('0')) return 'errors.phone.areaCode';
  if (digits.length < 10 || digits.length > 12) return 'errors.phone.length';
  return null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, from 1900 on. */
export function checkDate(raw: string): string | null {
  const v = raw.trim();
  if (v.length === 0) return 'errors.date.required';
  const m = ISO_DATE.exec(v);
  if (!m) return 'errors.date.format';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return 'errors.date.invalid';
  if (y < 1900) return 'errors.date.tooEarly';
  return null;
}

/** The local calendar date of `now` as YYYY-MM-DD (the kiosk's day, not UTC's). */
export function localIsoDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** A date that has already happened (birth, loan, accident): valid and not after today. */
export function checkPastDate(raw: string, today: Date = new Date()): string | null {
  const base = checkDate(raw);
  if (base) return base;
  return raw.trim() > localIsoDate(today) ? 'errors.date.future' : null;
}

/** Money in yuan: digits with at most two decimals, "1,000" separators tolerated. */
export function normaliseAmount(raw: string): string {
  return raw.replace(/[\s,，]/g, '');
}
export const AMOUNT_MAX_YUAN = 10_000_000_000;
/** Whole-yuan digits an amount may have: the ceiling (AMOUNT_MAX_YUAN, exclusive) minus one. */
export const AMOUNT_MAX_WHOLE_DIGITS = String(AMOUNT_MAX_YUAN - 1).length;
export function checkAmount(raw: string, options: { allowZero?: boolean } = {}): string | null {
  const v = normaliseAmount(raw);
  if (v.length === 0) return 'errors.amount.required';
  if (!/^\d+(\.\d+)?$/.test(v)) return 'errors.amount.format';
  if (/\.\d{3,}$/.test(v)) return 'errors.amount.decimals';
  const n = Number(v);
  if (n === 0 && !options.allowZero) return 'errors.amount.zero';
  if (n >= AMOUNT_MAX_YUAN) return 'errors.amount.tooLarge';
  return null;
}
/** Canonical amount text: no separators or leading zeros, two decimals only when there are cents. */
export function canonicalAmount(raw: string): string {
  const v = normaliseAmount(raw);
  const [whole = '0', cents] = v.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const c = (cents ?? '').padEnd(2, '0').slice(0, 2);
  return c === '' || c === '00' ? w : `${w}.${c}`;
}

/** An annual interest rate in percent, e.g. "3.85": above 0, at most 100, two decimals. */
export function checkRate(raw: string): string | null {
  const v = raw.trim().replace(/%$/, '');
  if (v.length === 0) return 'errors.rate.required';
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return 'errors.rate.format';
  const n = Number(v);
  if (n <= 0 || n > 100) return 'errors.rate.range';
  return null;
}

/** A small whole count (children, people): 0 to `max`. */
export function checkCount(raw: string, max = 20): string | null {
  const v = raw.trim();
  if (v.length === 0) return 'errors.count.required';
  if (!/^\d+$/.test(v)) return 'errors.count.format';
  if (Number(v) > max) return 'errors.count.tooLarge';
  return null;
}
