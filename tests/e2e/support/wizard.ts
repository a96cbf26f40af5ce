import type { Page } from 'playwright-core';

// Drives the intake wizard the way a resident does: taps only. Text goes through the kiosk's own
// on-screen keyboard (pinyin with candidate taps for Chinese), never through `fill`.
// No DOM types here: this module is also compiled for the touch benchmark (lib without DOM).

/** A piece of Chinese text typed as pinyin and picked from the candidate bar. */
export interface Pinyin {
  pinyin: string;
  pick: string;
}
export type Typing = string | Pinyin | readonly (string | Pinyin)[];

const keyId = (ch: string, pad: string): string => {
  if (ch === ' ') return 'space';
  if (ch === '-') return 'dash';
  if (ch === '.') return pad === 'decimal' ? 'point' : 'stop';
  if (ch === ',') return 'comma';
  if (/[A-Z]/.test(ch) && pad === 'letters') return ch.toLowerCase();
  return ch;
};

export async function waitForStep(page: Page, step: string): Promise<void> {
  await page.locator(`[data-step="${step}"]`).waitFor();
}

export async function tap(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).tap();
}

/** Taps "next" and waits for the wizard to show `step`. */
export async function next(page: Page, step: string): Promise<void> {
  await tap(page, 'next');
  await waitForStep(page, step);
}

async function tapChars(page: Page, text: string): Promise<void> {
  const keyboard = page.getByTestId('keyboard');
  const pad = (await keyboard.getAttribute('data-pad')) ?? 'letters';
  for (const ch of text) {
    // Capitals in letter mode: one-shot shift, unless the field capitalises by itself.
    if (pad === 'letters' && /[A-Z]/.test(ch)) {
      const value = (await page.getByTestId('keyboard-value').textContent()) ?? '';
      const auto = (await keyboard.getAttribute('data-mode')) === 'latin' && (value === '' || value.endsWith(' ')) && (await page.locator('.is-editing input.input-name').count()) > 0;
      if (!auto) await keyboard.getByTestId('key-shift').tap();
    }
    // Keys never move or animate while the keyboard is up: skip Playwright's stability wait.
    await keyboard.getByTestId(`key-${keyId(ch, pad)}`).tap({ force: true });
  }
}

async function setMode(page: Page, mode: 'pinyin' | 'latin'): Promise<void> {
  const keyboard = page.getByTestId('keyboard');
  if ((await keyboard.getAttribute('data-mode')) !== mode) await keyboard.getByTestId('key-mode').tap();
}

async function typePinyin(page: Page, piece: Pinyin): Promise<void> {
  await setMode(page, 'pinyin');
  await tapChars(page, piece.pinyin);
  const candidate = page.locator(`[data-testid="candidate-bar"] [data-candidate="${piece.pick}"]`).first();
  // The candidates come once the pinyin dictionary has answered (slow on a busy machine): paging
  // before any has come would page past the one wanted.
  await page.locator('[data-testid="candidate-bar"] [data-candidate]').first().waitFor();
  // A page is what fits the bar (fewer in portrait and elderly mode): page on up to 16 times.
  for (let i = 0; i < 16 && (await candidate.count()) === 0; i++) await page.getByTestId('candidate-next').tap();
  await candidate.tap();
}

/** Types into the on-screen keyboard that is open now. */
export async function typeOnKeyboard(page: Page, typing: Typing): Promise<void> {
  const pieces = typeof typing === 'string' || !Array.isArray(typing) ? [typing as string | Pinyin] : (typing as readonly (string | Pinyin)[]);
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      const keyboard = page.getByTestId('keyboard');
      if ((await keyboard.getAttribute('data-pad')) === 'letters' && /[A-Za-z]/.test(piece)) await setMode(page, 'latin');
      await tapChars(page, piece);
    } else {
      await typePinyin(page, piece);
    }
  }
}

/** Taps a field, types with the on-screen keyboard, and closes it with "done". */
export async function fillField(page: Page, path: string, typing: Typing, options: { clear?: boolean } = {}): Promise<void> {
  await page.getByTestId(`field-${path}`).tap();
  await page.getByTestId('keyboard').waitFor();
  if (options.clear) {
    const value = (await page.getByTestId('keyboard-value').textContent()) ?? '';
    for (let i = 0; i < [...value].length; i++) await page.getByTestId('key-backspace').first().tap();
  }
  await typeOnKeyboard(page, typing);
  await page.getByTestId('key-done').tap();
  await page.getByTestId('keyboard').waitFor({ state: 'detached' });
}

/** Taps a choice and waits for it to take (a missed tap fails here, not at "next" a minute later). */
export async function choose(page: Page, path: string, value: string | boolean): Promise<void> {
  await tapSelected(page, `choice-${path}-${String(value)}`);
}

/** Taps a choice button (aria-pressed) and, if it was not chosen yet, waits until it is. */
export async function tapSelected(page: Page, testId: string): Promise<void> {
  const target = page.getByTestId(testId);
  const before = await target.getAttribute('aria-pressed');
  await target.tap();
  if (before !== 'true') await page.locator(`[data-testid="${testId}"][aria-pressed="true"]`).waitFor();
}

/**
 * Draws a signature with real touch events (signature_pad listens to pointer events). The events
 * carry their own timestamps, so the strokes have a finger's pace whatever the machine's.
 */
export async function drawSignature(page: Page, canvasTestId = 'signature-canvas', { liftWhileMoving = false } = {}): Promise<void> {
  const box = await page.getByTestId(canvasTestId).boundingBox();
  if (!box) throw new Error('no signature canvas');
  const cdp = await page.context().newCDPSession(page);
  const point = (x: number, y: number) => ({ x: box.x + x * box.width, y: box.y + y * box.height });
  // Event time in seconds: a step after the last event, never behind the real clock.
  let time = 0;
  const after = (ms: number) => (time = Math.max(time + ms / 1000, Date.now() / 1000));
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', touchPoints: Array<{ x: number; y: number }>, ms: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: after(ms) });
  const strokes = [
    [0.15, 0.6, 0.25, 0.3, 0.35, 0.65, 0.45, 0.35],
    [0.5, 0.5, 0.6, 0.3, 0.7, 0.6, 0.85, 0.4],
  ];
  for (const s of strokes) {
    const pts = [];
    for (let i = 0; i < s.length; i += 2) pts.push(point(s[i]!, s[i + 1]!));
    await touch('touchStart', [pts[0]!], 100);
    for (let i = 1; i < pts.length; i++) {
      const [a, b] = [pts[i - 1]!, pts[i]!];
      for (let k = 1; k <= 6; k++) await touch('touchMove', [{ x: a.x + ((b.x - a.x) * k) / 6, y: a.y + ((b.y - a.y) * k) / 6 }], 16);
    }
    // Most strokes come to rest before the finger lifts; `liftWhileMoving` lifts it mid-stroke,
    // as a quick signature does (that once started a fling which ate the next tap on "submit").
    const last = pts.at(-1)!;
    if (!liftWhileMoving) for (let k = 0; k < 3; k++) await touch('touchMove', [last], 40);
    await touch('touchEnd', [], 16);
  }
  await cdp.detach();
}

/** The wizard's current step (or screen), read from the DOM. */
export async function currentStep(page: Page): Promise<string | null> {
  return page.locator('[data-step]').first().getAttribute('data-step');
}

/**
 * An elderly resident at home turns elderly mode on (in English if asked), files a dispute and
 * takes the short path: on to its privacy notice, or past both consents to the dispute types.
 */
export async function startShortPath(page: Page, until: 'privacy' | 'disputeType', { english = false } = {}): Promise<void> {
  if (english) await tap(page, 'lang-en');
  await tap(page, 'elderly-toggle');
  await page.locator('html.elderly').waitFor();
  await tap(page, 'home-file-button');
  await waitForStep(page, 'preferences');
  await tap(page, 'pref-short');
  await next(page, 'privacy');
  if (until === 'privacy') return;
  await tap(page, 'consent-privacy-yes');
  await waitForStep(page, 'onlineConsent');
  await tap(page, 'consent-onlineMediation-yes');
  await waitForStep(page, 'disputeType');
}

/** Taps digits on the number pad of a common claim's "how much?" question, and waits for them to show. */
export async function tapClaimAmount(page: Page, digits: string): Promise<void> {
  const pad = page.getByTestId('claim-amount');
  for (const d of digits) await pad.getByTestId(`key-${d}`).tap();
  await page.locator(`[data-testid="claim-amount-value"][data-digits="${digits}"]`).waitFor();
}

/** Taps a common claim's button on the claims step; one that names a sum is given `amount` on its pad, or written without one. */
export async function chooseClaim(page: Page, id: string, amount?: string): Promise<void> {
  await tap(page, `claim-suggestion-${id}`);
  if ((await page.getByTestId(`claim-suggestion-${id}`).getAttribute('aria-pressed')) === 'true') return;
  await page.getByTestId('claim-amount').waitFor();
  if (amount) await tapClaimAmount(page, amount);
  await tap(page, amount ? 'claim-amount-write' : 'claim-amount-skip');
  await page.locator(`[data-testid="claim-suggestion-${id}"][aria-pressed="true"]`).waitFor();
}
