import type { Locator, Page } from 'playwright-core';

// The court console's server-rendered pages as staff use them, by keyboard: sign in (the username
// field has the focus, Tab to the password, Enter), open an action's form (Enter on its title),
// submit it and wait for the case's new state.

export async function signInByKeyboard(page: Page, username: string, password: string): Promise<void> {
  // typed only once the field has the focus (autofocus may come after the field is visible, and
  // keys typed before it go nowhere): what a keyboard user waits for, the cursor in the field
  await page.locator('#username:focus').waitFor();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.locator('header .who form[action="/console/logout"]').waitFor();
}

/** Opens an action's form (Enter on its title) and returns it. */
export async function openAction(page: Page, type: string): Promise<Locator> {
  const action = page.locator(`details[data-action="${type}"]`);
  await action.locator('summary').press('Enter');
  return action;
}

export async function submitAction(page: Page, action: Locator, expectState: string): Promise<void> {
  // the form's own button, not a step that only shows the form again (formmethod="get")
  await action.locator('button[type="submit"]:not([formmethod])').press('Enter');
  await page.locator(`.case-title[data-state="${expectState}"]`).waitFor();
}

/** Signs on the agreement page's pad of `signer` with the mouse, as a mediator does at the desk, and saves it. */
export async function signOnPad(page: Page, signer: string) {
  // the pad takes strokes once its script has run; the page is loaded (a browser restores the
  // scroll of a reloaded page then) and the pad in view, as a mediator sees it before signing
  const canvas = page.locator(`.pad[data-signer="${signer}"][data-ready] canvas`);
  await canvas.waitFor();
  await page.waitForLoadState('load');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 120);
  await page.mouse.down();
  for (const [dx, dy] of [
    [90, 60],
    [160, 140],
    [240, 50],
    [320, 130],
  ] as const)
    await page.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  await page.mouse.up();
  await page.locator('[data-sign]').click();
}
