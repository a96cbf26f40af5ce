import type { Page, WebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/hubHarness.js';
import { callFromHome, framesDecoded, MEDIATOR, openKiosk, openMediator, startCallStack } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// One account, two places (issue 14 item 6): a mediator in a live call opens the desk again on a
// second PC. The newer desk takes the session and the call over (it rejoins the room, and the
// resident's video is decoded there); the older desk says it was opened elsewhere and stays
// closed: no reconnect loop, one signalling socket for the account at the hub, the call goes on.

const suite = e2eSuite({ start: () => startCallStack() });

/** Counts the signalling sockets a page opens from now on. */
function socketsOpened(page: Page): () => number {
  let opened = 0;
  page.on('websocket', (ws: WebSocket) => {
    if (ws.url().includes('/signalling/mediator')) opened++;
  });
  return () => opened;
}

describe('a mediator opening a second desk mid-call', () => {
  it('hands the call to the newer desk, which decodes the resident’s video; the older desk stops, with no reconnect loop', async () => {
    const hub = suite.stack.hub;
    const first = await openMediator(suite.browser, hub.url);
    const firstSockets = socketsOpened(first.page);
    const { page: kiosk } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    await callFromHome(kiosk);
    const item = first.page.getByTestId('call-queue-item').first();
    await item.getByTestId('call-accept').click();
    await first.page.getByTestId('call-panel').waitFor();
    await kiosk.getByTestId('call-live').waitFor();
    await framesDecoded(first.page);
    const kioskBefore = await framesDecoded(kiosk);

    // the same account signs in on another PC
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const second = await context.newPage();
    await second.goto(`${hub.url}/mediator`);
    await second.getByTestId('call-login-username').fill(MEDIATOR.username);
    await second.getByTestId('call-login-password').fill(MEDIATOR.password);
    await second.getByTestId('call-login-submit').click();
    await second.getByTestId('call-panel').waitFor();

    // the older desk says where the session went and lets go
    await first.page.getByTestId('call-desk-elsewhere').waitFor();
    const openedByFirst = firstSockets();
    // the call goes on at the newer desk, both ways
    const secondFrames = await framesDecoded(second, 0, 30_000);
    expect(secondFrames).toBeGreaterThan(0);
    await framesDecoded(second, secondFrames + 30);
    await framesDecoded(kiosk, kioskBefore + 30);
    await screenshot(first.page, 'desk-opened-elsewhere');
    // no reconnect loop: the older desk opened no socket since, and the hub holds one for the account
    expect(firstSockets()).toBe(openedByFirst);
    expect(hub.hub.signalling.sockets().mediators).toHaveLength(1);
    expect(await first.page.getByTestId('call-desk-offline').count()).toBe(0);
    // and it no longer looks like it holds the call: no call panel, no end button, no "in a call"
    for (const id of ['call-panel', 'call-end', 'call-presence', 'call-duty-toggle']) expect(await first.page.getByTestId(id).count(), id).toBe(0);
    expect(await kiosk.getByTestId('call-ended').count()).toBe(0);

    // and the newer desk ends it with an outcome, as usual
    await second.getByTestId('call-end').click();
    await second.getByTestId('call-outcome-settled').check();
    await second.getByTestId('call-outcome-save').click();
    await second.getByTestId('call-panel').waitFor({ state: 'detached' });
    await kiosk.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
    await waitFor(() => hub.hub.signalling.sockets().mediators.length === 1 || null, 'one desk socket');
    expect(firstSockets()).toBe(openedByFirst);
  });
});
