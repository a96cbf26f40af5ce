import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Language } from '../../../shared/intake.js';

// Looking at a screen the way a test should: once it has stopped moving (a condition, not a
// pause), then with axe-core. Used before screenshots and accessibility checks.

/**
 * Waits until fonts are loaded and the transitions and animations under way have ended: what a
 * screenshot or axe sees is then the screen at rest. Endless animations (the standby's pulse, a
 * spinner) and ones that start later (a live audio meter) are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const moving = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
    // A transition replaced by a newer one is cancelled: it has ended too.
    await Promise.all(moving.map((a) => a.finished.catch(() => undefined)));
  });
}

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every axe-core violation on the page once it has settled (up to three targets each). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

export const isSerious = (v: Violation): boolean => v.impact === 'serious' || v.impact === 'critical';

/** Serious and critical findings as "screen: rule (target)". */
export async function seriousA11yProblems(page: Page, screen: string): Promise<string[]> {
  return (await axeViolations(page)).filter(isSerious).map((v) => `${screen}: ${v.id} (${v.targets[0] ?? ''})`);
}

/** The kiosk screens every resident-facing look is photographed on: landscape and portrait. */
export const sizes = [
  { name: '1280x800', viewport: { width: 1280, height: 800 } },
  { name: '1080x1920', viewport: { width: 1080, height: 1920 } },
];

/** Every display kiosks have: those two and the wide landscape panel (walked whole, journeyLook). */
export const displays = [...sizes, { name: '1920x1080', viewport: { width: 1920, height: 1080 } }];

/** The ways a resident sees them: Chinese and English, standard and elderly. */
export const looks: { language: Language; elderly: boolean }[] = [
  { language: 'zh-CN', elderly: false },
  { language: 'zh-CN', elderly: true },
  { language: 'en', elderly: true },
  { language: 'en', elderly: false },
];
