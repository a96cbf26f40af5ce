import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/intake.js';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { axeViolations, type Violation } from './support/look.js';
import { kioskPage, screenshot, SCREENSHOTS } from './support/stack.js';
import { drawSignature, fillField, next, tap, typeOnKeyboard, waitForStep } from './support/wizard.js';

// axe-core on every screen of the kiosk, in zh-CN and en, standard and elderly mode, with a
// screenshot of each (test-results/screenshots/a11y-…). Prints one summary line when done:
//   a11y: screens=N serious=S critical=C

type Finding = Violation & { screen: string };

const suite = kioskSuite();
let screens = 0;
const findings: Finding[] = [];

beforeAll(() => {
  // Screens are numbered per run: last run's pictures would mislead whoever looks at them.
  for (const f of readdirSync(SCREENSHOTS)) if (f.startsWith('a11y-')) rmSync(join(SCREENSHOTS, f));
});
afterAll(() => {
  const count = (impact: string) => findings.filter((f) => f.impact === impact).length;
  // Details of anything found, for whoever fixes it (the one summary line below is what CI reads).
  if (findings.length > 0) console.error(JSON.stringify(findings, null, 1));
  console.log(`a11y: screens=${screens} serious=${count('serious')} critical=${count('critical')}`);
});

async function audit(page: Page, name: string): Promise<void> {
  // Once transitions and the dialog's entry animation are over (axeViolations waits for that).
  const violations = await axeViolations(page);
  screens++;
  for (const v of violations) findings.push({ screen: name, ...v });
  if (name.includes('-elderly-')) for (const problem of await elderlySizeProblems(page)) sizeProblems.push(`${name}: ${problem}`);
  await screenshot(page, `a11y-${name}`);
}

const sizeProblems: string[] = [];

/**
 * MIIT age-friendly sizes, measured on the rendered page: every visible tap target at least
 * 60×60 px, body text at least 18 px, the screen's heading at least 30 px.
 */
async function elderlySizeProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && r.bottom > 0 && r.top < innerHeight;
    };
    const label = (el: Element) => (el as HTMLElement).dataset.testid ?? el.textContent?.trim().slice(0, 20) ?? el.tagName;
    for (const el of document.querySelectorAll('button, input, textarea, [role="button"]')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 59.5 || r.width < 59.5) out.push(`target ${label(el)} is ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || !visible(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 18) out.push(`text "${n.textContent.trim().slice(0, 20)}" is ${size}px`);
    }
    for (const h of document.querySelectorAll('h1')) if (visible(h) && parseFloat(getComputedStyle(h).fontSize) < 30) out.push(`heading ${label(h)} under 30px`);
    return out;
  });
}

const variants: { language: Language; elderly: boolean; viewport?: { width: number; height: number } }[] = [
  { language: 'zh-CN', elderly: false },
  { language: 'zh-CN', elderly: true },
  { language: 'en', elderly: false },
  { language: 'en', elderly: true },
  // Portrait and full-HD landscape kiosks, in the mode whose larger text overflows first.
  { language: 'zh-CN', elderly: true, viewport: { width: 1080, height: 1920 } },
  { language: 'en', elderly: true, viewport: { width: 1920, height: 1080 } },
];

describe('accessibility of every screen', () => {
  for (const { language, elderly, viewport } of variants) {
    const tag = `${language}-${elderly ? 'elderly' : 'standard'}${viewport ? `-${viewport.width}x${viewport.height}` : ''}`;
    it(`has no serious or critical axe violations: ${tag}`, async () => {
      let n = 0;
      const name = (screen: string) => `${tag}-${String(++n).padStart(2, '0')}-${screen}`;
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, viewport);
      if (language === 'en') await tap(page, 'lang-en');
      if (elderly) await tap(page, 'elderly-toggle');
      await audit(page, name('home'));
      await tap(page, 'ask-staff');
      await page.getByTestId('staff-help').waitFor();
      await audit(page, name('staff-help'));
      await tap(page, 'staff-help-close');
      // The video call's consent card (its text overflows the card in elderly mode).
      await tap(page, 'call-mediator-button');
      await page.getByTestId('call-consent').waitFor();
      await audit(page, name('call-consent'));
      await tap(page, 'call-consent-back');
      await page.getByTestId('home-file-button').waitFor();

      // Every step of a complete application, resumed from a draft and walked with "next".
      await seedDraft(suite.stack, { step: 'preferences', language, elderly, application: completeApplication() });
      await page.reload();
      await waitForStep(page, 'preferences');
      const walk: [string, (() => Promise<void>)?][] = [
        ['preferences'],
        ['privacy'],
        ['onlineConsent'],
        ['applicantKind'],
        [
          'applicantIdentity',
          async () => {
            await tap(page, 'field-applicant.name');
            await page.getByTestId('keyboard').waitFor();
            if (language === 'zh-CN') for (const k of 'wang') await tap(page, `key-${k}`);
            await audit(page, name(`keyboard-${language === 'zh-CN' ? 'pinyin' : 'letters'}`));
            await tap(page, 'field-applicant.idNumber');
            await page.locator('[data-testid="keyboard"][data-pad="id"]').waitFor();
            await audit(page, name('keyboard-id'));
            await tap(page, 'key-done');
          },
        ],
        ['applicantContact'],
        [
          'agent',
          async () => {
            await tap(page, 'choice-hasAgent-true');
            await tap(page, 'next');
            await page.getByTestId('error-agent.name').waitFor();
            await audit(page, name('agent-error'));
            await tap(page, 'choice-hasAgent-false');
          },
        ],
        [
          'respondents',
          async () => {
            await tap(page, 'choice-respondents.0.kind-organisation');
            await tap(page, 'field-respondents.0.idNumber');
            await page.locator('[data-testid="keyboard"][data-pad="code"]').waitFor();
            await audit(page, name('keyboard-credit-code'));
            await tap(page, 'key-done');
            await tap(page, 'choice-respondents.0.kind-person');
          },
        ],
        ['disputeType'],
        [
          'typeQuestions',
          async () => {
            await tap(page, 'field-typeAnswers.amount');
            await page.locator('[data-testid="keyboard"][data-pad="decimal"]').waitFor();
            await audit(page, name('keyboard-amount'));
            await tap(page, 'key-done');
          },
        ],
        [
          'claims',
          async () => {
            // a common claim that names a sum asks it in a dialog of its own
            await tap(page, 'claim-suggestion-repayLoan');
            await page.getByTestId('claim-amount').waitFor();
            await audit(page, name('claim-amount'));
            await tap(page, 'claim-amount-cancel');
            await page.getByTestId('claim-amount').waitFor({ state: 'detached' });
          },
        ],
        ['facts'],
        [
          'evidence',
          async () => {
            await tap(page, 'photo-0');
            // the dialog first: a tap that missed fails here, a camera that will not start at the next line
            await page.getByTestId('camera-status').waitFor();
            await page.locator('[data-testid="camera-capture"]:not([disabled])').waitFor();
            await audit(page, name('camera'));
            await tap(page, 'camera-done');
          },
        ],
        ['process'],
        ['review'],
      ];
      for (const [step, extra] of walk) {
        await waitForStep(page, step);
        await audit(page, name(step));
        if (extra) await extra();
        // A consent's own answer moves on (it stands where "next" is on the other steps).
        const onward = step === 'privacy' ? 'consent-privacy-yes' : step === 'onlineConsent' ? 'consent-onlineMediation-yes' : 'next';
        if (step !== 'review') await tap(page, onward);
      }
      await next(page, 'signature');
      await tap(page, 'next'); // refused: not signed yet
      await page.getByTestId('error-signature').waitFor();
      await audit(page, name('signature-error'));
      await drawSignature(page);
      await tap(page, 'next');
      await page.getByTestId('receipt').waitFor();
      await page.getByTestId('receipt-qr').waitFor();
      await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor(); // no printer here
      await audit(page, name('receipt'));
      const provisional = (await page.getByTestId('provisional-number').textContent()) ?? '';

      // "Check my case" from home: the form, its number pad, a refused check, and an answer.
      await tap(page, 'done');
      // "Done" forgets the filing and its language; elderly mode lasts the visit (until idle).
      if (language === 'en') await tap(page, 'lang-en');
      await page.locator(elderly ? 'html.elderly' : 'html:not(.elderly)').waitFor();
      await tap(page, 'home-check-case');
      await page.getByTestId('check-case').waitFor();
      await audit(page, name('check-case'));
      const prefix = (await page.getByTestId('field-check.provisionalNumber').inputValue()) ?? '';
      await tap(page, 'field-check.provisionalNumber');
      await page.locator('[data-testid="keyboard"][data-pad="reference"]').waitFor();
      await typeOnKeyboard(page, provisional.slice(prefix.length));
      await audit(page, name('keyboard-reference'));
      await tap(page, 'key-done');
      await tap(page, 'check-case-submit'); // refused: no phone number yet
      await page.getByTestId('error-check.mobile').waitFor();
      await audit(page, name('check-case-error'));
      await fillField(page, 'check.mobile', '13812345678');
      await tap(page, 'check-case-submit');
      await page.getByTestId('case-status').waitFor();
      await audit(page, name('check-case-result'));
      await context.close();

      const mine = findings.filter((f) => f.screen.startsWith(tag) && (f.impact === 'serious' || f.impact === 'critical'));
      expect(mine, JSON.stringify(mine, null, 1)).toEqual([]);
      expect(sizeProblems.filter((p) => p.startsWith(tag))).toEqual([]);
    });
  }
});
