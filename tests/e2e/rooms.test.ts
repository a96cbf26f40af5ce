import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hubPaths } from '../../shared/hubProtocol.js';
import type { CallStats } from '../../renderer/webrtc/roomLinks.js';
import { sampleApplication } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';
import { enrollTerminal, kioskClient } from '../support/signallingClients.js';
import { framesDecoded, openMediator, startCallStack } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// Bringing a party in, end to end: the real hub, the mediator desk in Chromium, and the
// respondent on a phone-sized Chromium page opening the join link. The applicant's kiosk is a
// signalling client on the case (it carries no media here); the desk invites, the phone enters
// with code + name + last 4, waits, is admitted, and both pages decode each other's video over
// the mesh; a caucus with the applicant puts the phone in a clear waiting state and back. Pinned
// to the mesh (HUB_SFU=off, or a hub with no worker: the fallback that must keep working); the
// join page on the SFU, the default, is jointMediation.test.ts.

const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 0, signalling: { sfu: null } }) });

const joinStats = (page: Page) => page.evaluate(() => (window as unknown as { joinDiagnostics?: () => Promise<CallStats | null> }).joinDiagnostics?.() ?? null);
async function joinFrames(page: Page, beyond = 0): Promise<number> {
  let last = 0;
  await waitFor(
    async () => {
      last = (await joinStats(page))?.framesDecoded ?? 0;
      return last > beyond;
    },
    `join page decodes frames beyond ${beyond}`,
    20_000,
  );
  return last;
}

describe('a party joins by the join page', () => {
  it('invites, enters by code + name + last 4, waits, is admitted, sees and is seen; a caucus hides and restores', async () => {
    const hubUrl = suite.stack.hub.url;
    // The applicant's call, about a case whose respondent the court knows by name and ID number.
    const credential = await enrollTerminal(hubUrl, 'KSK-ROOM-E2E');
    const kiosk = await kioskClient(hubUrl, credential);
    suite.own({ close: async () => kiosk.close() });
    await kiosk.next((f) => f.t === 'hello', 'kiosk hello');
    const submissionId = randomUUID();
    const application = sampleApplication();
    application.respondents = [{ kind: 'person', name: RESPONDENT.name, idNumber: RESPONDENT.idNumber, address: '兰州市城关区庆阳路2号' }];
    const filed = await fetch(hubUrl + hubPaths.intakes, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': submissionId },
      body: JSON.stringify({ submissionId, provisionalNumber: 'KSK-ROOM-E2E-1', language: 'zh-CN', submittedAt: new Date().toISOString(), application }),
    });
    expect(filed.status).toBe(201);
    await waitFor(() => suite.stack.hub.hub.cases.bySubmission(suite.stack.hub.hub.database, submissionId), 'the case');

    const desk = (await openMediator(suite.browser, hubUrl)).page;
    kiosk.send({ t: 'call.request', ref: 1, language: 'zh-CN', submissionId });
    await desk.getByTestId('call-queue-item').first().getByTestId('call-accept').click();
    await desk.getByTestId('participants').waitFor();

    await desk.getByTestId('invite-role').selectOption('respondent');
    await desk.getByTestId('invite').click();
    const code = (await desk.getByTestId('invitation-code').textContent())!;
    const link = (await desk.getByTestId('invitation-link').textContent())!;
    expect(code).toMatch(/^\d{6}$/);
    expect(link).toContain('/join?invite=');

    const phoneContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const phone = await phoneContext.newPage();
    await phone.goto(link);
    await phone.getByTestId('join-code').waitFor();
    await screenshot(phone, 'join-zh-CN-portrait-form');
    await phone.getByTestId('join-code').fill(code);
    await phone.getByTestId('join-name').fill(RESPONDENT.name);
    await phone.getByTestId('join-idLast4').fill('1234');
    await phone.getByTestId('join-enter').tap();
    await phone.locator('[data-testid="join-room"][data-waiting="admission"]').waitFor();
    await screenshot(phone, 'join-zh-CN-portrait-waiting');

    await desk.getByTestId('lobby-respondent').waitFor();
    await screenshot(desk, 'desk-participants-waiting');
    await desk.getByTestId('admit-respondent').click();
    await phone.locator('[data-testid="join-room"][data-waiting="none"]').waitFor();
    await desk.getByTestId('participant-respondent').waitFor();

    const phoneBefore = await joinFrames(phone);
    expect(phoneBefore).toBeGreaterThan(0);
    expect(await framesDecoded(desk, 0, 20_000)).toBeGreaterThan(0);
    await screenshot(phone, 'join-zh-CN-portrait-in-room');
    // A phone upright: one column, the people under the picture. The same page on a PC's 1280×800
    // screen uses the width: the picture larger, the people beside it.
    const boxes = async () => ({ stage: (await phone.locator('.join-stage').boundingBox())!, side: (await phone.locator('.join-side').boundingBox())! });
    const upright = await boxes();
    expect(upright.side.y).toBeGreaterThanOrEqual(upright.stage.y + upright.stage.height);
    await phone.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(async () => (await boxes()).side.x, { timeout: 30_000 }).toBeGreaterThan(640);
    const wide = await boxes();
    expect(wide.stage.width).toBeGreaterThan(upright.stage.width * 1.5);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(phone, 'join-zh-CN-desktop-in-room');
    await phone.setViewportSize({ width: 390, height: 844 });
    await screenshot(desk, 'desk-participants');

    // Caucus with the applicant: the respondent's page waits, clearly, with no one's media.
    await desk.getByTestId('caucus-resident').click();
    await phone.locator('[data-testid="join-room"][data-waiting="caucus"]').waitFor();
    await phone.getByTestId('join-waiting').waitFor();
    expect(await phone.getByTestId('join-remote').count()).toBe(0);
    await screenshot(phone, 'join-zh-CN-portrait-caucus');
    await desk.getByTestId('end-caucus').click();
    await phone.locator('[data-testid="join-room"][data-waiting="none"]').waitFor();
    // The link was rebuilt: frames are decoded again (a new link counts from zero).
    expect(await joinFrames(phone)).toBeGreaterThan(0);
  });
});
