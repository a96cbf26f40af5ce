import { describe, expect, it } from 'vitest';
import { AttemptLimit } from '../../shared/attemptLimit.js';
import { applicationPhoneKeys, CaseStatusQuery, phoneKey, provisionalKey, statusPagePath } from '../../shared/caseStatus.js';
import { applyKey, padFor } from '../../renderer/keyboard/keyEditing.js';
import { fullApplication, organisationApplication } from '../support/applicationFixtures.js';

describe('check my case: what is compared', () => {
  it('compares provisional numbers without case or dashes, phone numbers by their digits', () => {
    expect(provisionalKey('ksk-6c3343-261127-0001')).toBe('KSK6C33432611270001');
    expect(provisionalKey(' KSK_6C3343 2611270001')).toBe('KSK6C33432611270001');
    expect(phoneKey('0931-8888888')).toBe('09318888888');
    expect(statusPagePath('KSK-1-261127-0001')).toBe('/status/KSK-1-261127-0001');
    expect(statusPagePath('a/b?c')).toBe('/status/a%2Fb%3Fc');
  });

  it('accepts a provisional number as residents type it and refuses what cannot be one', () => {
    const ok = (provisionalNumber: string, mobile = '13812345678') => CaseStatusQuery.safeParse({ provisionalNumber, mobile }).success;
    expect(ok('KSK-6C3343-261127-0001')).toBe(true);
    expect(ok('ksk6c33432611270001')).toBe(true);
    expect(ok('KSK-6C3343-261127-0001', '0931-8888888')).toBe(true);
    expect(ok('')).toBe(false);
    expect(ok('KSK-261127')).toBe(false);
    expect(ok('KSK-6C3343-261127-000A')).toBe(false);
    expect(ok('<script>-261127-0001')).toBe(false);
    expect(ok('KSK-6C3343-261127-0001', '1381234567')).toBe(false);
    const issues = CaseStatusQuery.safeParse({ provisionalNumber: 'x', mobile: '' }).error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['provisionalNumber', 'errors.provisionalNumber.format'],
      ['mobile', 'errors.phone.required'],
    ]);
  });

  it("opens an application with the applicant's own number or the agent's mobile", () => {
    const withAgent = fullApplication((d) => {
      d.hasAgent = true;
      d.agent = { name: '王小明', relationship: 'relative', mobile: '13700002222' };
    });
    expect(applicationPhoneKeys(withAgent)).toEqual(['13812345678', '13700002222']);
    expect(applicationPhoneKeys(organisationApplication())).toEqual(['09318888888']);
    expect(applicationPhoneKeys(fullApplication())).toEqual(['13812345678']);
  });
});

describe('attempt limit', () => {
  it('allows max attempts per key per window, then says how long to wait', () => {
    let now = 0;
    const limit = new AttemptLimit({ max: 2, windowMs: 60_000, now: () => now });
    expect(limit.take('a')).toBe(0);
    expect(limit.take('a')).toBe(0);
    expect(limit.take('b')).toBe(0);
    now = 10_000;
    expect(limit.take('a')).toBe(50);
    now = 60_001;
    expect(limit.take('a')).toBe(0);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const limit = new AttemptLimit({ max: 1, windowMs: 60_000, now: () => 0, maxKeys: 2 });
    limit.take('a');
    limit.take('b');
    limit.take('c'); // 'a' is forgotten
    expect(limit.take('a')).toBe(0);
    expect(limit.take('c')).toBeGreaterThan(0);
  });
});

describe('provisional number keypad', () => {
  const type = (keys: string, start = '') => [...keys].reduce((v, c) => applyKey(v, { type: 'char', char: c }, 'reference', 40), start);
  it('types capitals, digits and single dashes', () => {
    expect(padFor('reference')).toBe('reference');
    expect(type('ksk-6c3343--261127-0001')).toBe('KSK-6C3343-261127-0001');
    expect(type('-a')).toBe('A');
    expect(type('a.b,c 中')).toBe('ABC');
    expect(applyKey('KSK-', { type: 'backspace' }, 'reference', 40)).toBe('KSK');
  });
});
