import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { callFromHome, framesDecoded, openKiosk, openMediator, startCallStack } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// A kiosk call through the hub's SFU: the real kiosk agent and browser host, the mediator desk,
// the real hub with one mediasoup worker, Chromium with fake devices. Both pages decode the
// other's video through mediasoup (not peer to peer: the hub holds the room's producers).

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

const decodedByPeer = (page: Page) => page.evaluate(() => window.callDecodedByPeer?.() ?? null);

describe('video call on the SFU', () => {
  it('carries a kiosk ⇄ mediator call through mediasoup, video decoded both ways', async () => {
    expect(suite.stack.hub.hub.signalling.sfu).not.toBeNull();
    const mediator = await openMediator(suite.browser, suite.stack.hub.url);
    const { page } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    await callFromHome(page);
    const item = mediator.page.getByTestId('call-queue-item').first();
    await item.waitFor();
    const callId = (await item.getAttribute('data-call-id'))!;
    await item.getByTestId('call-accept').click();
    await page.getByTestId('call-live').waitFor();

    await framesDecoded(page);
    await framesDecoded(mediator.page);
    // Per remote participant, as the gallery needs it: each side decodes the one other.
    for (const p of [page, mediator.page]) {
      await waitFor(async () => Object.values((await decodedByPeer(p)) ?? {}).some((n) => n > 0), 'video decoded from the SFU');
      expect(Object.keys((await decodedByPeer(p))!)).toHaveLength(1);
    }
    expect(suite.stack.hub.hub.signalling.sfu!.existing(callId)?.participants).toBe(2);
    await screenshot(page, 'call-sfu-zh-CN-live');
    await screenshot(mediator.page, 'call-sfu-console-live');

    // "End" asks the mediator for the call's outcome; the call ends when it is saved.
    await mediator.page.getByTestId('call-end').click();
    await mediator.page.getByTestId('call-outcome-scheduled').check();
    await mediator.page.getByTestId('call-outcome-notes').fill('约定下周面谈');
    await mediator.page.getByTestId('call-outcome-save').click();
    await page.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
    await waitFor(() => suite.stack.hub.hub.signalling.sfu!.existing(callId) === null, 'the room’s router closed');
  });
});
