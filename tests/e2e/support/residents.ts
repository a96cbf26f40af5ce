import type { Page } from 'playwright-core';
import { PERSON_ID } from './applications.js';
import { choose, drawSignature, fillField, next, tap, tapSelected, waitForStep, type Pinyin } from './wizard.js';

// Whole visits, step by step, as residents make them. Each helper starts on the screen named in
// its first line and ends on the next one.

const py = (pinyin: string, pick: string): Pinyin => ({ pinyin, pick });

/** preferences (the form already chosen) → `then`: on to the privacy notice, agreeing to it and to online mediation. */
async function consentBoth(page: Page, then: string): Promise<void> {
  await next(page, 'privacy');
  await tap(page, 'consent-privacy-yes');
  await waitForStep(page, 'onlineConsent');
  await tap(page, 'consent-onlineMediation-yes');
  await waitForStep(page, then);
}

/** From home to the applicant's identity screen, as a person, consenting to online mediation. */
export async function startAsPerson(page: Page): Promise<void> {
  await tap(page, 'home-file-button');
  await waitForStep(page, 'preferences');
  await tapSelected(page, 'pref-full');
  await consentBoth(page, 'applicantKind');
  await choose(page, 'applicant.kind', 'person');
  await next(page, 'applicantIdentity');
}

/** home → the short path's "who" screen, for a private loan, consenting to online mediation. */
export async function startShort(page: Page): Promise<void> {
  await tap(page, 'home-file-button');
  await waitForStep(page, 'preferences');
  await tapSelected(page, 'pref-short');
  await consentBoth(page, 'disputeType');
  await tap(page, 'dispute-private_loan');
  await next(page, 'shortWho');
}

/** applicantIdentity → applicantContact: 王建国, typed in pinyin. */
export async function fillIdentityZh(page: Page): Promise<void> {
  await fillField(page, 'applicant.name', [py('wang', '王'), py('jianguo', '建国')]);
  await fillField(page, 'applicant.idNumber', PERSON_ID);
  await choose(page, 'applicant.ethnicity', '01');
  await next(page, 'applicantContact');
}

/** applicantContact → agent. */
export async function fillContactZh(page: Page, mobile = '13812345678'): Promise<void> {
  await fillField(page, 'applicant.mobile', mobile);
  await fillField(page, 'applicant.address', [py('lanzhoushi', '兰州市'), py('chengguanqu', '城关区'), '1', py('hao', '号')]);
}

/** agent → … → review, the rest of a 民间借贷 application in Chinese, with one photographed IOU. */
export async function fillRestZh(page: Page): Promise<void> {
  await choose(page, 'hasAgent', false);
  await next(page, 'respondents');
  await fillField(page, 'respondents.0.name', [py('li', '李'), py('si', '四')]);
  await fillField(page, 'respondents.0.address', [py('lanzhou', '兰州')]);
  await next(page, 'disputeType');
  await tap(page, 'dispute-private_loan');
  await next(page, 'typeQuestions');
  await fillField(page, 'typeAnswers.amount', '50000');
  await fillField(page, 'typeAnswers.lentOn', '20240301');
  await choose(page, 'typeAnswers.term', 'fixed_date');
  await fillField(page, 'typeAnswers.dueDate', '20250301');
  await choose(page, 'typeAnswers.interest', 'none');
  await fillField(page, 'typeAnswers.repaidAmount', '0');
  await choose(page, 'typeAnswers.hasIou', true);
  await next(page, 'claims');
  await fillField(page, 'claims.0', [py('guihuan', '归还'), py('jiekuan', '借款'), '50000', py('yuan', '元')]);
  await next(page, 'facts');
  await fillField(page, 'facts', [py('jiegei', '借给'), py('linju', '邻居'), '5', py('wanyuan', '万元'), py('zhijin', '至今'), py('bu', '不'), py('huan', '还')]);
  await next(page, 'evidence');
  await tap(page, 'add-evidence');
  await fillField(page, 'evidence.0.name', [py('jietiao', '借条')]);
  await fillField(page, 'evidence.0.proves', [py('jiekuan', '借款'), py('jine', '金额')]);
  await tap(page, 'photo-0');
  await page.getByTestId('camera').waitFor();
  await page.locator('[data-testid="camera-capture"]:not([disabled])').waitFor();
  await tap(page, 'camera-capture');
  await page.getByTestId('camera-status').filter({ hasText: /1/ }).waitFor();
  await tap(page, 'camera-done');
  await page.locator('[data-testid="evidence-0-photos"] img').waitFor();
  await next(page, 'process');
  await choose(page, 'process.mode', 'video_now');
  await choose(page, 'process.interpreter', false);
  await next(page, 'review');
}

/** review → receipt. */
export async function signAndSubmit(page: Page): Promise<void> {
  await next(page, 'signature');
  await drawSignature(page);
  await tap(page, 'next');
  await page
    .getByTestId('receipt')
    .waitFor()
    .catch(async (e) => {
      await page.screenshot({ path: 'test-results/debug-submit.png' });
      throw e;
    });
}
