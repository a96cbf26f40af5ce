import { describe, expect, it } from 'vitest';
import { sampleSubmission } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';
import { kioskSuite } from './support/kioskSuite.js';
import { factsOffer } from './support/pinyinFacts.js';

// Issue 15 item 5, session 17, through the real keyboard: the court's own words — counted on the
// real hub from the facts of the filings it received (server/courtWords/), fetched by the real
// kiosk agent (main/agent/courtWords/), handed to the renderer (courtWords.current) and mixed into
// the engine's ranking of a filing's facts (renderer/ime/courtRanking.ts). In a private loan's facts
// "qt" offers 欠条 only sixth by the type's words alone; once five filings' facts used 欠条 and the
// hub counted them, it is in the first five.

const suite = kioskSuite();

describe("the pinyin keyboard with the court's own words", () => {
  it('offers 欠条 for "qt" in the facts once the hub counted five filings that used it', async () => {
    const { host, hub } = suite.stack;
    // No count yet: the hub's list has no word, and the type's words alone leave 欠条 sixth.
    expect(await factsOffer(suite.browser, suite.stack, 'private_loan', 'qt', 'zh-CN-pinyin-court-words-before')).not.toContain('欠条');

    for (let i = 0; i < 5; i++) {
      const r = await host.agent.dispatch('intake.submit', sampleSubmission({ disputeType: 'private_loan', facts: `${i + 2}年前借给对方三万元，对方写了欠条，到期一直不还。` }));
      expect(r.ok).toBe(true);
    }
    await waitFor(async () => (await hub.intakes()).length >= 5, 'the five filings at the hub');
    const counted = await hub.hub.courtWords.recount();
    expect(counted.list.words.all).toContainEqual(['欠条', 5]);
    // The agent asks at start and hourly; staff's resync (or the next hour) asks now.
    await host.agent.courtWords.refresh();
    await waitFor(() => host.agent.courtWords.current()?.words.all?.some(([w]) => w === '欠条'), "the court's list at the kiosk");

    expect(await factsOffer(suite.browser, suite.stack, 'private_loan', 'qt', 'zh-CN-pinyin-court-words')).toContain('欠条');
  });
});
