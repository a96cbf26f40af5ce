import { describe, expect, it } from 'vitest';
import { callFromHome, callStats, framesDecoded, openKiosk, openMediator, startCallStack, startCoturn } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';

// A relay-only call: the hub hands out coturn credentials (use-auth-secret) and the
// `relay` transport policy, so the media can only flow through a local coturn.

const TURN_SECRET = 'e2e-turn-shared-secret-0123456789';
const suite = e2eSuite({
  start: async () => {
    const turn = await startCoturn(TURN_SECRET);
    const stack = await startCallStack({ signalling: { ice: { turn: { urls: [turn.url], secret: TURN_SECRET }, transportPolicy: 'relay' } } }).catch(async (e: unknown) => {
      await turn.stop();
      throw e;
    });
    return { ...stack, close: () => stack.close().finally(() => turn.stop()) };
  },
});

describe('video call through TURN', () => {
  it('connects relay-only through a local coturn and decodes video both ways', async () => {
    const mediator = await openMediator(suite.browser, suite.stack.hub.url);
    const { page } = await openKiosk(suite.browser, suite.stack.kioskUrls[0]!);
    await callFromHome(page);
    await mediator.page.getByTestId('call-queue-item').first().getByTestId('call-accept').click();
    await page.getByTestId('call-live').waitFor();
    expect(await framesDecoded(page)).toBeGreaterThan(0);
    expect(await framesDecoded(mediator.page)).toBeGreaterThan(0);
    for (const p of [page, mediator.page]) {
      const stats = (await callStats(p))!;
      expect(stats.localCandidateType).toBe('relay');
      expect(stats.remoteCandidateType).toBe('relay');
    }
  });
});
