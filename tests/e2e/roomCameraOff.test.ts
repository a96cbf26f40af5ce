import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { roomRoleLabels } from '../../shared/rooms/roleTable.js';
import { sfuOptions } from '../../server/sfu/options.js';
import { BUSY_MS, waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { answerFirst, callFromHome, decodedByPeer, decodesFrom, endWithOutcome, MEDIATOR, startCallStack, lookAs } from './support/callStack.js';
import { roomOfThree } from './support/filedCall.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// A participant turns the camera off in a room on the SFU, and on again (the issue of session 11):
// the others' tiles for them say "camera off" with their name and role — never "picture paused",
// the state of a stall — and their voice still plays; once the camera is on again the same tiles
// show their video, nobody reloading. The mediator's desk turns its camera off first (the kiosk's
// gallery and the phone's join page say so), then the kiosk's resident (the desk's stage says so).
// Then (session 12) the desk answers the kiosk's next call with its camera still off: no video
// producer exists, and the room itself says "camera off" (shared/rooms/cameraState.ts).

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 1080, height: 1920 };

/** The tile's <video> still has their voice: a live audio track that is receiving (not muted for want of packets). */
const voicePlays = (tile: Locator) =>
  tile.locator('video').evaluate((v) => {
    const audio = ((v as HTMLVideoElement).srcObject as MediaStream | null)?.getAudioTracks()[0];
    return audio !== undefined && audio.readyState === 'live' && !audio.muted;
  });

describe('a camera turned off in a room on the SFU', () => {
  it('the others see "camera off" with name and role (not a stall), hear the voice, and see the video again once it is on', async () => {
    const { kiosk, desk, phone, callId } = await roomOfThree(suite.browser, suite.stack, BUSY_MS);
    const before = {
      kiosk: await decodesFrom(kiosk, 2, 'the kiosk decodes the desk and the phone'),
      desk: await decodesFrom(desk, 2, 'the desk decodes the kiosk and the phone'),
    };
    const deskOnKiosk = kiosk.locator('[data-testid="call-tile"][data-role="mediator"]');
    const deskOnPhone = phone.locator('[data-testid="join-tile"][data-role="mediator"]');
    const deskId = (await deskOnKiosk.getAttribute('data-peer-id'))!;
    const kioskId = Object.keys(before.desk).find((id) => !(id in before.kiosk))!;
    expect([deskId in before.kiosk, Boolean(kioskId)]).toEqual([true, true]);
    const kioskOnDesk = desk.locator(`[data-testid="desk-tile"][data-peer-id="${kioskId}"]`);
    expect(await deskOnKiosk.getAttribute('data-picture')).toBe('live');
    expect(await kioskOnDesk.getAttribute('data-picture')).toBe('live');

    // The desk turns its camera off: the kiosk and the phone are told, calmly.
    await desk.getByTestId('call-camera').click();
    await kiosk.locator('[data-testid="call-tile"][data-role="mediator"][data-picture="camera-off"]').waitFor({ timeout: BUSY_MS });
    expect(await deskOnKiosk.getByTestId('call-tile-camera-off').innerText()).toBe('摄像头已关闭');
    expect(await deskOnKiosk.getByTestId('call-tile-name').innerText()).toBe(MEDIATOR.displayName);
    expect(await deskOnKiosk.getByTestId('call-tile-role').innerText()).toBe(roomRoleLabels.mediator.zh);
    await deskOnPhone.getByTestId('join-tile-camera-off').waitFor({ timeout: BUSY_MS });
    expect(await deskOnPhone.getByTestId('join-tile-camera-off').innerText()).toBe('摄像头已关闭');
    expect(await voicePlays(deskOnKiosk), 'the desk’s voice still plays on the kiosk').toBe(true);

    // The kiosk's resident turns theirs off too: the desk's stage says so on the kiosk's tile.
    await kiosk.getByTestId('call-camera').tap();
    await desk.locator(`[data-testid="desk-tile"][data-peer-id="${kioskId}"][data-picture="camera-off"]`).waitFor({ timeout: BUSY_MS });
    expect(await kioskOnDesk.getByTestId('desk-tile-camera-off').innerText()).toContain('摄像头已关闭');
    expect(await kioskOnDesk.getByTestId('desk-tile-camera-off').innerText()).toContain('camera off');
    expect(await voicePlays(kioskOnDesk), 'the kiosk’s voice still plays on the desk').toBe(true);
    const off = { kiosk: await decodedByPeer(kiosk), desk: await decodedByPeer(desk) };

    // Nobody is told of a stall, on any page, for a camera turned off.
    for (const [page, tile] of [
      [kiosk, 'call-tile'],
      [desk, 'desk-tile'],
      [phone, 'join-tile'],
    ] as const) {
      expect(await page.locator(`[data-testid="${tile}"][data-stalled="true"]`).count(), `${tile} marked as a stall`).toBe(0);
    }
    expect(await kiosk.getByTestId('call-live').getAttribute('data-media-stalled')).toBe('false');
    expect(await kiosk.getByTestId('call-tile-stalled').count()).toBe(0);
    expect(await phone.getByTestId('join-tile-stalled').count()).toBe(0);

    await screenshot(desk, 'desk-sfu-camera-off');
    await screenshot(phone, 'join-phone-camera-off');
    await lookAs(kiosk, 'call-sfu-zh-CN-camera-off', LANDSCAPE, false, 'zh-CN');
    await lookAs(kiosk, 'call-sfu-zh-CN-elderly-camera-off', LANDSCAPE, true, 'zh-CN');
    await lookAs(kiosk, 'call-sfu-zh-CN-elderly-portrait-camera-off', PORTRAIT, true, 'zh-CN');
    await lookAs(kiosk, 'call-sfu-en-elderly-camera-off', LANDSCAPE, true, 'en');
    expect(await deskOnKiosk.getByTestId('call-tile-camera-off').innerText()).toBe('Camera off');
    expect(await deskOnKiosk.getByTestId('call-tile-role').innerText()).toBe(roomRoleLabels.mediator.en);
    await lookAs(kiosk, 'call-sfu-en-portrait-camera-off', PORTRAIT, false, 'en');
    await kiosk.setViewportSize(LANDSCAPE);

    // Both cameras on again: the same tiles show video again, decoding past what they had while off.
    await desk.getByTestId('call-camera').click();
    await kiosk.getByTestId('call-camera').tap();
    await kiosk.locator('[data-testid="call-tile"][data-role="mediator"][data-picture="live"]').waitFor({ timeout: BUSY_MS });
    await desk.locator(`[data-testid="desk-tile"][data-peer-id="${kioskId}"][data-picture="live"]`).waitFor({ timeout: BUSY_MS });
    await waitFor(async () => (await phone.getByTestId('join-tile-camera-off').count()) === 0, 'the phone’s "camera off" gone');
    const after = {
      kiosk: await decodesFrom(kiosk, 2, 'the kiosk decodes the desk’s video again', off.kiosk),
      desk: await decodesFrom(desk, 2, 'the desk decodes the kiosk’s video again', off.desk),
    };
    // The same participants, no rejoin: the consumers resumed.
    expect(Object.keys(after.kiosk).sort()).toEqual(Object.keys(before.kiosk).sort());
    expect(Object.keys(after.desk).sort()).toEqual(Object.keys(before.desk).sort());
    expect(await kiosk.getByTestId('call-tile-camera-off').count()).toBe(0);
    expect(await desk.getByTestId('desk-tile-camera-off').count()).toBe(0);
    await screenshot(kiosk, 'call-sfu-en-camera-back');
    await screenshot(desk, 'desk-sfu-camera-back');
    expect(suite.stack.hub.hub.signalling.sfu!.existing(callId)?.participants).toBe(3);

    // The desk keeps its camera between calls: off at the end of this one, it answers the next with
    // it off — no video producer at all — and the kiosk's tile says "camera off" with name and
    // role, not "voice only"; the camera on, the same tile shows the mediator's video.
    await desk.getByTestId('call-camera').click();
    await desk.locator('[data-testid="call-camera"][aria-pressed="true"]').waitFor();
    await endWithOutcome(desk, 'settled', '');
    await kiosk.getByTestId('call-done').tap({ timeout: BUSY_MS });
    await kiosk.getByTestId('call-mediator-button').waitFor({ timeout: BUSY_MS });
    await lookAs(kiosk, 'call-sfu-before-second-call', LANDSCAPE, false, 'zh-CN');
    await callFromHome(kiosk);
    const second = await answerFirst(desk);
    expect(second).not.toBe(callId);
    const joinedOff = kiosk.locator('[data-testid="call-tile"][data-role="mediator"][data-picture="camera-off"]');
    await joinedOff.waitFor({ timeout: BUSY_MS });
    expect(await joinedOff.getByTestId('call-tile-camera-off').innerText()).toBe('摄像头已关闭');
    expect(await joinedOff.getByTestId('call-tile-name').innerText()).toBe(MEDIATOR.displayName);
    expect(await joinedOff.getByTestId('call-tile-role').innerText()).toBe(roomRoleLabels.mediator.zh);
    await waitFor(() => voicePlays(joinedOff), 'the desk’s voice plays on the kiosk although its camera never opened');
    expect(await decodedByPeer(kiosk), 'no video consumer for a camera never opened').toEqual({});
    await lookAs(kiosk, 'call-sfu-zh-CN-elderly-joined-camera-off', LANDSCAPE, true, 'zh-CN');
    await lookAs(kiosk, 'call-sfu-en-joined-camera-off', LANDSCAPE, false, 'en');
    expect(await joinedOff.getByTestId('call-tile-camera-off').innerText()).toBe('Camera off');
    await desk.getByTestId('call-camera').click();
    await kiosk.locator('[data-testid="call-tile"][data-role="mediator"][data-picture="live"]').waitFor({ timeout: BUSY_MS });
    await decodesFrom(kiosk, 1, 'the kiosk decodes the desk’s video once its camera is on');
    expect(await kiosk.getByTestId('call-tile-camera-off').count()).toBe(0);
    await screenshot(kiosk, 'call-sfu-joined-camera-on');

    await endWithOutcome(desk, 'settled', '');
  }, 900_000);
});
