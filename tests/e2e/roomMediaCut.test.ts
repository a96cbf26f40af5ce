import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { BUSY_MS, waitFor } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { callStats, decodedByPeer, decodesFrom, endWithOutcome, startCallStack, type DecodedByPeer } from './support/callStack.js';
import { roomOfThree } from './support/filedCall.js';
import { e2eSuite } from './support/kioskSuite.js';
import { MediaCut, requireMediaCut, type MediaPorts } from './support/mediaCut.js';
import { screenshot } from './support/stack.js';

// A 5 s cut of one participant's MEDIA path (issue 12): the kiosk's UDP and TCP to the SFU
// worker's ports for its own transports are dropped both ways by nftables, while its signalling
// to the hub stays up. Nobody taps anything. The kiosk's video comes back by itself (ICE restart
// or a rejoin), the desk and the phone never stop decoding each other meanwhile (they do not
// notice), and nobody appears twice. Meanwhile the cut kiosk's resident is told, calmly, that the
// picture stopped (the stall rule, shared/rooms/mediaStall.ts, whatever the transport says), on
// the frozen tiles, and the desk's participant list shows that party's media interrupted (from
// the pages' reports, shared/rooms/mediaState.ts); both clear by themselves once media flows.
// (roomNetworkCut.test.ts cuts the signalling instead.)

beforeAll(() => {
  requireMediasoupWorker();
  requireMediaCut();
});
const suite = e2eSuite({ start: () => startCallStack({ kiosks: 1, signalling: { sfu: sfuOptions({ workers: 1 }) } }) });

const CUT_MS = 5_000;
/** Longer than this without a new frame is a stall a person sees (a frozen picture). */
const STALL_MS = 2_500;

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

/**
 * While the cut lasts: what the cut kiosk's resident sees (the calm message, the others' tiles
 * frozen and marked, not the whole call) and the desk (the party marked in the list, only its
 * tile frozen). Quick, so that the cut stays near its 5 s.
 */
async function lookAtTheCut(kiosk: Page, desk: Page): Promise<void> {
  const told = kiosk.getByTestId('call-media-stalled');
  await told.waitFor();
  expect(await told.innerText()).toContain('画面暂时中断，正在自动恢复，请稍候');
  // The frozen tiles are the other parties' (both, from the cut kiosk's side), each marked.
  // (Each tile crosses the rule's 3 s at its own sample: wait for both.)
  await waitFor(async () => (await kiosk.locator('[data-testid="call-tile"][data-stalled="true"]').count()) === 2, 'both of the kiosk’s tiles marked frozen');
  expect(await kiosk.getByTestId('call-tile').count()).toBe(2);
  await screenshot(kiosk, 'call-sfu-zh-CN-media-cut');
  await desk.locator('[data-testid="participant-resident"][data-media="interrupted"]').getByTestId('participant-media-interrupted').waitFor();
  expect(await desk.locator('[data-testid="participant-respondent"][data-media="ok"]').count()).toBe(1);
  await screenshot(desk, 'desk-sfu-media-cut');
}

/**
 * The same message in English, elderly mode and portrait: one short cut each (a long cut would
 * end in a rejoin on new ports, and the message would rightly go), healed once it is seen.
 */
async function lookInEachMode(kiosk: Page, ports: () => Promise<MediaPorts>): Promise<void> {
  const shots: Array<{ name: string; size: { width: number; height: number }; set?: () => Promise<void> }> = [
    { name: 'call-sfu-zh-CN-portrait-media-cut', size: { width: 1080, height: 1920 } },
    { name: 'call-sfu-zh-CN-elderly-portrait-media-cut', size: { width: 1080, height: 1920 }, set: () => kiosk.getByTestId('elderly-toggle').tap() },
    { name: 'call-sfu-zh-CN-elderly-media-cut', size: { width: 1280, height: 800 } },
    { name: 'call-sfu-en-elderly-media-cut', size: { width: 1280, height: 800 }, set: () => kiosk.getByTestId('lang-en').tap() },
    { name: 'call-sfu-en-elderly-portrait-media-cut', size: { width: 1080, height: 1920 } },
    { name: 'call-sfu-en-portrait-media-cut', size: { width: 1080, height: 1920 }, set: () => kiosk.getByTestId('elderly-toggle').tap() },
    { name: 'call-sfu-en-media-cut', size: { width: 1280, height: 800 } },
  ];
  for (const shot of shots) {
    await shot.set?.();
    await kiosk.setViewportSize(shot.size);
    const cut = await MediaCut.start(await ports());
    try {
      await kiosk.getByTestId('call-media-stalled').waitFor({ timeout: BUSY_MS });
      await kiosk.getByTestId('call-tile-stalled').first().waitFor();
      await screenshot(kiosk, shot.name);
    } finally {
      await cut.heal();
    }
    await kiosk.locator('[data-testid="call-live"][data-media-stalled="false"]').waitFor({ timeout: 4 * BUSY_MS });
  }
  expect(await kiosk.getByTestId('call-media-stalled').count()).toBe(0);
}

describe('a room call through a 5 s cut of one participant’s media path', () => {
  it('the cut kiosk’s video comes back by itself; the desk and the phone never stall on each other; nobody twice', async () => {
    const { hub } = suite.stack;
    const sfu = hub.hub.signalling.sfu!;
    expect(sfu).not.toBeNull();
    const { kiosk, desk, phone, callId } = await roomOfThree(suite.browser, suite.stack, BUSY_MS);

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
    // Media flowing: nobody is told of a stall.
    expect(await kiosk.getByTestId('call-live').getAttribute('data-media-stalled')).toBe('false');
    expect(await desk.getByTestId('participant-resident').getAttribute('data-media')).toBe('ok');
    const room = sfu.existing(callId)!;
    expect(room.participants).toBe(3);
    const ports = room.mediaPorts(kioskId);
    // Both transports (send and receive), each with its UDP port and its TCP fallback.
    expect(ports.udp.length).toBe(2);
    expect(ports.tcp.length).toBe(2);

    // The scenario: 5 s with the kiosk's media dropped. Meanwhile sample what the desk and the
    // phone decode from each other (and from the kiosk, to see that the cut is real).
    const sample = async (page: Page): Promise<Sample> => ({ at: Date.now(), counts: await decodedByPeer(page) });
    const seen = { desk: [] as Sample[], phone: [] as Sample[], kioskSaidReconnecting: false, kioskStates: new Set<string>(), kioskToldAt: 0, deskToldAt: 0, phoneMarked: new Set<string>() };
    const cutAt = Date.now();
    const cut = await MediaCut.start(ports);
    try {
      // At least CUT_MS, and until the resident and the desk have both been told (a condition, not
      // a time: on a busy machine the 3 s rule and the report may take longer to be seen).
      const end = cutAt + CUT_MS;
      const deadline = cutAt + BUSY_MS;
      while (Date.now() < end || ((!seen.kioskToldAt || !seen.deskToldAt || seen.phoneMarked.size === 0) && Date.now() < deadline)) {
        const [d, p, live, party, stats, phoneFrozen] = await Promise.all([
          sample(desk),
          sample(phone),
          kiosk.evaluate(() => {
            const e = document.querySelector('[data-testid="call-live"]');
            return {
              reconnecting: e?.getAttribute('data-reconnecting') ?? null,
              stalled: e?.getAttribute('data-media-stalled') ?? null,
              screens: e
                ? ''
                : [...document.querySelectorAll('[data-testid]')]
                    .map((x) => x.getAttribute('data-testid'))
                    .slice(0, 30)
                    .join(' '),
            };
          }),
          desk.getByTestId('participant-resident').getAttribute('data-media'),
          callStats(kiosk),
          // the phone marks its frozen tiles by the same rule as the kiosk (shared/rooms/mediaStall.ts tilePicture)
          phone.locator('[data-testid="join-tile"][data-stalled="true"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-peer-id') ?? '')),
        ]);
        for (const id of phoneFrozen) seen.phoneMarked.add(id);
        if (stats) seen.kioskStates.add(stats.connectionState);
        seen.desk.push(d);
        seen.phone.push(p);
        if (live.screens) throw new Error(`the kiosk left the call screen during the cut (${live.screens})`);
        if (live.reconnecting === 'true') seen.kioskSaidReconnecting = true;
        if (live.stalled === 'true' && !seen.kioskToldAt) seen.kioskToldAt = Date.now();
        if (party === 'interrupted' && !seen.deskToldAt) seen.deskToldAt = Date.now();
      }
      expect(seen.kioskToldAt, 'the cut kiosk told its resident the picture stopped').toBeGreaterThan(0);
      expect(seen.deskToldAt, 'the desk showed the party’s media interrupted').toBeGreaterThan(0);
      expect([...seen.phoneMarked], 'the phone marked the kiosk’s tile frozen, and only it').toEqual([kioskId]);
      // The room still holds the kiosk (its signalling is up): the desk lists it once, not gone.
      expect(await desk.getByTestId('participant-resident').count()).toBe(1);
      await lookAtTheCut(kiosk, desk);
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
    // Both told it is over, by themselves: the resident's message and the desk's mark are gone.
    await kiosk.locator('[data-testid="call-live"][data-media-stalled="false"]').waitFor({ timeout: 4 * BUSY_MS });
    expect(await kiosk.getByTestId('call-tile-stalled').count()).toBe(0);
    await waitFor(async () => (await phone.locator('[data-testid="join-tile"][data-stalled="true"]').count()) === 0, 'the phone’s mark gone');
    await desk.locator('[data-testid="participant-resident"][data-media="ok"]').waitFor({ timeout: 4 * BUSY_MS });
    expect(await desk.getByTestId('participant-media-interrupted').count()).toBe(0);
    await screenshot(kiosk, 'call-sfu-zh-CN-media-cut-back');
    await screenshot(desk, 'desk-sfu-media-cut-back');

    // The same participants, nobody twice. The kiosk may be back by a rejoin (a new peer id, its old
    // one gone: a slow machine's ICE restart can miss its turn on the recovery ladder); the desk
    // and the phone then agree on the new one.
    const kioskNow = Object.keys(after.desk).find((id) => id !== phoneId)!;
    expect(Object.keys(after.kiosk).sort()).toEqual([deskId, phoneId].sort());
    expect(Object.keys(after.desk).sort()).toEqual([kioskNow, phoneId].sort());
    expect(Object.keys(after.phone).sort()).toEqual([kioskNow, deskId].sort());
    expect(await desk.getByTestId('participant-resident').count()).toBe(1);
    expect(sfu.existing(callId)?.participants).toBe(3);
    expect((await hub.hub.signalling.records.get(callId))?.endedAt).toBeNull();
    console.info(
      `media cut: the kiosk ${seen.kioskSaidReconnecting ? 'said' : 'did not say'} "reconnecting" during the cut; its transport was ${[...seen.kioskStates].join(', ')}; it came back by ${kioskNow === kioskId ? 'an ICE restart' : 'a rejoin'}; ` +
        `the resident was told after ${seen.kioskToldAt - cutAt} ms, the desk after ${seen.deskToldAt - cutAt} ms`,
    );

    // Look at the message in each mode (the kiosk's current peer: it may have rejoined).
    await lookInEachMode(kiosk, async () => sfu.existing(callId)!.mediaPorts(Object.keys(await decodedByPeer(desk)).find((id) => id !== phoneId)!));

    await endWithOutcome(desk, 'settled', '');
    await kiosk.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
  }, 600_000);
});
