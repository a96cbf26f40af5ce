import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkMobile, checkResidentId, maskIdNumber, normaliseMobile } from '../../shared/validators.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Independent check-character computation (ISO 7064 MOD 11-2 written out differently). */
function withCheck(first17: string): string {
  const s = first17.split('').reduce((acc, ch, i) => acc + Number(ch) * ID_WEIGHTS[i]!, 0);
  return first17 + ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][s % 11];
}

describe('checkMobile', () => {
  it.each(['13800138000', '19912345678', '138 0013 8000', '138-0013-8000'])('accepts %s', (m) => {
    expect(checkMobile(m)).toBeNull();
  });
  it.each([
    ['', 'errors.mobile.required'],
    ['1380013800a', 'errors.mobile.digits'],
    ['1380013800', 'errors.mobile.length'],
    ['138001380001', 'errors.mobile.length'],
    ['12800138000', 'errors.mobile.prefix'],
    ['23800138000', 'errors.mobile.prefix'],
  ])('rejects %j with %s', (m, key) => {
    expect(checkMobile(m)).toBe(key);
  });
  it('normalises spaces and dashes', () => expect(normaliseMobile(' 138-0013 8000 ')).toBe('13800138000'));
});

describe('checkResidentId (GB 11643)', () => {
  const today = new Date('2026-11-27T00:00:00Z');
  it('accepts the standard example with an X check character, in either case', () => {
    expect(checkResidentId('11010519491231002X', today)).toBeNull();
    expect(checkResidentId('11010519491231002x', today)).toBeNull();
  });
  it('accepts generated numbers with every check character', () => {
    const seen = new Set<string>();
    for (let seq = 100; seq < 400; seq++) {
      const id = withCheck(`440305199001${String(10 + (seq % 18)).padStart(2, '0')}${seq}`);
      seen.add(id[17]!);
      expect(checkResidentId(id, today)).toBeNull();
    }
    expect(seen.size).toBe(11);
  });
  it.each([
    ['', 'errors.idNumber.required'],
    ['11010519491231002', 'errors.idNumber.length'],
    ['1101051949123100234', 'errors.idNumber.length'],
    ['11010519491231A02X', 'errors.idNumber.chars'],
    ['01010519491231002X', 'errors.idNumber.region'],
    ['110105194902300021', 'errors.idNumber.birthDate'], // 30 February
    ['110105189901010021', 'errors.idNumber.birthDate'], // before 1900
    ['110105203001010021', 'errors.idNumber.birthDate'], // in the future
    ['110105194912310021', 'errors.idNumber.checksum'],
  ])('rejects %j with %s', (id, key) => {
    expect(checkResidentId(id, today)).toBe(key);
  });
  it('flags every single-digit change of a valid number', () => {
    const valid = '11010519491231002X';
    for (let i = 14; i < 17; i++) {
      const d = (Number(valid[i]) + 1) % 10;
      expect(checkResidentId(valid.slice(0, i) + d + valid.slice(i + 1), today)).toBe('errors.idNumber.checksum');
    }
  });
  it('masks all but the first 6 and last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('checkCreditCode (GB 32100)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])('accepts %s', (c) => {
    expect(checkCreditCode(c)).toBeNull();
  });
  it('accepts codes whose check character is computed independently', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const body of ['91440300MA5', '12100000400', '51110000500', '93370100MA3']) {
      const first17 = (body + '000000000').slice(0, 17);
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]!) * (3 ** i % 31);
      expect(checkCreditCode(first17 + alphabet[(31 - (sum % 31)) % 31])).toBeNull();
    }
  });
  it.each([
    ['', 'errors.creditCode.required'],
    ['91350100M000100Y4', 'errors.creditCode.length'],
    ['91350100M000100I43', 'errors.creditCode.chars'], // I is not in the alphabet
    ['91350100M000100Y44', 'errors.creditCode.checksum'],
  ])('rejects %j with %s', (c, key) => {
    expect(checkCreditCode(c)).toBe(key);
  });
});
