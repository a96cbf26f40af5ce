import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSubmission } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';
import { answerFirst, callFromHome, callStats, endWithOutcome, framesDecoded, MEDIATOR, openKiosk, openMediator, startCallStack } from './support/callStack.js';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { e2eSuite } from './support/kioskSuite.js';
import { seriousA11yProblems } from './support/look.js';
import { signAndSubmit } from './support/residents.js';
import { screenshot } from './support/stack.js';

// The video link end to end: two Chromium pages with fake camera and microphone (the kiosk in
// the browser host, the mediator in the hub's console), the real hub, real signalling through
// the real kiosk agent, and WebRTC media checked with getStats() on both sides.

const suite = e2eSuite({ start: () => startCallStack({ kiosks: 2, proxy: true }) });
// The mediator stays signed in and on duty for the whole file.
let mediator: { context: BrowserContext; page: Page };

beforeAll(async () => {
  mediator = await openMediator(suite.browser, suite.stack.hub.url);
});

const queueItems = (page: Page) => page.getByTestId('call-queue-item');

/** Every screen shot here is also checked with axe-core: no serious or critical findings. */
const a11y: string[] = [];
async function look(page: Page, name: string): Promise<void> {
  a11y.push(...(await seriousA11yProblems(page, name)));
  await screenshot(page, name);
}
afterAll(() => {
  console.log(`a11y (call screens): ${a11y.length === 0 ? 'no serious or critical findings' : a11y.join('; ')}`);
});

describe('video call: kiosk ⇄ mediator', () => {
  it('connects a call from home, decodes video both ways, and the mediator ends it with an outcome', async () => {
    const { context, page } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    await screenshot(page, 'call-zh-CN-home');
    await page.getByTestId('call-mediator-button').tap();
    await page.getByTestId('call-consent').waitFor();
    await look(page, 'call-zh-CN-consent');
    await page.getByTestId('call-consent-accept').tap();
    await page.locator('[data-testid="call-check-camera"][data-status="ok"]').waitFor();
    await page.locator('[data-testid="call-check-mic"][data-status="ok"]').waitFor();
    await look(page, 'call-zh-CN-preflight');
    await page.getByTestId('call-start').tap();
    await page.locator('[data-testid="call-position"][data-position="1"]').waitFor();
    await look(page, 'call-zh-CN-queued');

    await queueItems(mediator.page).first().waitFor();
    expect(await queueItems(mediator.page).first().innerText()).toContain('城关区矛调中心 1号机');
    await look(mediator.page, 'call-console-queue');
    const callId = await answerFirst(mediator.page);

    await page.getByTestId('call-live').waitFor();
    const kioskFrames = await framesDecoded(page);
    const mediatorFrames = await framesDecoded(mediator.page);
    expect(kioskFrames).toBeGreaterThan(0);
    expect(mediatorFrames).toBeGreaterThan(0);
    // Still flowing a moment later, in both directions.
    await framesDecoded(page, kioskFrames + 10);
    await framesDecoded(mediator.page, mediatorFrames + 10);
    expect((await callStats(page))?.audioPacketsReceived).toBeGreaterThan(0);
    await mediator.page.getByTestId('call-intake-none').waitFor();
    await look(page, 'call-zh-CN-live');
    await look(mediator.page, 'call-console-live');

    // The camera goes away mid-call (as when a USB camera is pulled): the kiosk takes the default
    // camera, says so, and the mediator keeps receiving video without renegotiating.
    await page.evaluate(() => {
      const view = document.querySelector('[data-testid="call-self-video"]') as HTMLVideoElement;
      (view.srcObject as MediaStream).getVideoTracks()[0]!.dispatchEvent(new Event('ended'));
    });
    await page.locator('[data-testid="call-notice"][data-notice="cameraSwitched"]').waitFor();
    await look(page, 'call-zh-CN-camera-switched');
    await framesDecoded(mediator.page, (await framesDecoded(mediator.page)) + 10);

    await mediator.page.getByTestId('call-end').click();
    await look(mediator.page, 'call-console-outcome');
    await endWithOutcome(mediator.page, 'scheduled', '约定下周二上午到中心面谈');
    await page.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
    await look(page, 'call-zh-CN-ended');
    await page.getByTestId('call-done').tap();
    await page.getByTestId('call-mediator-button').waitFor();
    expect(a11y).toEqual([]);

    const record = (await suite.stack.hub.hub.signalling.records.get(callId))!;
    expect(record).toMatchObject({ terminalId: 'KSK-CALL-1', mediator: MEDIATOR.username, endReason: 'mediator_hangup', outcome: 'scheduled', notes: '约定下周二上午到中心面谈' });
    expect(record.durationS).toBeGreaterThanOrEqual(0);
    // The camera is released once the call is over.
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
    await context.close();
  });

  it('lets the resident cancel while queued', async () => {
    const { context, page } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    await callFromHome(page);
    await queueItems(mediator.page).first().waitFor();
    await page.getByTestId('call-cancel').tap();
    await page.locator('[data-testid="call-ended"][data-reason="cancelled"]').waitFor();
    await mediator.page.getByTestId('call-queue-empty').waitFor();
    const record = (await suite.stack.hub.hub.signalling.records.recent(1))[0]!;
    expect(record).toMatchObject({ terminalId: 'KSK-CALL-1', endReason: 'cancelled', answeredAt: null });
    await page.getByTestId('call-done').tap();
    await page.getByTestId('call-mediator-button').waitFor();
    await context.close();
  });

  it('queues two kiosks in order, moves the second up, and works in English and elderly mode', async () => {
    const first = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    const second = await openKiosk(suite.browser, suite.stack.kioskUrls[1]!, 'en');
    await second.page.getByTestId('lang-en').tap();
    await second.page.getByTestId('elderly-toggle').tap();
    await callFromHome(first.page);
    await callFromHome(second.page);
    await first.page.locator('[data-testid="call-position"][data-position="1"]').waitFor();
    await second.page.locator('[data-testid="call-position"][data-position="2"]').waitFor();
    await look(second.page, 'call-en-elderly-queued');
    await waitFor(async () => (await queueItems(mediator.page).count()) === 2, 'two waiting');
    const order = await queueItems(mediator.page).allInnerTexts();
    expect(order[0]).toContain('1号机');
    expect(order[1]).toContain('2号机');

    await answerFirst(mediator.page);
    await second.page.locator('[data-testid="call-position"][data-position="1"]').waitFor();
    await first.page.getByTestId('call-live').waitFor();

    // The resident hangs up first: the console keeps the call open for its outcome.
    await first.page.getByTestId('call-hangup').tap();
    await first.page.locator('[data-testid="call-ended"][data-reason="youHungUp"]').waitFor();
    await mediator.page.locator('[data-testid="call-panel"][data-ended="resident_hangup"]').waitFor();
    await look(mediator.page, 'call-console-resident-hung-up');
    await endWithOutcome(mediator.page, 'resident_left', '');

    // Then the second kiosk's turn, in English and elderly mode.
    await answerFirst(mediator.page);
    await second.page.getByTestId('call-live').waitFor();
    await framesDecoded(second.page);
    await second.page.getByTestId('call-mute').tap();
    await second.page.getByTestId('call-muted').waitFor();
    await look(second.page, 'call-en-elderly-live'); // once the button's colour transition is over
    await second.page.getByTestId('call-hangup').tap();
    await second.page.locator('[data-testid="call-ended"][data-reason="youHungUp"]').waitFor();
    await look(second.page, 'call-en-elderly-ended');
    await endWithOutcome(mediator.page, 'settled', '');
    expect(a11y).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it('keeps the call through a 5 s signalling cut, with nobody touching anything', async () => {
    const { context, page } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    await callFromHome(page);
    const callId = await answerFirst(mediator.page);
    await page.getByTestId('call-live').waitFor();
    const before = { kiosk: await framesDecoded(page), mediator: await framesDecoded(mediator.page) };

    suite.stack.proxy!.cut(5_000);
    await waitFor(() => suite.stack.hub.hub.signalling.sockets().kiosks.length === 1, 'kiosk 1 signalling gone');
    // Media never depended on the hub: frames keep coming while the cut lasts (it lasts until healed).
    const during = { kiosk: await framesDecoded(page, before.kiosk + 60), mediator: await framesDecoded(mediator.page, before.mediator + 60) };
    expect(suite.stack.hub.hub.signalling.sockets().kiosks.length).toBe(1);
    expect(await page.getByTestId('call-ended').count()).toBe(0);
    expect(await page.getByTestId('call-reconnecting').count()).toBe(0);
    await suite.stack.proxy!.heal();

    // Signalling comes back by itself, and works: the mediator's hang-up reaches the kiosk.
    await waitFor(() => suite.stack.hub.hub.signalling.sockets().kiosks.length === 2, 'kiosk 1 signalling back');
    await framesDecoded(page, during.kiosk + 10);
    await framesDecoded(mediator.page, during.mediator + 10);
    expect((await suite.stack.hub.hub.signalling.records.get(callId))?.endedAt).toBeNull();
    await endWithOutcome(mediator.page, 'settled', '');
    await page.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
    await context.close();
  });

  it('calls from the receipt: the mediator sees the application just filed', async () => {
    // The wizard is taken as far as the review by a saved draft (as after a crash), then signed and submitted by touch.
    await seedDraft({ host: suite.stack.hosts[0]! }, { step: 'review', reviewing: true, application: completeApplication() });
    const context = await suite.browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(suite.stack.kioskUrls[0]!);
    await page.locator('[data-step="review"]').waitFor();
    await signAndSubmit(page);
    await page.getByTestId('receipt').getByTestId('call-mediator-button').waitFor();
    await screenshot(page, 'call-zh-CN-receipt');
    await page.getByTestId('call-mediator-button').tap();
    await page.getByTestId('call-consent-accept').tap();
    await page.locator('[data-testid="call-start"]:not([disabled])').waitFor();
    await page.getByTestId('call-start').tap();
    const item = queueItems(mediator.page).first();
    await item.filter({ hasText: '王建国' }).waitFor();
    await item.getByTestId('call-accept').click();
    await mediator.page.getByTestId('call-intake-applicant').filter({ hasText: '王建国' }).waitFor();
    expect(await mediator.page.getByTestId('call-intake').innerText()).toContain('50000');
    await page.getByTestId('call-live').waitFor();
    await endWithOutcome(mediator.page, 'scheduled', '');
    await page.getByTestId('call-done').tap();
    await page.getByTestId('call-mediator-button').waitFor(); // home, the receipt is done with
    await context.close();
  });

  it('shows the mediator the intake filed just before the call, beside the video', async () => {
    // The kiosk side here is the agent itself (its renderer's receipt → call path passes the same
    // submissionId): what matters is what the mediator's console shows on answering.
    const agent = suite.stack.hosts[1]!.agent;
    const filed = await agent.dispatch('intake.submit', sampleSubmission({ name: '赵桂芳', facts: '楼上漏水，屋顶墙面发霉，物业不处理。' }));
    if (!filed.ok) throw new Error(JSON.stringify(filed.error));
    const submissionId = (filed.value as { submissionId: string }).submissionId;
    const requested = await agent.dispatch('call.request', { language: 'zh-CN', submissionId });
    const callId = (requested as { value: { callId: string } }).value.callId;
    const item = queueItems(mediator.page).first();
    await item.filter({ hasText: '赵桂芳' }).waitFor();
    expect(await item.innerText()).toContain('楼上漏水');
    await screenshot(mediator.page, 'call-console-queue-intake');
    await item.getByTestId('call-accept').click();
    await mediator.page.getByTestId('call-intake-applicant').filter({ hasText: '赵桂芳' }).waitFor();
    expect(await mediator.page.getByTestId('call-intake').innerText()).toMatch(/139\*{4}5678/);
    await look(mediator.page, 'call-console-intake');
    await agent.dispatch('call.hangup', { callId });
    await mediator.page.locator('[data-testid="call-panel"][data-ended="resident_hangup"]').waitFor();
    await endWithOutcome(mediator.page, 'referred', '转立案庭');
    expect(await suite.stack.hub.hub.signalling.records.get(callId)).toMatchObject({ submissionId, outcome: 'referred' });
  });

  it('refuses signalling sockets a page opens without credentials', async () => {
    const outcome = await mediator.page.evaluate(async (hub) => {
      const attempt = (path: string) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(hub.replace('http', 'ws') + path);
          ws.onopen = () => resolve('open');
          ws.onclose = () => resolve('closed');
        });
      return { kiosk: await attempt('/api/v1/signalling/kiosk'), other: await attempt('/api/v1/signalling/nope') };
    }, suite.stack.hub.url);
    expect(outcome).toEqual({ kiosk: 'closed', other: 'closed' });
  });
});
