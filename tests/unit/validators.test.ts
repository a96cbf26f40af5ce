import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalAmount,
  checkAmount,
  checkCount,
  checkCreditCode,
  checkDate,
  checkMobile,
  checkPastDate,
  checkPhone,
  checkRate,
  checkResidentId,
  localIsoDate,
  normaliseAmount,
  normaliseMobile,
  residentIdFacts,
} from '../../shared/validators.js';
import { maskIdNumber } from '../../shared/masking.js';

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
    ['110105491231002', 'errors.idNumber.firstGeneration'], // a first-generation card: 15 digits, no longer valid
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

describe('residentIdFacts', () => {
  it('reads birth date and sex (odd 17th digit: male)', () => {
    expect(residentIdFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', sex: 'female' });
    expect(residentIdFacts('620102195803120310')).toEqual({ birthDate: '1958-03-12', sex: 'male' });
    expect(residentIdFacts(' 11010519491231002x ')).toEqual({ birthDate: '1949-12-31', sex: 'female' });
  });
  it.each(['', '1101051949123100', '110105194902300021', 'ABCDEFGHIJKLMNOPQR'])('knows nothing from %j', (id) => {
    expect(residentIdFacts(id)).toBeNull();
  });
});

describe('checkPhone', () => {
  it.each(['13800138000', '0931-8888888', '09318888888', '010 12345678', '(0931)8888888', '0931-8888888-123', '0931-8888888 转 123', '0931-8888888 ext 9'])('accepts %j', (p) => {
    expect(checkPhone(p)).toBeNull();
  });
  it.each([
    ['', 'errors.phone.required'],
    ['   ', 'errors.phone.required'],
    ['1380013800', 'errors.mobile.length'],
    ['12800138000', 'errors.mobile.prefix'],
    ['0931-88a8888', 'errors.phone.digits'],
    ['0931-8888888-1234567', 'errors.phone.digits'],
    ['9318888888', 'errors.phone.areaCode'],
    ['0931888', 'errors.phone.length'],
    ['0931888888888', 'errors.phone.length'],
  ])('rejects %j with %s', (p, key) => {
    expect(checkPhone(p)).toBe(key);
  });
});

describe('checkDate and checkPastDate', () => {
  const today = new Date(2026, 10, 27, 10, 0, 0);
  it.each(['1958-03-12', '2000-02-29', '1900-01-01', '2026-11-27'])('accepts %s', (d) => {
    expect(checkDate(d)).toBeNull();
    expect(checkPastDate(d, today)).toBeNull();
  });
  it.each([
    ['', 'errors.date.required'],
    ['1958-3-12', 'errors.date.format'],
    ['19580312', 'errors.date.format'],
    ['1958/03/12', 'errors.date.format'],
    ['1958-02-29', 'errors.date.invalid'],
    ['1958-13-01', 'errors.date.invalid'],
    ['1958-00-10', 'errors.date.invalid'],
    ['1958-04-31', 'errors.date.invalid'],
    ['1899-12-31', 'errors.date.tooEarly'],
  ])('rejects %j with %s', (d, key) => {
    expect(checkDate(d)).toBe(key);
  });
  it('rejects tomorrow as a past date, by the local calendar', () => {
    expect(checkPastDate('2026-11-28', today)).toBe('errors.date.future');
    expect(localIsoDate(today)).toBe('2026-11-27');
  });
  it('agrees with Date on every day of a range of years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        expect(checkDate(text) === null).toBe(real);
      }),
    );
  });
});

describe('checkAmount', () => {
  it.each(['1', '50000', '50,000', '1234.5', '0.01', '9999999999.99'])('accepts %s', (a) => expect(checkAmount(a)).toBeNull());
  it.each([
    ['', 'errors.amount.required'],
    ['abc', 'errors.amount.format'],
    ['-5', 'errors.amount.format'],
    ['1.', 'errors.amount.format'],
    ['.5', 'errors.amount.format'],
    ['1.234', 'errors.amount.decimals'],
    ['0', 'errors.amount.zero'],
    ['0.00', 'errors.amount.zero'],
    ['10000000000', 'errors.amount.tooLarge'],
  ])('rejects %j with %s', (a, key) => expect(checkAmount(a)).toBe(key));
  it('allows zero where asked (an amount repaid)', () => expect(checkAmount('0', { allowZero: true })).toBeNull());
  it('writes amounts canonically', () => {
    expect(normaliseAmount(' 50,000 ')).toBe('50000');
    expect(canonicalAmount('050,000')).toBe('50000');
    expect(canonicalAmount('1234.5')).toBe('1234.50');
    expect(canonicalAmount('12.00')).toBe('12');
    expect(canonicalAmount('0')).toBe('0');
  });
  it('keeps the value of every valid amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_99 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(checkAmount(text)).toBeNull();
        expect(Math.round(Number(canonicalAmount(text)) * 100)).toBe(cents);
      }),
    );
  });
});

describe('checkRate and checkCount', () => {
  it.each(['3.85', '24', '100', '12%'])('accepts rate %s', (r) => expect(checkRate(r)).toBeNull());
  it.each([
    ['', 'errors.rate.required'],
    ['abc', 'errors.rate.format'],
    ['3.855', 'errors.rate.format'],
    ['0', 'errors.rate.range'],
    ['100.01', 'errors.rate.range'],
  ])('rejects rate %j with %s', (r, key) => expect(checkRate(r)).toBe(key));
  it.each([
    ['0', null],
    ['3', null],
    ['20', null],
    ['', 'errors.count.required'],
    ['2.5', 'errors.count.format'],
    ['21', 'errors.count.tooLarge'],
  ])('count %j → %s', (c, key) => expect(checkCount(c)).toBe(key));
});
