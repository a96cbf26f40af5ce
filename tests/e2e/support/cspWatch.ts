import type { BrowserContext } from 'playwright-core';

// Our pages carry a CSP without 'unsafe-inline'; anything it blocks (a `style` attribute, an inline
// script) is a defect that only shows in a browser. Every page the suites open records the
// violations its documents report, and the suite's afterEach fails a test whose pages saw any
// (tests/e2e/support/kioskSuite.ts). Scripts as text: this module is also compiled without DOM types.

const RECORD = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
});`;

/** From now on, each page of `context` keeps the CSP violations its documents report. */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: RECORD });
}

/** The violations the open pages of `context` have recorded (a page gone or navigating has none to give). */
export async function cspViolations(context: BrowserContext): Promise<string[]> {
  const found: string[] = [];
  for (const page of context.pages()) {
    const seen = await page.evaluate<string[]>('window.__cspViolations ?? []').catch((): string[] => []);
    found.push(...seen.map((v) => `${page.url().split('#')[0]}: ${v}`));
  }
  return found;
}

/** Forgets what `context`'s pages have recorded (after a test provoked a violation on purpose). */
export async function forgetCspViolations(context: BrowserContext): Promise<void> {
  for (const page of context.pages()) await page.evaluate('window.__cspViolations = []');
}
