import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { decodedByPeer, decodesFrom, startCallStack, type DecodedByPeer } from './support/callStack.js';
import { roomOfThree } from './support/filedCall.js';
import { invite, joinByPage, shows } from './support/joinPage.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// A 4-party joint mediation (联合调解) on the hub's SFU, end to end: the court's mediator at the
// desk, the applicant at a kiosk (the real agent and browser host), the respondent on a phone and
// a township mediator on a PC, both by the join page. Real hub, one mediasoup worker, Chromium
// with fake devices. Every page decodes every other page's video through mediasoup; a caucus with
// the applicant takes the respondent's media away from both sides and gives it back. (A party at
// a second kiosk entering the code is joinByCode.test.ts.)

const TOWNSHIP = { name: '赵乡调解员', idLast4: '0000' };

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

type Decoded = DecodedByPeer;
/** Four pages encoding and decoding video on a shared 2-core machine: each step may wait long. */
const BUSY_MS = 90_000;
const decodes = (page: Page, peers: number, what: string, beyond: Decoded = {}) => decodesFrom(page, peers, what, beyond, BUSY_MS);

describe('joint mediation on the SFU', () => {
  it('brings four parties together, every page decoding every other, and holds a caucus', async () => {
    const { hub } = suite.stack;
    const sfu = hub.hub.signalling.sfu!;
    expect(sfu).not.toBeNull();

    // The applicant files at the first kiosk (the case names the respondent) and calls from the
    // receipt; the desk answers and lets the respondent in from a phone, then the township mediator from a PC.
    const { kiosk, desk, phone, callId } = await roomOfThree(suite.browser, suite.stack, BUSY_MS);
    const townshipInvite = await invite(desk, 'mediator');
    const pc = await joinByPage(suite.browser, townshipInvite.link, townshipInvite.code, TOWNSHIP, 'pc', BUSY_MS);
    await desk.getByTestId('admit-mediator').click();
    await shows(pc, 'none');

    // Every page decodes every other page's video, each through the room's one router.
    const before: Record<'kiosk' | 'desk' | 'phone' | 'pc', Decoded> = {
      kiosk: await decodes(kiosk, 3, 'the kiosk decodes the three others'),
      desk: await decodes(desk, 3, 'the desk decodes the three others'),
      phone: await decodes(phone, 3, 'the phone decodes the three others'),
      pc: await decodes(pc, 3, 'the PC decodes the three others'),
    };
    expect(sfu.existing(callId)?.participants).toBe(4);
    await phone.getByTestId('join-tile-mediator').first().waitFor();
    await screenshot(phone, 'join-sfu-zh-CN-portrait-4-party');
    await screenshot(kiosk, 'call-sfu-zh-CN-4-party');
    await screenshot(desk, 'desk-sfu-4-party');

    // Who is who, by what each page sees: the respondent is the one the kiosk sees and the phone does not.
    const respondentId = Object.keys(before.kiosk).find((id) => !(id in before.phone))!;
    const applicantId = Object.keys(before.phone).find((id) => !(id in before.kiosk))!;
    expect(respondentId).toBeDefined();
    expect(applicantId).toBeDefined();

    // Caucus (背靠背) with the applicant: the respondent waits with no one's media, and the
    // applicant's page has closed its consumers of the respondent; then everyone is back.
    await desk.getByTestId('caucus-resident').click();
    await shows(phone, 'caucus');
    await waitFor(async () => Object.keys(await decodedByPeer(phone)).length === 0, 'the phone holds no consumers in the caucus');
    await waitFor(async () => !(respondentId in (await decodedByPeer(kiosk))), 'the kiosk no longer receives the respondent');
    await screenshot(phone, 'join-sfu-zh-CN-portrait-caucus');
    await desk.getByTestId('end-caucus').click();
    await shows(phone, 'none');
    const back = {
      kiosk: await decodes(kiosk, 3, 'the kiosk decodes everyone again'),
      phone: await decodes(phone, 3, 'the phone decodes everyone again'),
    };
    expect(back.kiosk[respondentId]).toBeGreaterThan(0);
    expect(back.phone[applicantId]).toBeGreaterThan(0);

    expect(sfu.existing(callId)?.participants).toBe(4);
  }, 480_000);
});
