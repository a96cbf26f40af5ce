import { describe, expect, it } from 'vitest';
import { MediationApplication } from '../../shared/application.js';
import { createI18n } from '../../renderer/i18n/index.js';
import { parseApplication, type SignatureValue } from '../../renderer/wizard/applicationCandidate.js';
import { reviewSections } from '../../renderer/wizard/reviewRows.js';
import type { AppDraft } from '../../renderer/wizard/questions.js';
import { SIGNATURE_PNG } from '../e2e/support/applications.js';

// The short path asks who the other side is by name only; a company or a village committee is one
// tap away (the kind, "person" until told otherwise) and reaches the court as an organisation, not
// as a person with a company's name.

const AT = '2026-12-06T03:00:00.000Z';
const draft = (respondent: Record<string, unknown>): AppDraft =>
  ({
    shortPath: true,
    consents: { privacy: { accepted: true, at: AT }, onlineMediation: { accepted: true, at: AT } },
    disputeType: 'labour',
    applicant: { name: '王建国', mobile: '13812345678' },
    respondents: [respondent],
    facts: '在工地干了三个月，工资一直没发。',
    claims: ['支付工资12000元'],
  }) as AppDraft;
const signature: SignatureValue = { pngDataUrl: SIGNATURE_PNG, signedAt: AT };

describe("the short path's other side", () => {
  it('is sent as an organisation when the resident says so', () => {
    const parsed = parseApplication(draft({ kind: 'organisation', name: '兰州某某建筑劳务有限公司' }), signature);
    expect(parsed).not.toBeNull();
    expect(MediationApplication.parse(parsed).respondents[0]).toMatchObject({ kind: 'organisation', name: '兰州某某建筑劳务有限公司' });
  });
  it('is a person otherwise', () => {
    const parsed = parseApplication(draft({ name: '李四' }), signature);
    expect(parsed?.respondents[0]).toMatchObject({ kind: 'person', name: '李四' });
  });
  it('is asked for by a name a person or an organisation has, in both languages', async () => {
    const i18n = createI18n();
    expect(i18n.t('steps.shortWho.intro')).toContain('对方的姓名或单位名称');
    expect(i18n.t('fields.respondentName.hint')).toContain('单位全称');
    await i18n.changeLanguage('en');
    expect(i18n.t('steps.shortWho.intro')).toMatch(/organisation/);
    expect(i18n.t('fields.respondentName.hint')).toMatch(/organisation/);
  });
  it('has one plain name on both paths, in the question whether it is the resident again too (对方, the other side)', async () => {
    const i18n = createI18n();
    // Where the resident's screens name the other side: the full path's cards, the short path's
    // group, the review, the kind question and the "is that you again?" message both paths show.
    const naming = [
      'steps.respondents.intro',
      'steps.respondents.item',
      'steps.shortWho.them',
      'review.sections.respondent',
      'fields.respondentKind.label',
      'errors.respondentSame.idNumber',
      'errors.respondentSame.nameAndPhone',
    ];
    const everything = [
      ...naming,
      'steps.respondents.add',
      'steps.respondents.remove',
      'errors.respondentName.required',
      'errors.respondents.required',
      'errors.respondents.tooMany',
      'fields.respondentName.label',
    ];
    for (const key of naming) expect(i18n.t(key, { number: 1 }), key).toContain('对方');
    for (const key of everything) expect(i18n.t(key, { number: 1 }), key).not.toContain('被申请人');
    await i18n.changeLanguage('en');
    for (const key of naming) expect(i18n.t(key, { number: 1 }), key).toMatch(/other side/i);
    for (const key of everything) expect(i18n.t(key, { number: 1 }), key).not.toMatch(/respondent|other part/i);
  });
  it('is shown at review as it will be sent', () => {
    const i18n = createI18n();
    const kindRow = (respondent: Record<string, unknown>) =>
      reviewSections(draft(respondent), i18n)
        .flatMap((section) => section.rows)
        .find((row) => row.path === 'respondents.0.kind');
    expect(kindRow({ kind: 'organisation', name: '某某物业公司' })?.value).toBe('公司或单位');
    expect(kindRow({ name: '李四' })?.value).toBe('个人');
  });
});
