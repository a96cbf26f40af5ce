import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { guidancePaths } from '../../shared/rooms/guidance.js';
import { sfuOptions } from '../../server/sfu/options.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { callFromHome, openKiosk, openMediator, startCallStack } from './support/callStack.js';
import { watchCsp } from './support/cspWatch.js';
import { e2eSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { SCREENSHOTS } from './support/stack.js';

// Mediation guidance and consent on every screen (issue 12 items 4 and 6), end to end on the
// hub's SFU: a resident calls from the kiosk, the mediator answers at the desk and brings a
// township mediator in by the join page (a phone, portrait). A judge opens the guidance desk,
// sees the room, joins as guiding judge: the kiosk announces the judge and shows them in its
// gallery. The judge shares a published reference case: the kiosk and the join page show its
// card. The mediator asks to record: the kiosk shows the big consent prompt, and a refusal there
// keeps recording off. Screens in zh-CN, en and elderly mode are saved to look at.

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });
/** Four pages with live video on a shared 2-core machine: each step may wait long. */
const BUSY_MS = 90_000;

const CASE = {
  title: '邻里漏水纠纷调解案',
  titleEn: 'A leaking ceiling between neighbours',
  disputeType: 'neighbour',
  facts: '楼上住户水管渗漏，致楼下房屋受损。',
  factsEn: 'A pipe leaked upstairs and damaged the flat below.',
  outcome: '双方达成协议，楼上住户赔偿维修费三千元。',
  outcomeEn: 'Settled: the upstairs owner paid 3,000 yuan for repairs.',
  legalBasis: '《中华人民共和国民法典》第二百八十八条',
  legalBasisEn: 'Civil Code of the PRC, article 288',
};

/** A screenshot of the screen at rest: the shared case's card fades in, and was photographed half drawn. */
async function look(page: Page, name: string): Promise<void> {
  await settled(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), timeout: 120_000 });
}

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});
let kiosk: Page;
let desk: Page;
let phone: Page;
let judge: Page;

describe('the guidance desk and consent on every screen', () => {
  beforeAll(async () => {
    const { hub, kioskUrls } = suite.stack;
    const k = await openKiosk(suite.browser, kioskUrls[0]!);
    contexts.push(k.context);
    kiosk = k.page;
    kiosk.setDefaultTimeout(BUSY_MS);
    await callFromHome(kiosk);
    const d = await openMediator(suite.browser, hub.url);
    contexts.push(d.context);
    desk = d.page;
    desk.setDefaultTimeout(BUSY_MS);
    await desk.getByTestId('call-queue-item').first().getByTestId('call-accept').click();
    await kiosk.getByTestId('call-live').waitFor();

    // A township mediator joins from a phone (no case needed for a helper's role), admitted by the desk.
    await desk.getByTestId('invite-role').selectOption('mediator');
    await desk.getByTestId('invite').click();
    const code = (await desk.getByTestId('invitation-code').textContent())!;
    const link = (await desk.getByTestId('invitation-link').textContent())!;
    const phoneContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    contexts.push(phoneContext);
    await watchCsp(phoneContext);
    phone = await phoneContext.newPage();
    phone.setDefaultTimeout(BUSY_MS);
    await phone.goto(link, { waitUntil: 'commit' });
    await phone.getByTestId('join-code').fill(code);
    await phone.getByTestId('join-name').fill('赵乡调解员');
    await phone.getByTestId('join-idLast4').fill('0000');
    await phone.getByTestId('join-enter').tap();
    await desk.getByTestId('admit-mediator').click();
    await phone.locator('[data-testid="join-room"][data-waiting="none"]').waitFor();

    // The judge signs in (the console's one sign-in) and the library has a published case.
    const judgeContext = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(judgeContext);
    await watchCsp(judgeContext);
    const api = judgeContext.request;
    const headers = { origin: hub.url };
    expect((await api.post(hub.url + courtPath('signIn'), { headers, data: { username: 'judge', password: hub.hub.initialPasswords.get('judge') } })).status()).toBe(200);
    const created = await api.post(hub.url + courtPath('createReferenceCase'), { headers, data: CASE });
    const { referenceCaseId } = (await created.json()) as { referenceCaseId: string };
    expect((await api.post(hub.url + courtPath('publishReferenceCase', { referenceCaseId }), { headers, data: { published: true, expectedVersion: 1 } })).status()).toBe(200);
    judge = await judgeContext.newPage();
    judge.setDefaultTimeout(BUSY_MS);
  }, 300_000);

  it('lists the open room for the judge, who joins as guiding judge, announced on the kiosk and in its gallery', async () => {
    await judge.goto(suite.stack.hub.url + guidancePaths.page);
    const row = judge.getByTestId('guide-room');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await row.getByText('李调解员').waitFor();
    await look(judge, 'guidance-desk');
    await row.getByTestId('guide-open').click();
    await judge.getByTestId('join-enter').click();
    await judge.locator('[data-testid="join-room"][data-waiting="none"]').waitFor();

    await kiosk.getByTestId('room-guide-joined').filter({ hasText: '审判员 法官已加入指导' }).waitFor();
    await kiosk.locator('[data-testid="call-tile"][data-role="guiding_judge"]').waitFor();
    await desk.getByTestId('room-guide-joined').waitFor();
    await phone.getByTestId('room-guide-joined').waitFor();
  });

  it('shares a reference case onto the kiosk and the join page, in zh-CN, en and elderly mode', async () => {
    const share = judge.getByTestId('guide-share-case').first();
    await share.click();
    const card = kiosk.getByTestId('room-shared-case');
    await card.getByText(CASE.title).waitFor();
    await card.getByText(CASE.legalBasis).waitFor();
    await phone.getByTestId('room-shared-case').getByText(CASE.title).waitFor();
    await desk.getByTestId('room-shared-case').waitFor();
    await look(kiosk, 'guidance-kiosk-card-zh-CN');
    await look(phone, 'guidance-join-card-portrait');
    await look(judge, 'guidance-judge-room');

    // Closed on the kiosk, then shared again in English and in elderly mode.
    await kiosk.getByTestId('room-shared-dismiss').tap();
    await card.waitFor({ state: 'detached' });
    await kiosk.getByTestId('room-guide-joined').tap();
    await kiosk.getByTestId('lang-en').tap();
    await share.click();
    await card.getByText(CASE.titleEn).waitFor();
    await look(kiosk, 'guidance-kiosk-card-en');
    await kiosk.getByTestId('room-shared-dismiss').tap();
    await kiosk.getByTestId('elderly-toggle').tap();
    await kiosk.locator('html.elderly').waitFor();
    await share.click();
    await card.getByText(CASE.titleEn).waitFor();
    await look(kiosk, 'guidance-kiosk-card-en-elderly');
    await kiosk.getByTestId('room-shared-dismiss').tap();
    await kiosk.getByTestId('lang-zh').tap();
  });

  it('asks the kiosk to consent to recording in a big prompt; a refusal there keeps recording off', async () => {
    const prompt = kiosk.getByTestId('room-recording-prompt');
    await desk.getByTestId('recording-ask').click();
    await prompt.getByText('本次调解将被录音录像。您是否同意？').waitFor();
    await phone.getByTestId('join-recording-prompt').waitFor();
    await look(kiosk, 'consent-kiosk-zh-CN-elderly');
    await look(phone, 'consent-join-portrait');
    await kiosk.getByTestId('room-recording-refuse').tap();
    await prompt.waitFor({ state: 'detached' });
    // Off: the desk may ask again, and nobody's screen says "recording".
    await desk.getByTestId('recording-ask').waitFor();
    await phone.getByTestId('join-recording-prompt').waitFor({ state: 'detached' });
    expect(await kiosk.getByTestId('room-recording-on').count()).toBe(0);
    expect(await desk.getByTestId('recording-on').count()).toBe(0);
    expect(await phone.getByTestId('join-recording-on').count()).toBe(0);

    await kiosk.getByTestId('elderly-toggle').tap();
    await kiosk.locator('html:not(.elderly)').waitFor();
    await desk.getByTestId('recording-ask').click();
    await prompt.waitFor();
    await look(kiosk, 'consent-kiosk-zh-CN');
    await kiosk.getByTestId('room-recording-refuse').tap();
    await prompt.waitFor({ state: 'detached' });
    await kiosk.getByTestId('lang-en').tap();
    await desk.getByTestId('recording-ask').click();
    await prompt.getByText('This session will be recorded. Do you agree?').waitFor();
    await look(kiosk, 'consent-kiosk-en');
    await kiosk.getByTestId('room-recording-refuse').tap();
    await prompt.waitFor({ state: 'detached' });
    await desk.getByTestId('recording-ask').waitFor();
  });
});
