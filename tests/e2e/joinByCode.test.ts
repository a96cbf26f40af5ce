import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { SLICES, sliceIndex } from '../../shared/attemptWindow.js';
import { JOIN_TRIES_PER_CODE, JOIN_TRIES_PER_MINUTE, roomPaths } from '../../shared/rooms/joining.js';
import { answeredCall } from '../support/answeredCall.js';
import { sampleApplication } from '../support/fixtures.js';
import type { FrameClient } from '../support/signallingClients.js';
import { waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { openMediator, startCallStack } from './support/callStack.js';
import { fileAndCall } from './support/filedCall.js';
import { e2eSuite } from './support/kioskSuite.js';
import { seriousA11yProblems } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { fillField, tap } from './support/wizard.js';

// Issue 12 item 3: the respondent walks up to their own village's kiosk and types the meeting code
// the mediator gave them. The applicant's kiosk (KSK-CALL-1) is in a call with the desk; the
// second kiosk (KSK-CALL-2, a real agent of its own) enters a wrong code (a clear message), then
// the right one with a wrong ID ending (a clear message; the code is kept), then the right name
// and ID ending (the hub checks them against the case's respondent), waits in the waiting room
// until the mediator admits it, and from then on the desk decodes its video and it decodes the
// others'. On the SFU, as rooms of more than two run.

const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };
/** Three pages encoding and decoding video on a shared 2-core machine: each step may wait long. */
const BUSY_MS = 90_000;

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 2, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

const decodedByPeer = async (page: Page): Promise<Record<string, number>> => (await page.evaluate(() => window.callDecodedByPeer?.() ?? null)) ?? {};
async function decodesFrom(page: Page, peers: number, what: string): Promise<void> {
  await waitFor(
    async () => {
      const d = await decodedByPeer(page);
      return Object.keys(d).length === peers && Object.values(d).every((n) => n > 0);
    },
    what,
    BUSY_MS,
  );
}

async function typeCode(page: Page, code: string): Promise<void> {
  for (const d of code) await page.getByTestId(`call-code-key-${d}`).tap();
  await page.locator(`[data-testid="call-code-digits"][data-code="${code}"]`).waitFor();
  await page.getByTestId('call-code-next').tap();
  await page.getByTestId('call-identity').waitFor();
}

/** The respondent's name (李四, by pinyin on the kiosk keyboard) and an ID ending, then "next". */
async function typeIdentity(page: Page, idLast4: string, options: { clear?: boolean } = {}): Promise<void> {
  await fillField(
    page,
    'join.partyName',
    [
      { pinyin: 'li', pick: '李' },
      { pinyin: 'si', pick: '四' },
    ],
    options,
  );
  await fillField(page, 'join.idLast4', idLast4, options);
  await page.locator('[data-testid="call-identity-next"]:not([disabled])').tap();
}

describe('joining a mediation by code at a second kiosk', () => {
  it('refuses a wrong code with a clear message, lets the right one into the waiting room, and the desk decodes the second kiosk once admitted', async () => {
    const { hub, kioskUrls } = suite.stack;

    // The applicant files at the first kiosk (the case names the respondent), then calls from the receipt.
    const kiosk = await fileAndCall(suite.browser, suite.stack, RESPONDENT, BUSY_MS);

    const desk = (await openMediator(suite.browser, hub.url)).page;
    desk.setDefaultTimeout(BUSY_MS);
    const item = desk.getByTestId('call-queue-item').first();
    await item.waitFor();
    await item.getByTestId('call-accept').click();
    await kiosk.getByTestId('call-live').waitFor();
    await desk.getByTestId('invite-role').selectOption('respondent');
    await desk.getByTestId('invite').click();
    const code = (await desk.getByTestId('invitation-code').textContent())!;
    expect(code).toMatch(/^\d{6}$/);

    // The respondent at their own village's kiosk: "join with a code" on home.
    const { page: second } = await kioskPage(suite.browser, kioskUrls[1]!);
    second.setDefaultTimeout(BUSY_MS);
    await second.getByTestId('home-join-meeting').tap();
    await second.getByTestId('call-code').waitFor();
    await screenshot(second, 'call-code-zh-CN');
    const wrong = code === '000000' ? '111111' : '000000';
    await typeCode(second, wrong);
    // Digits are no name (the ID ending typed in the wrong box): told at the field as the wizard
    // tells it, and "next" asks nobody.
    await fillField(second, 'join.partyName', '1234');
    await fillField(second, 'join.idLast4', RESPONDENT.idNumber.slice(-4));
    await expect.poll(() => second.getByTestId('error-join.partyName').textContent()).toContain('不能是数字');
    expect(await second.getByTestId('call-identity-next').isDisabled()).toBe(true);
    await screenshot(second, 'call-identity-name-digits-zh-CN');
    await typeIdentity(second, RESPONDENT.idNumber.slice(-4), { clear: true });
    await second.getByTestId('call-consent-accept').tap();
    await second.locator('[data-testid="call-start"]:not([disabled])').tap();
    const refused = second.locator('[data-testid="call-code-refused"][data-reason="badCode"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('会议码');
    await screenshot(second, 'call-code-refused-zh-CN');

    // The right code with a wrong ID ending: refused with the join page's message, the code kept.
    await typeCode(second, code);
    await typeIdentity(second, '4321');
    await second.locator('[data-testid="call-start"]:not([disabled])').tap();
    const mismatch = second.locator('[data-testid="call-code-refused"][data-reason="badIdentity"]');
    await mismatch.waitFor();
    expect(await mismatch.textContent()).toContain('与案件不符');
    // What was typed is gone from the screen: both boxes are empty again.
    expect(await second.getByTestId('field-join.partyName').inputValue()).toBe('');
    expect(await second.getByTestId('field-join.idLast4').inputValue()).toBe('');
    await screenshot(second, 'call-identity-refused-zh-CN');

    // The right name and ID ending: no second consent, straight to the camera check, then into the waiting room.
    await typeIdentity(second, RESPONDENT.idNumber.slice(-4));
    await second.locator('[data-testid="call-start"]:not([disabled])').tap();
    await second.locator('[data-testid="call-waiting"][data-waiting="admission"]').waitFor();
    await screenshot(second, 'call-code-waiting-zh-CN');
    await desk.getByTestId('admit-respondent').click();
    await second.getByTestId('call-live').waitFor();

    // Three in the room, through the SFU: the desk decodes both kiosks, the second kiosk both others.
    await decodesFrom(desk, 2, 'the desk decodes both kiosks');
    await decodesFrom(second, 2, 'the second kiosk decodes the desk and the first kiosk');
    await decodesFrom(kiosk, 2, 'the first kiosk decodes the desk and the second kiosk');
    await screenshot(second, 'call-code-live-zh-CN');

    // The second kiosk hangs up: it leaves, the mediation goes on between the others.
    await second.getByTestId('call-hangup').tap();
    await second.getByTestId('call-ended').waitFor();
    await decodesFrom(desk, 1, 'the desk still decodes the first kiosk');
    await kiosk.getByTestId('call-live').waitFor();
  }, 480_000);

  it('tells a terminal locked out for too many tries when to try again, in both languages and in elderly mode', async () => {
    const { hub, kioskUrls } = suite.stack;
    const { page, context } = await kioskPage(suite.browser, kioskUrls[1]!);
    await page.getByTestId('home-join-meeting').tap();
    await typeCode(page, '246810');
    await typeIdentity(page, RESPONDENT.idNumber.slice(-4));
    await page.getByTestId('call-consent-accept').tap();
    const start = page.locator('[data-testid="call-start"]:not([disabled])');
    await start.waitFor();
    // This terminal's tries this minute used up at the hub (the join page's limit, counted in
    // attempt_windows), not typed ten times. Every slice of the next minute is filled, so the lock
    // outlasts a slow tap on a loaded machine; the hub still says under a minute at first.
    const windowMs = 60_000;
    const first = sliceIndex(Date.now(), windowMs);
    await hub.hub.database.db
      .insertInto('attempt_windows')
      .values(Array.from({ length: SLICES }, (_, i) => ({ bucket: 'join.source', attempt_key: 'terminal:KSK-CALL-2', window_index: first + i, attempts: JOIN_TRIES_PER_MINUTE })))
      // the previous test's join may already have counted in this slice
      .onConflict((oc) => oc.columns(['bucket', 'attempt_key', 'window_index']).doUpdateSet({ attempts: JOIN_TRIES_PER_MINUTE }))
      .execute();
    try {
      await start.tap();
      const locked = page.locator('[data-testid="call-code-refused"][data-reason="tooMany"]');
      await locked.waitFor();
      expect(await locked.textContent()).toMatch(/^尝试次数过多，请 1 分钟后再试。$/);
      // back at an empty keypad: the code tried is not kept
      await page.locator('[data-testid="call-code-digits"][data-code=""]').waitFor();
      await screenshot(page, 'call-code-too-many-zh-CN');
      await page.getByTestId('lang-en').tap();
      await page.getByTestId('elderly-toggle').tap();
      await page.locator('html.elderly').waitFor();
      await expect.poll(() => locked.textContent(), { timeout: BUSY_MS }).toBe('Too many tries. Please try again in 1\u00a0min.');
      // Elderly English on a landscape panel: the message, the boxes and the whole keypad in view between the top bar and the button bar.
      const bar = (await page.locator('.call-code .call-actions').boundingBox())!;
      const body = (await page.locator('.call-code-body').boundingBox())!;
      for (const shown of [locked, page.getByTestId('call-code-digits'), page.getByTestId('call-code-key-1'), page.getByTestId('call-code-key-0')]) {
        await expect
          .poll(
            async () => {
              const box = (await shown.boundingBox())!;
              return box.y >= body.y && box.y + box.height <= bar.y;
            },
            { timeout: BUSY_MS },
          )
          .toBe(true);
      }
      await screenshot(page, 'call-code-too-many-en-elderly');
      await page.setViewportSize({ width: 1080, height: 1920 });
      await expect.poll(() => locked.isVisible(), { timeout: BUSY_MS }).toBe(true);
      await screenshot(page, 'call-code-too-many-en-elderly-portrait');
      await page.getByTestId('lang-zh').tap();
      await expect.poll(() => locked.textContent(), { timeout: BUSY_MS }).toBe('尝试次数过多，请 1 分钟后再试。');
      await screenshot(page, 'call-code-too-many-zh-CN-elderly-portrait');
    } finally {
      // a failure must not leave the terminal locked for the next test
      await hub.hub.database.db.deleteFrom('attempt_windows').where('bucket', '=', 'join.source').where('attempt_key', '=', 'terminal:KSK-CALL-2').execute();
      await context.close();
    }
  });

  it('tells a party whose code wrong names or ID endings locked to ask the mediator for a new one, in both languages, elderly, with a way back', async () => {
    const { hub, kioskUrls } = suite.stack;
    // A call about a case naming the respondent, answered at the desk; its code locked from elsewhere (a phone, say) by wrong ID endings.
    const sockets: FrameClient[] = [];
    const application = sampleApplication();
    application.respondents = [{ kind: 'person', name: RESPONDENT.name, idNumber: RESPONDENT.idNumber, address: '兰州市城关区庆阳路2号' }];
    const call = await answeredCall(hub, (c) => (sockets.push(c), c), { terminalId: 'KSK-JOIN-LOCK', application });
    const { page, context } = await kioskPage(suite.browser, kioskUrls[1]!);
    try {
      const origin = new URL(hub.url).origin;
      const invited = await fetch(hub.url + roomPaths.invitations, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie: call.cookie },
        body: JSON.stringify({ callId: call.callId, role: 'respondent' }),
      });
      expect(invited.status).toBe(201);
      const { code } = (await invited.json()) as { code: string };
      for (let i = 0; i < JOIN_TRIES_PER_CODE; i++) {
        const wrong = await fetch(hub.url + roomPaths.join, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ code, name: RESPONDENT.name, idLast4: `000${i}` }),
        });
        expect(wrong.status).toBe(403);
      }

      // The respondent at their village's kiosk types the code and the right name and ID ending.
      page.setDefaultTimeout(BUSY_MS);
      await page.getByTestId('home-join-meeting').tap();
      await typeCode(page, code);
      await typeIdentity(page, RESPONDENT.idNumber.slice(-4));
      await page.getByTestId('call-consent-accept').tap();
      await page.locator('[data-testid="call-start"]:not([disabled])').tap();
      const locked = page.locator('[data-testid="call-code-refused"][data-reason="codeLocked"]');
      await locked.waitFor();
      expect(await locked.textContent()).toContain('请联系调解员，请他给您一个新的会议码');
      expect(await locked.textContent()).not.toMatch(/再试。$|分钟后再试|稍等/);
      // back at an empty keypad, for the new code
      await page.locator('[data-testid="call-code-digits"][data-code=""]').waitFor();
      await screenshot(page, 'call-code-locked-zh-CN');
      await page.getByTestId('lang-en').tap();
      await page.getByTestId('elderly-toggle').tap();
      await page.locator('html.elderly').waitFor();
      await expect.poll(() => locked.textContent(), { timeout: BUSY_MS }).toContain('Please ask the mediator for a new code');
      expect(await locked.textContent()).not.toMatch(/try again in|wait a little/);
      // Elderly English on a landscape panel: the message and the way back in view.
      const bar = (await page.locator('.call-code .call-actions').boundingBox())!;
      const body = (await page.locator('.call-code-body').boundingBox())!;
      await expect
        .poll(async () => {
          const box = (await locked.boundingBox())!;
          // scrolled flush with the bar: within a pixel (layout rounding)
          return box.y >= body.y && box.y + box.height <= bar.y + 1 ? 'in view' : JSON.stringify({ box, body, bar });
        })
        .toBe('in view');
      expect((await page.getByTestId('call-code-back').boundingBox())!.height).toBeGreaterThanOrEqual(64);
      expect(await seriousA11yProblems(page, 'call-code-locked-en-elderly')).toEqual([]);
      await screenshot(page, 'call-code-locked-en-elderly');
      await page.setViewportSize({ width: 1080, height: 1920 });
      await expect.poll(() => locked.isVisible(), { timeout: BUSY_MS }).toBe(true);
      await screenshot(page, 'call-code-locked-en-elderly-portrait');
      await page.getByTestId('lang-zh').tap();
      await expect.poll(() => locked.textContent(), { timeout: BUSY_MS }).toContain('新的会议码');
      await screenshot(page, 'call-code-locked-zh-CN-elderly-portrait');
      // The way back: home, where "join with a code" waits for the new code.
      await page.getByTestId('call-code-back').tap();
      await page.getByTestId('home-join-meeting').waitFor();
    } finally {
      await context.close();
      for (const s of sockets) s.close();
    }
  });

  it('shows the code and the name + ID screens in English, in elderly mode and on portrait kiosks, with no serious axe-core problem', async () => {
    const { kioskUrls } = suite.stack;
    const problems: string[] = [];
    for (const [name, viewport, setup] of [
      ['call-code-en', { width: 1280, height: 800 }, ['lang-en']],
      ['call-code-zh-CN-elderly', { width: 1280, height: 800 }, ['elderly-toggle']],
      ['call-code-en-elderly-portrait', { width: 800, height: 1280 }, ['lang-en', 'elderly-toggle']],
      ['call-code-zh-CN-portrait', { width: 1080, height: 1920 }, []],
      ['call-code-en-elderly-portrait-tall', { width: 1080, height: 1920 }, ['lang-en', 'elderly-toggle']],
    ] as const) {
      const { page, context } = await kioskPage(suite.browser, kioskUrls[1]!, viewport);
      for (const id of setup) await tap(page, id);
      await page.getByTestId('home-join-meeting').tap();
      for (const d of '12') await page.getByTestId(`call-code-key-${d}`).tap();
      await page.locator('[data-testid="call-code-digits"][data-code="12"]').waitFor();
      // Every key is a big touch target, the whole keypad is above the action bar without scrolling, and nothing is wider than the screen.
      const bar = (await page.locator('.call-code .call-actions').boundingBox())!;
      for (const id of ['call-code-key-0', 'call-code-key-9', 'call-code-backspace']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.height, id).toBeGreaterThanOrEqual(64);
        expect(box.y + box.height, id).toBeLessThanOrEqual(bar.y);
      }
      const next = (await page.getByTestId('call-code-next').boundingBox())!;
      expect(next.x + next.width).toBeLessThanOrEqual(viewport.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      problems.push(...(await seriousA11yProblems(page, name)));
      await screenshot(page, name);

      // The name + ID step: two big answer boxes and the bar, all in view; a tapped box docks the kiosk keyboard under them.
      for (const d of '3456') await page.getByTestId(`call-code-key-${d}`).tap();
      await page.getByTestId('call-code-next').tap();
      await page.getByTestId('call-identity').waitFor();
      const identityBar = (await page.locator('.call-code-identity .call-actions').boundingBox())!;
      for (const id of ['field-join.partyName', 'field-join.idLast4']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.height, id).toBeGreaterThanOrEqual(56);
        expect(box.y + box.height, id).toBeLessThanOrEqual(identityBar.y);
      }
      expect((await page.getByTestId('call-identity-next').boundingBox())!.height).toBeGreaterThanOrEqual(64);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      problems.push(...(await seriousA11yProblems(page, `${name}-identity`)));
      await screenshot(page, name.replace('call-code', 'call-identity'));
      await page.getByTestId('field-join.partyName').tap();
      await page.getByTestId('keyboard').waitFor();
      await screenshot(page, `${name.replace('call-code', 'call-identity')}-keyboard`);
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
