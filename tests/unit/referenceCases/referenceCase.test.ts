import { describe, expect, it } from 'vitest';
import { inLanguage, matchingCases, publishedView, ReferenceCaseFields, ReferenceCaseUpdate, type ReferenceCase } from '../../../shared/referenceCases/referenceCase.js';

// The library's rules, read by the hub, the console, the agent and the kiosk: what a case must
// have, what residents see of it, and in which language.

const stored: ReferenceCase = {
  referenceCaseId: '00000000-0000-4000-8000-000000000001',
  version: 3,
  title: '标题',
  titleEn: null,
  disputeType: 'labour',
  facts: '事实',
  factsEn: 'Facts',
  outcome: '结果',
  outcomeEn: null,
  legalBasis: '依据',
  legalBasisEn: null,
  published: true,
  createdBy: 'judge',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'admin',
  updatedAt: '2026-12-02T00:00:00.000Z',
};

describe('reference case rules', () => {
  it('needs a title, type, facts, outcome and legal basis in Chinese; English is optional', () => {
    const ok = ReferenceCaseFields.safeParse({ title: 't', disputeType: 'family', facts: 'f', outcome: 'o', legalBasis: 'b' });
    expect(ok.success).toBe(true);
    const bad = ReferenceCaseFields.safeParse({ title: '  ', disputeType: 'family', facts: 'f', outcome: 'o', legalBasis: 'b', extra: 1 });
    expect(bad.error?.issues.map((i) => i.path.join('.') || i.code).sort()).toEqual(['title', 'unrecognized_keys']);
    expect(ReferenceCaseUpdate.safeParse({ title: 'x' }).success).toBe(false); // an edit names the version it was made on
  });

  it('shows residents no staff names, and each text in their language where staff gave it', () => {
    const view = publishedView(stored);
    expect(JSON.stringify(view)).not.toMatch(/judge|admin/);
    expect(inLanguage(view.facts, 'en')).toBe('Facts');
    expect(inLanguage(view.title, 'en')).toBe('标题'); // no English title: the Chinese one
    expect(inLanguage(view.facts, 'zh-CN')).toBe('事实');
  });

  it('matches by dispute type only', () => {
    const view = publishedView(stored);
    expect(matchingCases([view], 'labour')).toEqual([view]);
    expect(matchingCases([view], 'family')).toEqual([]);
  });
});
