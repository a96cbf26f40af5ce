import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HUB_API } from '../../shared/hubProtocol.js';
import { sfuOptions } from '../../server/sfu/options.js';
import { divertDispute } from '../support/dashboardViewers.js';
import { waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { completeApplication } from './support/applications.js';
import { callFromHome, openMediator, startCallStack } from './support/callStack.js';
import { watchCsp } from './support/cspWatch.js';
import { seedDraft } from './support/drafts.js';
import { invite } from './support/joinPage.js';
import { e2eSuite } from './support/kioskSuite.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { drawSignature, next, tap } from './support/wizard.js';

// An online hearing (在线庭审, issue 12 item 5) end to end on the hub's SFU: the judge at the
// desk, the applicant at a kiosk (real agent and browser host), the respondent on a phone by the
// join page, and a clerk on the join page at a desk computer (a second keeper of the record). The judge opens
// the call as a hearing: everyone consents and the recording runs. The judge mutes all, then
// gives the floor to the applicant: the kiosk and the phone say who may speak. The judge keeps the
// record at the desk; the clerk saves a version in between (first refused as stale on their own
// page, keeping their text), so the judge's next save is refused as stale and the desk offers the latest beside the judge's text. The judge closes: the kiosk and
// the phone each show the record to read and sign by hand; the desk sees each answer arrive; the
// case gets record.signed with the signed record's hash. Screens photographed in zh-CN, en,
// elderly mode, landscape and portrait.

const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };
/** Four pages with live video and a recorder on a shared 2-core machine: each step may wait long. */
const BUSY_MS = 90_000;

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

/** A phone in portrait (a party) or a desk computer (the clerk, a helper). */
const screens = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' },
  desk: { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' },
} as const;

/**
 * Someone enters by the join page with their invitation, name and ID's last 4; they wait to be
 * admitted. `voiceOnly`: their phone has no camera (Chromium's fake devices have one, so the page
 * is told there is none, as a phone without one says): they send their voice alone.
 */
async function joinPage(browser: Browser, invitation: { link: string; code: string }, who: { name: string; idLast4: string; screen: keyof typeof screens; voiceOnly?: boolean }): Promise<Page> {
  const context = await browser.newContext(screens[who.screen]);
  await watchCsp(context);
  if (who.voiceOnly)
    await context.addInitScript(() => {
      const devices = navigator.mediaDevices;
      const real = devices.getUserMedia.bind(devices);
      devices.getUserMedia = (c?: MediaStreamConstraints) => (c?.video ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) : real(c));
    });
  const page = await context.newPage();
  page.setDefaultTimeout(BUSY_MS);
  await page.goto(invitation.link, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('join-code').fill(invitation.code);
  await page.getByTestId('join-name').fill(who.name);
  await page.getByTestId('join-idLast4').fill(who.idLast4);
  await page.getByTestId('join-enter').click();
  await page.locator('[data-testid="join-room"][data-waiting="admission"]').waitFor();
  return page;
}

const RECORD_LINES = [
  '审判员：现在开庭。核对当事人身份。',
  '申请人：张三，住兰州市七里河区。',
  '被申请人：李四，住兰州市城关区庆阳路2号。',
  '审判员：双方对对方出庭人员有无异议？',
  '申请人：无异议。',
  '被申请人：无异议。',
  ...Array.from({ length: 14 }, (_, i) => `审判员：第 ${i + 1} 项，请申请人陈述事实与理由。申请人：楼上漏水，天花板受损，维修花费三千元，有发票为证。`),
];

/**
 * Everyone but the judge silenced, the respondent on a phone with no camera: nothing at all comes
 * from them now, by rule. The kiosk's tile for them is their card, marked muted — never "the
 * picture stopped", however long the quiet lasts (waited for: the kiosk's stall rule has seen
 * nothing arrive from them); the phone's tiles say who is muted the same way.
 */
async function quietVoiceOnlyParty(kiosk: Page, phone: Page): Promise<void> {
  const tile = kiosk.locator('[data-testid="call-tile"][data-role="respondent"]');
  await kiosk.locator('[data-testid="call-tile"][data-role="respondent"][data-picture="none"][data-muted="true"]').waitFor();
  const respondent = (await tile.getAttribute('data-peer-id'))!;
  await waitFor(async () => (await kiosk.evaluate(() => window.callMediaByPeer?.() ?? null))?.[respondent] === 'stalled', 'the kiosk has heard nothing from the respondent for the stall time');
  expect(await tile.getAttribute('data-stalled')).toBe('false');
  expect(await tile.getByTestId('call-tile-stalled').count()).toBe(0);
  expect(await kiosk.getByTestId('call-media-stalled').count()).toBe(0);
  expect(await kiosk.getByTestId('call-live').getAttribute('data-media-stalled')).toBe('false');
  expect(await tile.getByTestId('call-tile-card').innerText()).toBe('只有声音，没有画面');
  expect(await tile.getByTestId('call-tile-muted').innerText()).toBe('已静音');
  // the judge is never muted; the others are, on the phone too
  expect(await kiosk.locator('[data-testid="call-tile"][data-muted="true"]').count()).toBe((await kiosk.getByTestId('call-tile').count()) - 1);
  await waitFor(async () => (await phone.locator('[data-testid="join-tile"][data-muted="true"]').count()) === 2, 'the phone shows the applicant and the clerk muted');
  expect(await phone.locator('[data-testid="join-tile"][data-stalled="true"]').count()).toBe(0);
  await screenshot(kiosk, 'hearing-kiosk-quiet-voice-only-zh-CN');
  await screenshot(phone, 'hearing-join-quiet-portrait');
  // in English, elderly mode and portrait too, then back as it was
  await kiosk.setViewportSize({ width: 1080, height: 1920 });
  await screenshot(kiosk, 'hearing-kiosk-quiet-voice-only-zh-CN-portrait');
  await kiosk.getByTestId('lang-en').tap();
  await kiosk.getByTestId('elderly-toggle').tap();
  await tile.getByTestId('call-tile-card').getByText('Voice only').waitFor();
  await kiosk.locator('html.elderly').waitFor();
  await screenshot(kiosk, 'hearing-kiosk-quiet-voice-only-en-elderly-portrait');
  await kiosk.setViewportSize({ width: 1280, height: 800 });
  await screenshot(kiosk, 'hearing-kiosk-quiet-voice-only-en-elderly');
  await kiosk.getByTestId('elderly-toggle').tap();
  await kiosk.locator('html:not(.elderly)').waitFor();
  await screenshot(kiosk, 'hearing-kiosk-quiet-voice-only-en');
  await kiosk.getByTestId('lang-zh').tap();
  await tile.getByTestId('call-tile-card').getByText('只有声音，没有画面').waitFor();
}

describe('an online hearing on the SFU', () => {
  it('is opened, recorded with consent and held by the judge; the record is kept, refused when stale, closed and signed by each party on their own screen', async () => {
    const { hub, hosts, kioskUrls } = suite.stack;

    // The applicant files at the kiosk (the case names the respondent), the court diverts it to mediation, the applicant calls.
    const application = completeApplication();
    application.respondents = [{ kind: 'person', name: RESPONDENT.name, idNumber: RESPONDENT.idNumber, address: '兰州市城关区庆阳路2号' }];
    await seedDraft({ host: hosts[0]! }, { step: 'review', reviewing: true, language: 'zh-CN', application });
    const { page: kiosk } = await kioskPage(suite.browser, withQuery(kioskUrls[0]!, '?receiptMs=300000'), undefined, 'review');
    kiosk.setDefaultTimeout(BUSY_MS);
    await next(kiosk, 'signature');
    await drawSignature(kiosk);
    await tap(kiosk, 'next');
    await kiosk.getByTestId('receipt').waitFor();
    const [intake] = await waitFor(async () => {
      const rows = await hub.intakes();
      return rows.length === 1 ? rows : null;
    }, 'the intake at the hub');
    const { caseId } = await waitFor(() => hub.hub.cases.bySubmission(hub.hub.database, intake!.submission_id), 'the case');
    await hub.hub.database.db
      .insertInto('organisations')
      .values({ organisation_id: 'org-hearing', name: '七里河区人民调解委员会', kind: 'people', site_id: null, created_at: new Date().toISOString() })
      .execute();
    await divertDispute(hub.hub, caseId, 'org-hearing');
    await callFromHome(kiosk);

    // The judge answers at the desk, invites the clerk and the respondent, and admits them.
    const { page: desk } = await openMediator(suite.browser, hub.url, { username: 'judge', password: hub.hub.initialPasswords.get('judge')! });
    desk.setDefaultTimeout(BUSY_MS);
    await desk.getByTestId('call-queue-item').first().getByTestId('call-accept').click();
    await kiosk.getByTestId('call-live').waitFor();
    const clerk = await joinPage(suite.browser, await invite(desk, 'clerk'), { name: '王书记员', idLast4: '0000', screen: 'desk' });
    await desk.getByTestId('admit-clerk').click();
    await clerk.locator('[data-testid="join-room"][data-waiting="none"]').waitFor();
    const phone = await joinPage(suite.browser, await invite(desk, 'respondent'), { name: RESPONDENT.name, idLast4: '1234', screen: 'phone', voiceOnly: true });
    await desk.getByTestId('admit-respondent').click();
    await phone.locator('[data-testid="join-room"][data-waiting="none"]').waitFor();
    await screenshot(desk, 'hearing-desk-before-open');

    // Opening asks everyone's consent to the mandatory recording; once all consent it runs on every screen.
    await desk.getByTestId('hearing-open').click();
    await kiosk.getByTestId('room-recording-prompt').waitFor();
    await kiosk.getByTestId('room-recording-consent').tap();
    await phone.getByTestId('join-recording-consent').tap();
    const callId = (await desk.getByTestId('call-panel').getAttribute('data-call-id'))!;
    await clerk.getByTestId('join-recording-consent').click();
    await desk.getByTestId('recording-on').waitFor();
    await kiosk.getByTestId('room-recording-on').waitFor();
    // The sign is in the call's corner, not over the top bar's "ask staff for help" (it once covered it).
    const sign = (await kiosk.getByTestId('room-recording-on').boundingBox())!;
    const askStaff = (await kiosk.getByTestId('ask-staff').boundingBox())!;
    expect(sign.y, 'recording sign below the top bar').toBeGreaterThanOrEqual(askStaff.y + askStaff.height);
    await phone.getByTestId('join-recording-on').waitFor();
    await desk.locator('[data-testid="hearing-floor"][data-floor="open"]').waitFor();
    await kiosk.locator('[data-testid="hearing-banner"][data-state="open"]').waitFor();

    // Mute all: the parties are told the judge silenced them; then the floor goes to the applicant.
    await desk.getByTestId('hearing-mute-all').click();
    await desk.locator('[data-testid="hearing-floor"][data-floor="judge"]').waitFor();
    await kiosk.locator('[data-testid="hearing-banner"][data-state="silenced"]').getByText('审判员已将您静音').waitFor();
    await phone.locator('[data-testid="join-hearing"][data-state="silenced"]').waitFor();
    await screenshot(kiosk, 'hearing-kiosk-silenced-zh-CN');
    await quietVoiceOnlyParty(kiosk, phone);
    await desk.getByTestId('hearing-give-floor-applicant').click();
    await desk.locator('[data-testid="hearing-floor"][data-floor="applicant"]').waitFor();
    await kiosk.locator('[data-testid="hearing-banner"][data-state="yourTurn"]').getByText('现在请您发言').waitFor();
    await phone.locator('[data-testid="join-hearing"][data-state="silenced"]').getByText('现在由申请人发言，请您稍候。').waitFor();
    await screenshot(kiosk, 'hearing-kiosk-your-turn-zh-CN');
    await kiosk.getByTestId('lang-en').tap();
    await kiosk.getByTestId('elderly-toggle').tap();
    await kiosk.locator('[data-testid="hearing-banner"][data-state="yourTurn"]').getByText('You may speak now').waitFor();
    await kiosk.locator('html.elderly').waitFor();
    await screenshot(kiosk, 'hearing-kiosk-your-turn-en-elderly');
    await kiosk.getByTestId('lang-zh').tap();
    await kiosk.getByTestId('elderly-toggle').tap();
    await kiosk.locator('html:not(.elderly)').waitFor();
    await screenshot(phone, 'hearing-join-silenced-portrait');

    // The judge keeps the record: saved a pause after typing.
    const pane = desk.getByTestId('record-pane');
    await desk.getByTestId('record-text').fill(RECORD_LINES.slice(0, 4).join('\n'));
    await desk.locator('[data-testid="record-pane"][data-version="1"] [data-testid="record-state"][data-state="saved"]').waitFor();
    // The clerk types on the join page, on no version: the judge saved first, so the clerk's save is
    // refused with the latest beside their text; they keep theirs, saved as version 2. The judge's
    // next save is then on a stale version.
    const clerkText = RECORD_LINES.slice(0, 6).join('\n');
    await clerk.getByTestId('record-text').fill(clerkText);
    await clerk.getByTestId('record-conflict').waitFor();
    expect(await clerk.getByTestId('record-latest').textContent()).toBe(RECORD_LINES.slice(0, 4).join('\n'));
    await screenshot(clerk, 'hearing-join-clerk-record-stale');
    await clerk.getByTestId('record-keep-mine').click();
    await clerk.locator('[data-testid="record-pane"][data-version="2"] [data-testid="record-state"][data-state="saved"]').waitFor();
    await desk.getByTestId('record-text').fill(`${RECORD_LINES.slice(0, 4).join('\n')}\n审判员：休庭十分钟。`);
    const conflict = desk.getByTestId('record-conflict');
    await conflict.waitFor();
    expect(await desk.getByTestId('record-latest').textContent()).toBe(clerkText);
    expect(await desk.getByTestId('record-text').inputValue()).toContain('审判员：休庭十分钟。');
    await screenshot(desk, 'hearing-desk-record-stale');
    await desk.getByTestId('record-take-latest').click();
    await conflict.waitFor({ state: 'detached' });
    const finalText = RECORD_LINES.join('\n');
    await desk.getByTestId('record-text').fill(finalText);
    await desk.locator('[data-testid="record-pane"][data-version="3"] [data-testid="record-state"][data-state="saved"]').waitFor();
    await screenshot(desk, 'hearing-desk-floor-and-record');

    // Closing stops the recording and sends the record to each party; the desk waits for their answers.
    await desk.getByTestId('hearing-close').click();
    await desk.getByTestId('hearing-close-confirm').click();
    await desk.getByTestId('hearing-closed').waitFor();
    await desk.getByTestId('recording-on').waitFor({ state: 'detached' });
    await expect.poll(() => desk.getByTestId('record-signer').evaluateAll((els) => els.map((e) => e.getAttribute('data-answer'))), { timeout: BUSY_MS }).toEqual(['waiting', 'waiting']);
    await expect(pane.getByTestId('record-text').getAttribute('readonly')).resolves.not.toBeNull();

    // The kiosk: the record on a screen of its own, in zh-CN, en and elderly mode, landscape and portrait.
    const reading = kiosk.locator('[data-testid="record-signing"][data-stage="read"]');
    await reading.getByText(RECORD_LINES[0]!).waitFor();
    await screenshot(kiosk, 'hearing-kiosk-record-zh-CN');
    await kiosk.getByTestId('lang-en').tap();
    await reading.getByRole('heading', { name: 'Record of the hearing' }).waitFor();
    await screenshot(kiosk, 'hearing-kiosk-record-en');
    await kiosk.getByTestId('elderly-toggle').tap();
    await kiosk.locator('html.elderly').waitFor();
    await screenshot(kiosk, 'hearing-kiosk-record-en-elderly');
    await kiosk.setViewportSize({ width: 800, height: 1280 });
    await screenshot(kiosk, 'hearing-kiosk-record-en-elderly-portrait');
    await kiosk.getByTestId('lang-zh').tap();
    await kiosk.getByTestId('elderly-toggle').tap();
    await kiosk.locator('html:not(.elderly)').waitFor();
    await reading.getByRole('heading', { name: '庭审笔录' }).waitFor();
    await screenshot(kiosk, 'hearing-kiosk-record-zh-CN-portrait');
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    // The big page-down button reaches the end of the text.
    const text = kiosk.getByTestId('record-signing-text');
    const scrolled = async () => text.evaluate((el) => el.scrollTop);
    const before = await scrolled();
    await kiosk.getByTestId('record-scroll-down').tap();
    await waitFor(async () => (await scrolled()) > before, 'the record scrolled down', BUSY_MS);
    // Refusing asks once more (a refusal is written into the record); the resident goes back and signs.
    await kiosk.getByTestId('record-refuse').tap();
    await kiosk.locator('[data-testid="record-signing"][data-stage="refusing"]').waitFor();
    await screenshot(kiosk, 'hearing-kiosk-record-refuse-zh-CN');
    await kiosk.getByTestId('record-refuse-back').tap();
    await reading.waitFor();
    await kiosk.getByTestId('record-to-pad').tap();
    await drawSignature(kiosk, 'record-signature');
    await screenshot(kiosk, 'hearing-kiosk-record-pad-zh-CN');
    await kiosk.getByTestId('record-sign').tap();
    await kiosk.locator('[data-testid="record-signing-message"][data-kind="signed"]').waitFor();
    await screenshot(kiosk, 'hearing-kiosk-record-signed-zh-CN');
    await expect.poll(() => desk.getByTestId('record-signer').evaluateAll((els) => els.map((e) => e.getAttribute('data-answer'))), { timeout: BUSY_MS }).toEqual(['signed', 'waiting']);

    // The phone: the same record, read and signed by hand in portrait.
    await phone.locator('[data-testid="join-record"][data-stage="read"]').getByText(RECORD_LINES[0]!).waitFor();
    await screenshot(phone, 'hearing-join-record-portrait');
    await phone.getByTestId('join-record').getByRole('button', { name: 'English' }).tap();
    await phone.getByTestId('join-record').getByRole('heading', { name: 'Record of the hearing' }).waitFor();
    await screenshot(phone, 'hearing-join-record-en-portrait');
    await phone.getByTestId('join-record-to-pad').tap();
    // The pad cancels the touches under its strokes (the kiosk's fix for a fling that ate the tap
    // after a quick signature). The emulated phone here does not fling even without it, so the
    // cancelling itself is checked: a touch on the pad must have its default prevented.
    const cancelled = await phone.getByTestId('join-record-signature').evaluate((canvas) => {
      const touch = new Touch({ identifier: 7, target: canvas, clientX: 20, clientY: 20 });
      const event = new TouchEvent('touchstart', { cancelable: true, bubbles: true, touches: [touch], targetTouches: [touch], changedTouches: [touch] });
      canvas.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(cancelled).toBe(true);
    // A quick signature whose finger lifts while still moving; then one tap on "sign" must count.
    await drawSignature(phone, 'join-record-signature', { liftWhileMoving: true });
    await screenshot(phone, 'hearing-join-record-pad-portrait');
    await phone.getByTestId('join-record-sign').tap();
    await phone.locator('[data-testid="join-record-message"][data-kind="signed"]').waitFor();

    // The desk sees the record stored; the case has record.signed, and the document is the hash in the event.
    await desk.getByTestId('record-stored').waitFor();
    await screenshot(desk, 'hearing-desk-record-signed');
    // The clerk's page, a keeper too, sees the same, on the version signed (the judge saved it after the clerk).
    await clerk.locator('[data-testid="record-pane"][data-version="3"]').getByTestId('record-stored').waitFor();
    expect(await clerk.getByTestId('record-text').inputValue()).toBe(finalText);
    await screenshot(clerk, 'hearing-join-clerk-record-signed');
    const signed = await waitFor(async () => (await hub.hub.cases.events(hub.hub.database, caseId)).map((e) => e.event).find((e) => e.type === 'record.signed'), 'record.signed');
    const document = (signed.payload as { roomId: string; document: { documentId: string; sha256: string } }).document;
    expect(signed.payload).toMatchObject({ roomId: callId });
    const res = await desk.context().request.get(`${hub.url}${HUB_API}/cases/${caseId}/documents/${document.documentId}`);
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.sha256);
    const types = (await hub.hub.cases.events(hub.hub.database, caseId)).map((e) => e.event.type);
    expect(types).toEqual(expect.arrayContaining(['hearing.opened', 'floor.given', 'hearing.closed', 'record.signed']));
    await clerk.context().close();
  }, 900_000);
});
