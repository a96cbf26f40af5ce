// Masking personal data for what is shown or printed outside the court's full view: the kiosk's
// receipt, the console's list, the mediator's queue, a case's parties until staff open them. One
// rule each, for every place that shows it.

/** "王建国" → "王**", "Li Wei" → "L* W**": enough for the resident to know it is theirs. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) || part === '' ? part : [...part][0] + '*'.repeat([...part].length - 1)))
    .join('');
}

/** 13812345678 → 138****5678; a landline keeps its first 3 and last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** A resident ID number or credit code: first 6 and last 4 shown. */
export function maskIdNumber(v: string): string {
  if (v.length <= 10) return '*'.repeat(v.length);
  return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
}

/** An address: its first 6 characters (the district, roughly), the rest hidden. */
export function maskAddress(v: string): string {
  const chars = [...v.trim()];
  return chars.length <= 6 ? '*'.repeat(chars.length) : chars.slice(0, 6).join('') + '****';
}

/**
 * A party's contact data as staff see it until they open it: ID number, phone and address masked
 * by the rules above, the rest as given. The case page's parties and the agreement desk's draft.
 */
export function maskContact<P extends { idNumber: string | null; address: string | null; phone?: string | null }>(p: P): P {
  return {
    ...p,
    idNumber: p.idNumber ? maskIdNumber(p.idNumber) : null,
    address: p.address ? maskAddress(p.address) : null,
    ...(p.phone === undefined ? {} : { phone: p.phone ? maskPhone(p.phone) : null }),
  };
}
