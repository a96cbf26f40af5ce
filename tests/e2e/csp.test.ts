import { describe, expect, it } from 'vitest';
import { completeApplication } from './support/applications.js';
import { cspViolations, forgetCspViolations } from './support/cspWatch.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { kioskPage } from './support/stack.js';

// The kiosk's CSP allows no inline style. Every suite fails a test whose pages report a violation
// (support/kioskSuite.ts); this file checks that watch can see one, and that the styles that vary
// at run time (key widths, two-column choices) still apply without a `style` attribute.

const suite = kioskSuite();

describe('the kiosk under a CSP without inline styles', () => {
  it('sizes keys and choice columns from the stylesheet, and a style attribute is refused and seen', async () => {
    const app = completeApplication();
    app.applicant = { kind: 'person', name: app.applicant!.name! };
    await seedDraft(suite.stack, { step: 'applicantIdentity', application: app });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'applicantIdentity');
    expect(await page.locator('[style]').count()).toBe(0);

    // The on-screen keyboard: the space bar is four ordinary keys wide (--key-grow set through the CSSOM).
    await page.getByTestId('field-applicant.name').tap();
    const keyboard = page.getByTestId('keyboard');
    await keyboard.waitFor();
    const space = await keyboard.getByTestId('key-space').boundingBox();
    const letter = await keyboard.getByTestId('key-q').boundingBox();
    expect(space!.width).toBeGreaterThan(letter!.width * 2.5);
    expect(await cspViolations(context)).toEqual([]);

    // The watch itself: an inline style is blocked by the policy and reported.
    await page.evaluate(() => document.body.setAttribute('style', 'background: red'));
    await expect.poll(() => cspViolations(context)).toEqual([expect.stringContaining('style-src')]);
    await forgetCspViolations(context);
  });
});
