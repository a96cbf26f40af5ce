import { beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { BUSY_MS, waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { decodesFrom, endWithOutcome, startCallStack } from './support/callStack.js';
import { roomOfThree } from './support/filedCall.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// A 5 s network cut in a room call on the hub's SFU (issue 12): the kiosk's link to the hub (its
// agent's signalling socket and HTTP, through the stack's cuttable proxy) is cut for 5 s while it
// is in a call with the mediator desk and the respondent on the join page (a phone), then restored. Nobody taps anything. The call comes back by
// itself, every page decodes every other's video again (more frames than before the cut), the
// room still holds the kiosk once, and the desk showed the party as reconnecting while it was away.
// (The media path to mediasoup is loopback UDP, which the proxy does not carry: media may flow on
// through the cut; what the cut takes is everything the hub knows of the kiosk.)

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, proxy: true, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

const CUT_MS = 5_000;

describe('a room call through a 5 s network cut', () => {
  it('comes back by itself: video every way again, the party in the room once, the desk showed them reconnecting', async () => {
    const { hub, proxy } = suite.stack;
    const sfu = hub.hub.signalling.sfu!;
    expect(sfu).not.toBeNull();
    // The applicant files at the kiosk (the case names the respondent) and calls; the desk answers
    // and brings the respondent in by the join page on a phone.
    const { kiosk, desk, phone, callId } = await roomOfThree(suite.browser, suite.stack, BUSY_MS);

    const before = {
      kiosk: await decodesFrom(kiosk, 2, 'the kiosk decodes the desk and the phone'),
      desk: await decodesFrom(desk, 2, 'the desk decodes the kiosk and the phone'),
      phone: await decodesFrom(phone, 2, 'the phone decodes the kiosk and the desk'),
    };
    const resident = desk.getByTestId('participant-resident');
    await desk.locator('[data-testid="participant-resident"][data-reconnecting="false"]').waitFor();
    expect(sfu.existing(callId)?.participants).toBe(3);

    proxy!.cut(CUT_MS);
    await waitFor(() => hub.hub.signalling.sockets().kiosks.length === 0, 'the kiosk’s signalling gone');
    // The desk says the party's connection dropped and that they are being waited for.
    await desk.locator('[data-testid="participant-resident"][data-reconnecting="true"]').waitFor();
    await resident.getByTestId('participant-reconnecting').waitFor();
    await screenshot(desk, 'desk-sfu-network-cut-reconnecting');
    expect(await kiosk.getByTestId('call-ended').count()).toBe(0);
    await proxy!.heal();

    // Back by itself: the kiosk's signalling, the desk's list, and video both ways, past the counts before the cut.
    await waitFor(() => hub.hub.signalling.sockets().kiosks.length === 1, 'the kiosk’s signalling back');
    await desk.locator('[data-testid="participant-resident"][data-reconnecting="false"]').waitFor();
    const after = {
      kiosk: await decodesFrom(kiosk, 2, 'the kiosk decodes the desk and the phone again', before.kiosk),
      desk: await decodesFrom(desk, 2, 'the desk decodes the kiosk and the phone again', before.desk),
      phone: await decodesFrom(phone, 2, 'the phone decodes the kiosk and the desk again', before.phone),
    };
    await screenshot(desk, 'desk-sfu-network-cut-back');
    await screenshot(kiosk, 'call-sfu-zh-CN-network-cut-back');
    await screenshot(phone, 'join-sfu-zh-CN-portrait-network-cut-back');

    // The same two participants: nobody rejoined as a second copy of themselves.
    expect(Object.keys(after.kiosk)).toEqual(Object.keys(before.kiosk));
    expect(Object.keys(after.desk)).toEqual(Object.keys(before.desk));
    expect(Object.keys(after.phone)).toEqual(Object.keys(before.phone));
    expect(await resident.count()).toBe(1);
    expect(sfu.existing(callId)?.participants).toBe(3);
    expect((await hub.hub.signalling.records.get(callId))?.endedAt).toBeNull();
    await kiosk.getByTestId('call-live').waitFor();

    // And the signalling works again: the desk's hang-up reaches the kiosk.
    await endWithOutcome(desk, 'settled', '');
    await kiosk.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
  }, 360_000);
});
