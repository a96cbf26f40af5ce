import { beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { BUSY_MS, waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { answerFirst, callFromHome, decodesFrom, endWithOutcome, openKiosk, openMediator, startCallStack } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// A 5 s network cut in a room call on the hub's SFU (issue 12): the kiosk's link to the hub (its
// agent's signalling socket and HTTP, through the stack's cuttable proxy) is cut for 5 s while it
// is in a call with the mediator desk, then restored. Nobody taps anything. The call comes back by
// itself, each side decodes the other's video again (more frames than before the cut), the room
// still holds the kiosk once, and the desk showed the party as reconnecting while it was away.
// (The media path to mediasoup is loopback UDP, which the proxy does not carry: media may flow on
// through the cut; what the cut takes is everything the hub knows of the kiosk.)

beforeAll(() => requireMediasoupWorker());
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, proxy: true, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

const CUT_MS = 5_000;

describe('a room call through a 5 s network cut', () => {
  it('comes back by itself: video both ways again, the party in the room once, the desk showed them reconnecting', async () => {
    const { hub, proxy } = suite.stack;
    const sfu = hub.hub.signalling.sfu!;
    expect(sfu).not.toBeNull();
    const desk = (await openMediator(suite.browser, hub.url)).page;
    const { page: kiosk } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    for (const p of [desk, kiosk]) p.setDefaultTimeout(BUSY_MS);
    await callFromHome(kiosk);
    const callId = await answerFirst(desk);
    await kiosk.getByTestId('call-live').waitFor();

    const before = { kiosk: await decodesFrom(kiosk, 1, 'the kiosk decodes the desk'), desk: await decodesFrom(desk, 1, 'the desk decodes the kiosk') };
    const resident = desk.getByTestId('participant-resident');
    await desk.locator('[data-testid="participant-resident"][data-reconnecting="false"]').waitFor();
    expect(sfu.existing(callId)?.participants).toBe(2);

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
      kiosk: await decodesFrom(kiosk, 1, 'the kiosk decodes the desk again', before.kiosk),
      desk: await decodesFrom(desk, 1, 'the desk decodes the kiosk again', before.desk),
    };
    await screenshot(desk, 'desk-sfu-network-cut-back');
    await screenshot(kiosk, 'call-sfu-zh-CN-network-cut-back');

    // The same two participants: nobody rejoined as a second copy of themselves.
    expect(Object.keys(after.kiosk)).toEqual(Object.keys(before.kiosk));
    expect(Object.keys(after.desk)).toEqual(Object.keys(before.desk));
    expect(await resident.count()).toBe(1);
    expect(sfu.existing(callId)?.participants).toBe(2);
    expect((await hub.hub.signalling.records.get(callId))?.endedAt).toBeNull();
    await kiosk.getByTestId('call-live').waitFor();

    // And the signalling works again: the desk's hang-up reaches the kiosk.
    await endWithOutcome(desk, 'settled', '');
    await kiosk.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
  }, 360_000);
});
