import { describe, expect, it } from 'vitest';
import { CLAIMS_MAX, Claims, charCount, textLimits } from '../../shared/application.js';
import { claimFromSuggestion, claimSuggestions, claimText, roomForClaim, suggestionsFor, withSuggestedClaim } from '../../shared/claimSuggestions.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { languages } from '../../shared/intake.js';
import { AMOUNT_MAX_WHOLE_DIGITS, AMOUNT_MAX_YUAN, checkAmount } from '../../shared/validators.js';

const hanzi = /\p{Script=Han}/u;
const longestAmount = '9'.repeat(AMOUNT_MAX_WHOLE_DIGITS);

describe('the common claims offered as buttons (issue 15 item 7)', () => {
  it('gives every dispute type two to five claims, worded in Chinese and in English, each once', () => {
    for (const type of disputeTypes) {
      const list = claimSuggestions[type];
      expect(list.length, type).toBeGreaterThanOrEqual(2);
      expect(list.length, type).toBeLessThanOrEqual(5);
      expect(new Set(list.map((s) => s.id)).size, type).toBe(list.length);
      for (const s of list) {
        expect(s.zh, `${type}.${s.id}`).toMatch(hanzi);
        expect(s.en, `${type}.${s.id}`).toMatch(/^[A-Z][A-Za-z ,.()'-]+$/);
        expect(s.en, `${type}.${s.id}`).not.toMatch(hanzi);
      }
    }
  });

  it('writes nothing the court would refuse: the longest claim with the largest amount fits the claim limit, in both languages', () => {
    expect(Number(longestAmount)).toBeLessThan(AMOUNT_MAX_YUAN);
    expect(checkAmount(longestAmount)).toBeNull();
    for (const type of disputeTypes) {
      for (const s of claimSuggestions[type]) {
        for (const language of languages) {
          const text = claimText(s, language, s.amount ? longestAmount : undefined);
          expect(charCount(text), text).toBeLessThanOrEqual(textLimits.claim);
          expect(Claims.safeParse([text]).success, text).toBe(true);
        }
      }
    }
  });

  it('tells one button of a type from another: no claim of a type begins with another of the same type', () => {
    for (const type of disputeTypes) {
      const list = claimSuggestions[type];
      for (const a of list)
        for (const b of list) if (a !== b) expect(claimFromSuggestion(claimText(a, 'zh-CN'), b) || claimFromSuggestion(claimText(a, 'en'), b), `${type}: ${a.id} / ${b.id}`).toBe(false);
    }
  });

  it('writes the words and the amount as a resident would type them', () => {
    const loan = suggestionsFor('private_loan').find((s) => s.id === 'repayLoan')!;
    expect(claimText(loan, 'zh-CN', '50000')).toBe('归还借款50000元');
    expect(claimText(loan, 'en', '50000')).toBe('Repay the loan: 50000 yuan');
    expect(claimText(loan, 'zh-CN')).toBe('归还借款');
    expect(suggestionsFor(undefined)).toBe(claimSuggestions.other);
  });

  it('fills the first empty box or adds one, never over what the resident wrote, never twice, never past the limits', () => {
    const [loan, interest] = suggestionsFor('private_loan');
    expect(withSuggestedClaim([''], loan!, '归还借款50000元')).toEqual(['归还借款50000元']);
    expect(withSuggestedClaim(['我自己写的', ''], loan!, '归还借款')).toEqual(['我自己写的', '归还借款']);
    expect(withSuggestedClaim(['我自己写的'], loan!, '归还借款')).toEqual(['我自己写的', '归还借款']);
    // already written by this button (the resident changed the amount since): nothing doubled
    expect(withSuggestedClaim(['归还借款60000元'], loan!, '归还借款50000元')).toBeNull();
    expect(withSuggestedClaim(['Repay the loan: 5 yuan'], loan!, '归还借款')).toBeNull();
    expect(withSuggestedClaim(['归还借款60000元'], interest!, '支付利息')).toEqual(['归还借款60000元', '支付利息']);
    const full = Array.from({ length: CLAIMS_MAX }, (_, i) => `请求${i}`);
    expect(withSuggestedClaim(full, loan!, '归还借款')).toBeNull();
    expect(roomForClaim(full)).toBe(false);
    expect(roomForClaim(full.map((c, i) => (i === 3 ? ' ' : c)))).toBe(true);
    expect(
      withSuggestedClaim(
        full.map((c, i) => (i === 3 ? ' ' : c)),
        loan!,
        '归还借款',
      )?.[3],
    ).toBe('归还借款');
    expect(withSuggestedClaim([''], loan!, '借'.repeat(textLimits.claim + 1))).toBeNull();
  });
});
