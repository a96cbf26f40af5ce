// Pure validators for Chinese identifiers. Each returns null when valid, or an i18n key that
// tells the resident what to fix (keys live under `errors.` in the renderer's resources).

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

/** Masks an ID number for receipts and screens: first 6 and last 4 shown. */
export function maskIdNumber(v: string): string {
  if (v.length <= 10) return '*'.repeat(v.length);
  return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
}
