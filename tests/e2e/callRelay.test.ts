import { describe, expect, it } from 'vitest';
import { sfuOptions } from '../../server/sfu/options.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { callFromHome, callStats, framesDecoded, openKiosk, openMediator, startCallStack, startCoturn } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';

// Relay-only calls: the hub hands out coturn credentials (use-auth-secret) and the `relay`
// transport policy, so the media can only flow through a local coturn. Both ways a call can run:
// peer to peer (HUB_SFU=off, or no worker: the fallback that must keep working), where both ends
// talk relay to relay, and on the hub's SFU (the default where a worker runs), where each client's
// relay candidate reaches the SFU's own host candidate through coturn.

const TURN_SECRET = 'e2e-turn-shared-secret-0123456789';
const suite = e2eSuite({
  start: async () => {
    const turn = await startCoturn(TURN_SECRET);
    return { url: turn.url, close: () => turn.stop() };
  },
});
const relayOnly = () => ({ turn: { urls: [suite.stack.url], secret: TURN_SECRET }, transportPolicy: 'relay' as const });

describe('video call through TURN', () => {
  it('peer to peer: connects relay-only through a local coturn and decodes video both ways', async () => {
    const stack = suite.own(await startCallStack({ signalling: { ice: relayOnly(), sfu: null } }));
    const mediator = await openMediator(suite.browser, stack.hub.url);
    const { page } = await openKiosk(suite.browser, stack.kioskUrls[0]!);
    await callFromHome(page);
    await mediator.page.getByTestId('call-queue-item').first().getByTestId('call-accept').click();
    await page.getByTestId('call-live').waitFor();
    expect(stack.hub.hub.signalling.sfu).toBeNull();
    expect(await framesDecoded(page)).toBeGreaterThan(0);
    expect(await framesDecoded(mediator.page)).toBeGreaterThan(0);
    for (const p of [page, mediator.page]) {
      const stats = (await callStats(p))!;
      expect(stats.localCandidateType).toBe('relay');
      expect(stats.remoteCandidateType).toBe('relay');
    }
  });

  it('on the SFU: relay-only clients reach the media server through coturn and decode video both ways', async () => {
    requireMediasoupWorker();
    const stack = suite.own(await startCallStack({ signalling: { ice: relayOnly(), sfu: sfuOptions({ workers: 1 }) } }));
    const mediator = await openMediator(suite.browser, stack.hub.url);
    const { page } = await openKiosk(suite.browser, stack.kioskUrls[0]!);
    await callFromHome(page);
    const item = mediator.page.getByTestId('call-queue-item').first();
    const callId = (await item.getAttribute('data-call-id'))!;
    await item.getByTestId('call-accept').click();
    await page.getByTestId('call-live').waitFor();
    expect(await framesDecoded(page, 0, 60_000)).toBeGreaterThan(0);
    expect(await framesDecoded(mediator.page, 0, 60_000)).toBeGreaterThan(0);
    expect(stack.hub.hub.signalling.sfu?.existing(callId)?.participants).toBe(2);
    for (const p of [page, mediator.page]) {
      const stats = (await callStats(p))!;
      expect(stats.localCandidateType).toBe('relay');
      expect(stats.remoteCandidateType).toBe('host'); // the SFU's own candidate, reached through the relay
    }
  });
});
