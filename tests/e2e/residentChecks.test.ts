import { describe, expect, it } from 'vitest';
import { completeApplication, PERSON_ID } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { fillField, next, tap } from './support/wizard.js';

// Checks a court clerk would make on a filing (issue 15, item 4), through the real screens: an
// old 15-digit ID number is explained (use the 18-digit number), and a respondent who is the
// applicant again is questioned, by ID number or by name and phone.

const suite = kioskSuite();
const stepNow = (page: import('playwright-core').Page) => page.locator('[data-step]').getAttribute('data-step');

describe('a clerk\'s checks', () => {
  it('tells a resident with a first-generation 15-digit ID number to use the 18-digit one', async () => {
    const app = completeApplication();
    app.applicant = { kind: 'person', name: '王建国' };
    await seedDraft(suite.stack, { step: 'applicantIdentity', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'applicantIdentity');
    await fillField(page, 'applicant.idNumber', '620102580312031');
    await tap(page, 'next');
    const error = page.getByTestId('error-applicant.idNumber');
    await error.waitFor();
    expect(await error.textContent()).toContain('老式15位');
    expect(await error.textContent()).toContain('18位');
    expect(await stepNow(page)).toBe('applicantIdentity');
    await settled(page);
    await screenshot(page, 'zh-CN-error-id-first-generation');
    await tap(page, 'lang-en');
    await error.filter({ hasText: '18-digit number on your current ID card' }).waitFor();
  });

  it('questions a respondent with the applicant\'s own ID number, or own name and phone', async () => {
    const app = completeApplication();
    app.respondents = [{ kind: 'person', name: '李四', idNumber: PERSON_ID, address: '兰州市城关区庆阳路2号' }];
    await seedDraft(suite.stack, { step: 'respondents', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'respondents');
    await tap(page, 'next');
    const idError = page.getByTestId('error-respondents.0.idNumber');
    await idError.waitFor();
    expect(await idError.textContent()).toContain('被申请人的身份证号码和您的一样');
    expect(await stepNow(page)).toBe('respondents');
    await settled(page);
    await screenshot(page, 'zh-CN-error-respondent-same-id');

    // The resident meant their neighbour: no ID, but their own name and mobile by mistake.
    await fillField(page, 'respondents.0.idNumber', '', { clear: true });
    await fillField(page, 'respondents.0.name', '', { clear: true });
    await fillField(page, 'respondents.0.name', [{ pinyin: 'wang', pick: '王' }, { pinyin: 'jian', pick: '建' }, { pinyin: 'guo', pick: '国' }]);
    await fillField(page, 'respondents.0.mobile', '13812345678');
    await tap(page, 'next');
    const nameError = page.getByTestId('error-respondents.0.name');
    await nameError.waitFor();
    expect(await nameError.textContent()).toContain('姓名和电话和您的一样');
    await fillField(page, 'respondents.0.mobile', '13987654321', { clear: true });
    await next(page, 'disputeType');
  });
});
