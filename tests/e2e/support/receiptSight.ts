import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Where the receipt opens, as a resident sees it without scrolling: the delivery state (the news the
// receipt exists to tell) whole inside the receipt's visible area, above the "more below" band and
// the button bar, with the area at its top. The state lay in the facts table below the fold at
// 1280×800 (s18 walk).

export const statusOf = (page: Page, state: string) => page.locator(`[data-testid="receipt-status"][data-state="${state}"]`);

export async function expectStateInSight(page: Page, state: string): Promise<void> {
  const sight = await statusOf(page, state).evaluate((el) => {
    const area = el.closest('.receipt-scroll')!;
    const view = area.getBoundingClientRect();
    const bar = document.querySelector('.receipt-actions')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return { scrollTop: area.scrollTop, inside: box.height > 0 && box.top >= view.top - 0.5 && box.bottom <= Math.min(view.bottom, bar.top) + 0.5 };
  });
  expect(sight, `the ${state} state in sight at the receipt's top`).toEqual({ scrollTop: 0, inside: true });
}
