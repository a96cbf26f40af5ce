import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/hubHarness.js';
import { completeApplication } from './support/applications.js';
import { MEDIATOR, openMediator, startCallStack } from './support/callStack.js';
import { watchCsp } from './support/cspWatch.js';
import { seedDraft } from './support/drafts.js';
import { e2eSuite } from './support/kioskSuite.js';
import { seriousA11yProblems } from './support/look.js';
import { signAndSubmit } from './support/residents.js';
import { SCREENSHOTS } from './support/stack.js';

// The kiosk's gallery in a three-party room on the default media path (HUB_SFU=auto: the SFU where
// a worker runs): the applicant files at a real kiosk (agent + browser host) and calls from the
// receipt; the mediator answers at the desk and invites the respondent, who joins from a phone by
// the join page and is admitted. The kiosk then shows two tiles, each named with its role and each
// decoding video; a caucus with the respondent puts the kiosk in a clear waiting state and back.
// Screens in zh-CN, en and elderly mode, landscape and portrait, are saved and checked with
// axe-core.

const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1 }) });

const a11y: string[] = [];
async function look(page: Page, name: string): Promise<void> {
  a11y.push(...(await seriousA11yProblems(page, name)));
  // Three live videos on a busy shared machine: a big portrait frame can take longer than the default.
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), timeout: 120_000 });
}
afterAll(() => {
  console.log(`a11y (gallery): ${a11y.length === 0 ? 'no serious or critical findings' : a11y.join('; ')}`);
});

const LANDSCAPE = { width: 1280, height: 800 };
const FULL_HD = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

/** The kiosk's screen size and elderly mode as given (by touch), then a look. */
async function lookAs(page: Page, name: string, size: { width: number; height: number }, elderly: boolean): Promise<void> {
  await page.setViewportSize(size);
  if ((await page.locator('html.elderly').count()) !== (elderly ? 1 : 0)) await page.getByTestId('elderly-toggle').tap();
  await page.locator(elderly ? 'html.elderly' : 'html:not(.elderly)').waitFor();
  await look(page, name);
}

/** Frames each gallery tile's <video> has shown, in tile order. */
const tileFrames = (page: Page) => page.$$eval('[data-testid="call-tile-video"]', (videos) => videos.map((v) => (v as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames));

/** Every tile's video is decoding: each shows more frames than it had shown before. */
async function everyTileDecoding(page: Page, tiles: number): Promise<void> {
  let before: number[] = [];
  await waitFor(async () => {
    before = await tileFrames(page);
    return before.length === tiles && before.every((n) => n > 0);
  }, `${tiles} tiles showing video`);
  await waitFor(async () => {
    const now = await tileFrames(page);
    return now.length === tiles && now.every((n, i) => n > before[i]!);
  }, `${tiles} tiles still decoding`);
}

// One room for the whole file: the applicant (kiosk), the mediator (desk) and the respondent (join
// page), then the checks in steps (each its own time budget on a loaded machine).
let desk: Page;
let kiosk: Page;
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});

describe('kiosk gallery', () => {
  // Made before the tests, so the pages live through all of them (each test's own pages close after it).
  beforeAll(async () => {
    const hub = suite.stack.hub;
    desk = (await openMediator(suite.browser, hub.url)).page;

    // The applicant files (from a saved draft, signed by touch) and calls from the receipt.
    const application = completeApplication();
    application.respondents = [{ kind: 'person', name: RESPONDENT.name, idNumber: RESPONDENT.idNumber, mobile: '13987654321', address: '兰州市城关区庆阳路2号' }];
    await seedDraft({ host: suite.stack.hosts[0]! }, { step: 'review', reviewing: true, application });
    const context = await suite.browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', deviceScaleFactor: 1 });
    await watchCsp(context);
    kiosk = await context.newPage();
    contexts.push(context);
    await kiosk.goto(suite.stack.kioskUrls[0]!);
    await kiosk.locator('[data-step="review"]').waitFor();
    await signAndSubmit(kiosk);
    await kiosk.getByTestId('receipt').getByTestId('call-mediator-button').tap();
    await kiosk.getByTestId('call-consent-accept').tap();
    await kiosk.locator('[data-testid="call-start"]:not([disabled])').waitFor();
    await kiosk.getByTestId('call-start').tap();

    const item = desk.getByTestId('call-queue-item').first();
    await item.waitFor();
    const callId = (await item.getAttribute('data-call-id'))!;
    await item.getByTestId('call-accept').click();
    await kiosk.getByTestId('call-live').waitFor();
    await kiosk.locator('[data-testid="call-tile"][data-role="mediator"]').waitFor();
    // The room needs its case before a party can be invited: the intake reaches the hub through the outbox.
    const submissionId = (await hub.hub.signalling.records.get(callId))?.submissionId;
    expect(submissionId).toBeTruthy();
    await waitFor(() => hub.hub.cases.bySubmission(hub.hub.database, submissionId!), 'the case of the intake');

    await desk.getByTestId('invite-role').selectOption('respondent');
    await desk.getByTestId('invite').click();
    const code = (await desk.getByTestId('invitation-code').textContent())!;
    const link = (await desk.getByTestId('invitation-link').textContent())!;
    const phoneContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await watchCsp(phoneContext);
    const phone = await phoneContext.newPage();
    // The shared machine is loaded: wait for the page's form, not for every resource's "load".
    await phone.goto(link, { waitUntil: 'commit' });
    await phone.getByTestId('join-code').waitFor({ timeout: 120_000 });
    await phone.getByTestId('join-code').fill(code);
    await phone.getByTestId('join-name').fill(RESPONDENT.name);
    await phone.getByTestId('join-idLast4').fill(RESPONDENT.idNumber.slice(-4));
    await phone.getByTestId('join-enter').tap();
    await desk.getByTestId('admit-respondent').click();
    await phone.locator('[data-testid="join-room"][data-waiting="none"]').waitFor();
    contexts.push(phoneContext);
  }, 300_000);

  it('shows two remote tiles on the kiosk, each named with its role and decoding video', async () => {
    // Two remote tiles on the kiosk, each named, each with its role, each decoding.
    const gallery = kiosk.getByTestId('call-gallery');
    await kiosk.locator('[data-testid="call-tile"][data-role="respondent"]').waitFor();
    expect(await kiosk.getByTestId('call-tile').count()).toBe(2);
    const mediatorTile = kiosk.locator('[data-testid="call-tile"][data-role="mediator"]');
    expect(await mediatorTile.getByTestId('call-tile-name').innerText()).toBe(MEDIATOR.displayName);
    expect(await mediatorTile.getByTestId('call-tile-role').innerText()).toBe('调解员');
    // A party is shown by role only (the kiosk is public): the role is the tile's name.
    expect(await kiosk.locator('[data-testid="call-tile"][data-role="respondent"]').getByTestId('call-tile-name').innerText()).toBe('被申请人');
    await everyTileDecoding(kiosk, 2);
    expect(await gallery.getAttribute('data-columns')).toBe('2');
    await look(kiosk, 'gallery-zh-CN-landscape');
  });

  it('lays the gallery out for portrait, elderly mode and English', async () => {
    const mediatorTile = kiosk.locator('[data-testid="call-tile"][data-role="mediator"]');

    await lookAs(kiosk, 'gallery-zh-CN-portrait', PORTRAIT, false);
    await kiosk.locator('[data-testid="call-gallery"][data-orientation="portrait"][data-columns="1"][data-rows="2"]').waitFor();
    await lookAs(kiosk, 'gallery-zh-CN-elderly-portrait', PORTRAIT, true);
    await lookAs(kiosk, 'gallery-zh-CN-elderly-landscape', LANDSCAPE, true);
    await kiosk.getByTestId('lang-en').tap();
    await mediatorTile.getByTestId('call-tile-role').filter({ hasText: 'Mediator' }).waitFor();
    await lookAs(kiosk, 'gallery-en-landscape-1080p', FULL_HD, false);
  });

  it('says clearly, in big type, that the mediator is speaking with the other party alone, and comes back', async () => {
    // Caucus with the respondent: the applicant's kiosk says why it sees no one, in big type.
    await desk.getByTestId('caucus-respondent').click();
    await kiosk.locator('[data-testid="call-room-waiting"][data-reason="caucus"]').waitFor();
    expect(await kiosk.getByTestId('call-tile').count()).toBe(0);
    await look(kiosk, 'gallery-en-caucus');
    await kiosk.getByTestId('lang-zh').tap();
    await kiosk.getByText('调解员正在单独与另一方谈话', { exact: false }).waitFor();
    await lookAs(kiosk, 'gallery-zh-CN-elderly-portrait-caucus', PORTRAIT, true);
    await lookAs(kiosk, 'gallery-zh-CN-caucus', LANDSCAPE, false);
    await look(desk, 'gallery-desk-caucus');

    await desk.getByTestId('end-caucus').click();
    await kiosk.locator('[data-testid="call-live"][data-waiting="none"]').waitFor();
    await kiosk.locator('[data-testid="call-tile"][data-role="respondent"]').waitFor();
    await everyTileDecoding(kiosk, 2);
    // The desk: a tile per party with its role, the participants beside it, the case file beside them.
    await desk.locator('[data-testid="desk-tile"][data-role="respondent"]').waitFor();
    expect(await desk.getByTestId('desk-tile').count()).toBe(2);
    await desk.getByTestId('participant-respondent').getByText('被申请人').waitFor();
    await desk.getByTestId('call-intake-applicant').filter({ hasText: '王建国' }).waitFor();
    await look(desk, 'gallery-desk');

    // The big controls are there for touch: mute, camera, leave.
    for (const id of ['call-mute', 'call-camera', 'call-hangup']) {
      const box = (await kiosk.getByTestId(id).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(88);
    }
    expect(a11y).toEqual([]);
  });
});
