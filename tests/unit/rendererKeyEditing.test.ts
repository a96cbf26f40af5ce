import { describe, expect, it } from 'vitest';
import { AMOUNT_MAX_WHOLE_DIGITS, applyKey, editText, formatDateDigits, keyOutcome, padFor, type Key } from '../../renderer/keyboard/keyEditing.js';
import { checkAmount } from '../../shared/validators.js';
import type { FieldKind } from '../../renderer/wizard/questions.js';

const typeKeys = (kind: FieldKind, text: string, max = 50, start = '') => [...text].reduce((v, ch) => applyKey(v, ch === '<' ? { type: 'backspace' } : { type: 'char', char: ch }, kind, max), start);

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
    expect(typeKeys('partyName', 'gansu hengtai co')).toBe('Gansu Hengtai Co');
    expect(typeKeys('text', 'li wei')).toBe('li wei');
  });
  it('respects the maximum length, counting characters not UTF-16 units', () => {
    expect(applyKey('王建', { type: 'char', char: '国' }, 'name', 2)).toBe('王建');
    expect(applyKey('𠀀', { type: 'backspace' }, 'text', 5)).toBe('');
    expect(applyKey('abc', { type: 'clear' }, 'text', 5)).toBe('');
  });

  it('says why a key was refused when a limit refused it, never cutting silently', () => {
    const char = (c: string): Key => ({ type: 'char', char: c });
    expect(keyOutcome('王建', char('国'), 'name', 2)).toEqual({ value: '王建', refused: 'length' });
    expect(keyOutcome('王', char('建'), 'name', 2)).toEqual({ value: '王建', refused: null });
    // Not the field's alphabet: refused without a limit to blame.
    expect(keyOutcome('138', char('a'), 'mobile', 11)).toEqual({ value: '138', refused: null });
    // The largest amount the court accepts can be typed in full; one more digit is refused, with a reason.
    const largest = '9'.repeat(AMOUNT_MAX_WHOLE_DIGITS);
    expect(checkAmount(`${largest}.99`)).toBeNull();
    expect(checkAmount(`1${'0'.repeat(AMOUNT_MAX_WHOLE_DIGITS)}`)).toBe('errors.amount.tooLarge');
    expect(typeKeys('amount', `${largest}.99`)).toBe(`${largest}.99`);
    expect(keyOutcome(largest, char('9'), 'amount', 50)).toEqual({ value: largest, refused: 'amountDigits' });
    expect(keyOutcome('12.34', char('5'), 'amount', 50)).toEqual({ value: '12.34', refused: null });
  });

  it('edits free text at the caret: insert, delete before it, replace a selection, move by one character', () => {
    const at = (start: number, end = start) => ({ start, end });
    // A typo early in a long account: 借给他五千元 → 借给他五万元 without touching the rest.
    const text = '我借给他五千元，约定一年还。';
    const removed = editText(text, at(6), { type: 'backspace' }, 'multiline', 100);
    expect(removed).toEqual({ value: '我借给他五元，约定一年还。', caret: 5, refused: null });
    expect(editText(removed.value, at(removed.caret), { type: 'char', char: '万' }, 'multiline', 100)).toEqual({ value: text.replace('千', '万'), caret: 6, refused: null });
    // A selected word is replaced by what is typed.
    expect(editText(text, at(10, 12), { type: 'char', char: '两年' }, 'multiline', 100).value).toBe('我借给他五千元，约定两年还。');
    expect(editText(text, at(10, 12), { type: 'backspace' }, 'multiline', 100)).toEqual({ value: '我借给他五千元，约定还。', caret: 10, refused: null });
    // Arrows step over a rare character as one; a selection collapses to its side.
    expect(editText('吴𠮷䶮', at(1), { type: 'move', by: 1 }, 'name', 50).caret).toBe(3);
    expect(editText('吴𠮷䶮', at(3), { type: 'move', by: -1 }, 'name', 50).caret).toBe(1);
    expect(editText('吴𠮷䶮', at(3), { type: 'backspace' }, 'name', 50)).toEqual({ value: '吴䶮', caret: 1, refused: null });
    expect(editText(text, at(2, 5), { type: 'move', by: 1 }, 'multiline', 100).caret).toBe(5);
    expect(editText('ab', at(0), { type: 'move', by: -1 }, 'text', 10).caret).toBe(0);
    expect(editText('ab', at(2), { type: 'move', by: 1 }, 'text', 10).caret).toBe(2);
    // The limit holds in the middle too: what fits goes in, and the refusal is said.
    expect(editText('abcd', at(2), { type: 'char', char: 'xyz' }, 'text', 5)).toEqual({ value: 'abxcd', caret: 3, refused: 'length' });
  });
});
