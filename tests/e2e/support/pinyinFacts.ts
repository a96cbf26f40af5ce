import type { Browser, Page } from 'playwright-core';
import type { DisputeType } from '../../../shared/disputeTypes.js';
import { BUSY_MS } from '../../support/hubHarness.js';
import { completeApplication } from './applications.js';
import { seedDraft } from './drafts.js';
import { settled } from './look.js';
import { kioskPage, screenshot, type Stack } from './stack.js';

// The pinyin keyboard in a filing's facts, through the real UI: a seeded draft of a dispute type
// resumes at its facts, the answer is tapped open and letters typed; what the candidate bar offers
// first (tests/e2e/pinyinContext.test.ts: the type's words; pinyinCourtWords.test.ts: the court's).

/** The first five candidates the bar shows for letters typed into the open keyboard. */
export async function firstFive(page: Page, text: string): Promise<string[]> {
  for (const k of text) await page.getByTestId('keyboard').getByTestId(`key-${k}`).tap({ force: true });
  await page
    .locator('[data-testid="candidate-pinyin"]:not(.is-hint)')
    .filter({ hasText: text.slice(-1) })
    .waitFor({ timeout: BUSY_MS });
  await page.getByTestId('candidate-4').waitFor({ timeout: BUSY_MS });
  return Promise.all([0, 1, 2, 3, 4].map(async (i) => (await page.getByTestId(`candidate-${i}`).getAttribute('data-candidate')) ?? ''));
}

/** Each type's own answers (the wizard resumes at the first step not answered). */
const typeAnswers: Partial<Record<DisputeType, ReturnType<typeof completeApplication>['typeAnswers']>> = {
  private_loan: completeApplication().typeAnswers,
  family: { matter: 'elder_support', relationship: '母子', minorChildren: '0', propertyInvolved: false },
};

/** Opens the facts screen of a seeded filing of this type, types the letters into its answer and screenshots it as `shot`. */
export async function factsOffer(browser: Browser, stack: Stack, type: DisputeType, letters: string, shot = `zh-CN-pinyin-in-context-${type}`): Promise<string[]> {
  const app = completeApplication();
  app.disputeType = type;
  app.typeAnswers = typeAnswers[type];
  app.facts = '';
  await seedDraft(stack, { step: 'facts', application: app });
  const { context, page } = await kioskPage(browser, stack.kioskUrl, undefined, 'facts');
  try {
    await page.getByTestId('field-facts').tap();
    await page.getByTestId('keyboard').waitFor();
    const offered = await firstFive(page, letters);
    await settled(page);
    await screenshot(page, shot);
    return offered;
  } finally {
    await context.close();
  }
}
