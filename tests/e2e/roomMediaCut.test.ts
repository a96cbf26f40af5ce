import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { BUSY_MS } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { answerFirst, callStats, decodedByPeer, decodesFrom, endWithOutcome, openMediator, startCallStack, type DecodedByPeer } from './support/callStack.js';
import { fileAndCall } from './support/filedCall.js';
import { invite, joinByPage, shows } from './support/joinPage.js';
import { e2eSuite } from './support/kioskSuite.js';
import { MediaCut, requireMediaCut } from './support/mediaCut.js';
import { screenshot } from './support/stack.js';

// A 5 s cut of one participant's MEDIA path (issue 12): the kiosk's UDP and TCP to the SFU
// worker's ports for its own transports are dropped both ways by nftables, while its signalling
// to the hub stays up. Nobody taps anything. The kiosk's video comes back by itself (ICE restart
// or a rejoin), the desk and the phone never stop decoding each other meanwhile (they do not
// notice), and nobody appears twice. (roomNetworkCut.test.ts cuts the signalling instead.)

beforeAll(() => {
  requireMediasoupWorker();
  requireMediaCut();
});
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

const CUT_MS = 5_000;
/** Longer than this without a new frame is a stall a person sees (a frozen picture). */
const STALL_MS = 2_500;
const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };

interface Sample {
  at: number;
  counts: DecodedByPeer;
}

/** The longest time `peer`'s video on this page went without a new frame, over the samples. */
function longestStall(samples: Sample[], peer: string): number {
  let longest = 0;
  let since = samples[0]!.at;
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i]!.counts[peer] ?? 0) > (samples[i - 1]!.counts[peer] ?? 0)) since = samples[i]!.at;
    longest = Math.max(longest, samples[i]!.at - since);
  }
  return longest;
}

describe('a room call through a 5 s cut of one participant’s media path', () => {
  it('the cut kiosk’s video comes back by itself; the desk and the phone never stall on each other; nobody twice', async () => {
    const { hub } = suite.stack;
    const sfu = hub.hub.signalling.sfu!;
    expect(sfu).not.toBeNull();
    const kiosk = await fileAndCall(suite.browser, suite.stack, RESPONDENT, BUSY_MS);
    const desk = (await openMediator(suite.browser, hub.url)).page;
    desk.setDefaultTimeout(BUSY_MS);
    const callId = await answerFirst(desk);
    await kiosk.getByTestId('call-live').waitFor();
    const invited = await invite(desk, 'respondent');
    const phone = await joinByPage(suite.browser, invited.link, invited.code, { name: RESPONDENT.name, idLast4: '1234' }, 'phone');
    await desk.getByTestId('admit-respondent').click();
    await shows(phone, 'none');

    const before = {
      kiosk: await decodesFrom(kiosk, 2, 'the kiosk decodes the desk and the phone'),
      desk: await decodesFrom(desk, 2, 'the desk decodes the kiosk and the phone'),
      phone: await decodesFrom(phone, 2, 'the phone decodes the kiosk and the desk'),
    };
    // Who is who, from what each page decodes: the kiosk is the one the desk sees and the kiosk does not.
    const kioskId = Object.keys(before.desk).find((id) => !(id in before.kiosk))!;
    const phoneId = Object.keys(before.desk).find((id) => id !== kioskId)!;
    const deskId = Object.keys(before.phone).find((id) => id !== kioskId)!;
    expect([kioskId, phoneId, deskId].every(Boolean)).toBe(true);
    const room = sfu.existing(callId)!;
    expect(room.participants).toBe(3);
    const ports = room.mediaPorts(kioskId);
    // Both transports (send and receive), each with its UDP port and its TCP fallback.
    expect(ports.udp.length).toBe(2);
    expect(ports.tcp.length).toBe(2);

    // The scenario: 5 s with the kiosk's media dropped. Meanwhile sample what the desk and the
    // phone decode from each other (and from the kiosk, to see that the cut is real).
    const sample = async (page: Page): Promise<Sample> => ({ at: Date.now(), counts: await decodedByPeer(page) });
    const seen = { desk: [] as Sample[], phone: [] as Sample[], kioskSaidReconnecting: false, kioskStates: new Set<string>() };
    const cut = await MediaCut.start(ports);
    try {
      const end = Date.now() + CUT_MS;
      while (Date.now() < end) {
        const [d, p, reconnecting, stats] = await Promise.all([sample(desk), sample(phone), kiosk.getByTestId('call-live').getAttribute('data-reconnecting'), callStats(kiosk)]);
        if (stats) seen.kioskStates.add(stats.connectionState);
        seen.desk.push(d);
        seen.phone.push(p);
        if (reconnecting === 'true') seen.kioskSaidReconnecting = true;
      }
      // The room still holds the kiosk (its signalling is up): the desk lists it once, not gone.
      expect(await desk.getByTestId('participant-resident').count()).toBe(1);
      await screenshot(kiosk, 'call-sfu-zh-CN-media-cut');
      await screenshot(desk, 'desk-sfu-media-cut');
    } finally {
      await cut.heal();
    }
    const endOfCut = { desk: seen.desk.at(-1)!.counts, phone: seen.phone.at(-1)!.counts };

    // The cut was real: the kiosk's video froze on the desk and on the phone.
    expect(longestStall(seen.desk, kioskId), 'the kiosk’s video on the desk froze during the cut').toBeGreaterThan(STALL_MS);
    expect(longestStall(seen.phone, kioskId), 'the kiosk’s video on the phone froze during the cut').toBeGreaterThan(STALL_MS);
    // The others did not notice: their video of each other never froze.
    expect(seen.desk.length).toBeGreaterThan(2);
    expect(longestStall(seen.desk, phoneId), 'the phone’s video on the desk during the cut').toBeLessThan(STALL_MS);
    expect(longestStall(seen.phone, deskId), 'the desk’s video on the phone during the cut').toBeLessThan(STALL_MS);

    // Back by itself: every page decodes every other's video past what it had at the end of the cut.
    const kioskAtEnd = await decodedByPeer(kiosk);
    const after = {
      kiosk: await decodesFrom(kiosk, 2, 'the kiosk decodes the desk and the phone again', kioskAtEnd, 4 * BUSY_MS),
      desk: await decodesFrom(desk, 2, 'the desk decodes the kiosk again', endOfCut.desk, 4 * BUSY_MS),
      phone: await decodesFrom(phone, 2, 'the phone decodes the kiosk again', endOfCut.phone, 4 * BUSY_MS),
    };
    await kiosk.locator('[data-testid="call-live"][data-reconnecting="false"]').waitFor({ timeout: 4 * BUSY_MS });
    await screenshot(kiosk, 'call-sfu-zh-CN-media-cut-back');
    await screenshot(desk, 'desk-sfu-media-cut-back');

    // The same participants: nobody rejoined as a second copy of themselves.
    expect(Object.keys(after.kiosk).sort()).toEqual([deskId, phoneId].sort());
    expect(Object.keys(after.desk).sort()).toEqual([kioskId, phoneId].sort());
    expect(Object.keys(after.phone).sort()).toEqual([kioskId, deskId].sort());
    expect(await desk.getByTestId('participant-resident').count()).toBe(1);
    expect(sfu.existing(callId)?.participants).toBe(3);
    expect((await hub.hub.signalling.records.get(callId))?.endedAt).toBeNull();
    console.info(`media cut: the kiosk ${seen.kioskSaidReconnecting ? 'said' : 'did not say'} "reconnecting" during the cut; its transport was ${[...seen.kioskStates].join(', ')}`);

    await endWithOutcome(desk, 'settled', '');
    await kiosk.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
  }, 600_000);
});
