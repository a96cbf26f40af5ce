import { describe, expect, it } from 'vitest';
import { roomRoleLabels } from '../../shared/rooms/roleTable.js';
import { BUSY_MS } from '../support/hubHarness.js';
import { answerFirst, callFromHome, endWithOutcome, framesDecoded, MEDIATOR, openKiosk, openMediator, startCallStack, lookAs } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// Camera off in a 1:1 call peer to peer (no SFU: the fallback when no worker runs). The camera's
// sender sends nothing once it is off, so the other side's <video> keeps the last frame it got:
// before session 12 that frozen frame was shown as live. Now the room says whose camera is off
// (room.camera → RoomPeer.cameraOff, shared/rooms/cameraState.ts) and the tile shows the same
// "camera off" card as on the SFU; on again, the video comes back on the same link.

const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: null } }) });

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 1080, height: 1920 };

describe('a camera turned off in a 1:1 call peer to peer', () => {
  it('the other side sees "camera off" (not a frozen picture), and video again once it is on', async () => {
    const desk = (await openMediator(suite.browser, suite.stack.hub.url)).page;
    desk.setDefaultTimeout(BUSY_MS);
    const { page: kiosk } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    kiosk.setDefaultTimeout(BUSY_MS);
    await callFromHome(kiosk);
    await answerFirst(desk);
    await kiosk.getByTestId('call-live').waitFor();
    // Peer to peer: no SFU counts on either page.
    expect(await kiosk.evaluate(() => window.callDecodedByPeer?.() ?? null)).toBeNull();
    await framesDecoded(kiosk);
    await framesDecoded(desk);
    const deskOnKiosk = kiosk.locator('[data-testid="call-tile"][data-role="mediator"]');
    const kioskOnDesk = desk.locator('[data-testid="desk-tile"][data-role="resident"]');
    await kiosk.locator('[data-testid="call-tile"][data-role="mediator"][data-picture="live"]').waitFor();
    await desk.locator('[data-testid="desk-tile"][data-role="resident"][data-picture="live"]').waitFor();

    // The desk turns its camera off: the kiosk's tile says so, with the mediator's name and role.
    await desk.getByTestId('call-camera').click();
    await kiosk.locator('[data-testid="call-tile"][data-role="mediator"][data-picture="camera-off"]').waitFor();
    expect(await deskOnKiosk.getByTestId('call-tile-camera-off').innerText()).toBe('摄像头已关闭');
    expect(await deskOnKiosk.getByTestId('call-tile-name').innerText()).toBe(MEDIATOR.displayName);
    expect(await deskOnKiosk.getByTestId('call-tile-role').innerText()).toBe(roomRoleLabels.mediator.zh);
    expect(await kiosk.getByTestId('call-tile-stalled').count()).toBe(0);

    // The resident turns theirs off too: the desk's stage says so.
    await kiosk.getByTestId('call-camera').tap();
    await desk.locator('[data-testid="desk-tile"][data-role="resident"][data-picture="camera-off"]').waitFor();
    expect(await kioskOnDesk.getByTestId('desk-tile-camera-off').innerText()).toContain('摄像头已关闭');
    expect(await kioskOnDesk.getByTestId('desk-tile-camera-off').innerText()).toContain('camera off');
    // The desk's list of participants says it too, beside the party's role.
    await desk.getByTestId('participant-resident').getByTestId('participant-camera-off').waitFor();
    await screenshot(desk, 'desk-p2p-camera-off');
    await lookAs(kiosk, 'call-p2p-zh-CN-elderly-camera-off', LANDSCAPE, true, 'zh-CN');
    await lookAs(kiosk, 'call-p2p-zh-CN-elderly-portrait-camera-off', PORTRAIT, true, 'zh-CN');
    await lookAs(kiosk, 'call-p2p-en-camera-off', LANDSCAPE, false, 'en');
    expect(await deskOnKiosk.getByTestId('call-tile-camera-off').innerText()).toBe('Camera off');
    // Counted now, seconds after both cameras went off (no frame is still on its way), so the
    // frames asked for below can only come from the cameras on again.
    const kioskFrames = await framesDecoded(kiosk);
    const deskFrames = await framesDecoded(desk);

    // Both on again: live tiles, and each side decodes new frames on the same link.
    await desk.getByTestId('call-camera').click();
    await kiosk.getByTestId('call-camera').tap();
    await kiosk.locator('[data-testid="call-tile"][data-role="mediator"][data-picture="live"]').waitFor();
    await desk.locator('[data-testid="desk-tile"][data-role="resident"][data-picture="live"]').waitFor();
    await framesDecoded(kiosk, kioskFrames + 10);
    await framesDecoded(desk, deskFrames + 10);
    expect(await kiosk.getByTestId('call-tile-camera-off').count()).toBe(0);
    expect(await desk.getByTestId('desk-tile-camera-off').count()).toBe(0);
    expect(await desk.getByTestId('participant-camera-off').count()).toBe(0);
    await screenshot(kiosk, 'call-p2p-en-camera-back');

    await endWithOutcome(desk, 'settled', '');
  }, 600_000);
});
