import { describe, expect, it } from 'vitest';
import { applyKey, formatDateDigits, padFor } from '../../renderer/keyboard/keyEditing.js';
import type { FieldKind } from '../../renderer/wizard/questions.js';

const typeKeys = (kind: FieldKind, text: string, max = 50, start = '') =>
  [...text].reduce((v, ch) => applyKey(v, ch === '<' ? { type: 'backspace' } : { type: 'char', char: ch }, kind, max), start);

describe('on-screen keyboard editing', () => {
  it('gives each kind of field its pad', () => {
    expect(padFor('name')).toBe('letters');
    expect(padFor('mobile')).toBe('digits');
    expect(padFor('id')).toBe('id');
    expect(padFor('code')).toBe('code');
    expect(padFor('amount')).toBe('decimal');
    expect(padFor('date')).toBe('date');
  });
  it('formats dates as they are typed and deletes through the dashes', () => {
    expect(formatDateDigits('19580')).toBe('1958-0');
    expect(typeKeys('date', '195803129')).toBe('1958-03-12');
    expect(typeKeys('date', '1958031<<')).toBe('1958-0');
    expect(typeKeys('date', '19a58')).toBe('1958');
  });
  it('keeps mobiles to digits and within length', () => {
    expect(typeKeys('mobile', '138a1234567899', 11)).toBe('13812345678');
  });
  it('allows X only as the 18th character of an ID number', () => {
    expect(typeKeys('id', 'X1234', 18)).toBe('1234');
    expect(typeKeys('id', '62010219580312031x', 18)).toBe('62010219580312031X');
    expect(typeKeys('id', '6201021958031203101', 18)).toBe('620102195803120310');
  });
  it('accepts only the credit-code alphabet, in capitals', () => {
    expect(typeKeys('code', '91620102ma71abcd1q', 18)).toBe('91620102MA71ABCD1Q');
    expect(typeKeys('code', 'IOSVZ9', 18)).toBe('9');
  });
  it('writes amounts without leading zeros and with at most two decimals', () => {
    expect(typeKeys('amount', '0050000')).toBe('50000');
    expect(typeKeys('amount', '.5')).toBe('0.5');
    expect(typeKeys('amount', '12.345.6')).toBe('12.34');
    expect(typeKeys('amount', '1<')).toBe('');
    expect(typeKeys('rate', '12345')).toBe('123');
  });
  it('lets a phone carry dashes but not two in a row', () => {
    expect(typeKeys('phone', '-0931--8888888', 20)).toBe('0931-8888888');
  });
  it('capitalises latin names word by word and leaves other text alone', () => {
    expect(typeKeys('name', 'li wei')).toBe('Li Wei');
    expect(typeKeys('text', 'li wei')).toBe('li wei');
  });
  it('respects the maximum length, counting characters not UTF-16 units', () => {
    expect(applyKey('王建', { type: 'char', char: '国' }, 'name', 2)).toBe('王建');
    expect(applyKey('𠀀', { type: 'backspace' }, 'text', 5)).toBe('');
    expect(applyKey('abc', { type: 'clear' }, 'text', 5)).toBe('');
  });
});
