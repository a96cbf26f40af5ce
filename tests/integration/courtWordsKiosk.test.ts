import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../main/agent/agent.js';
import type { CourtWordsList } from '../../shared/courtWords.js';
import { startKiosk } from '../support/attachmentFixtures.js';
import { sampleSubmission } from '../support/fixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// The court's own words from a real hub to a real kiosk agent (main/agent/courtWords/): five filings
// sent through the kiosk's own outbox, the hub's recount, and the list the agent fetches with its
// credential, hands out through the contract (courtWords.current) and keeps: restarted with the hub
// gone, it still has it.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function current(agent: Agent): Promise<CourtWordsList | null> {
  const r = await agent.dispatch('courtWords.current', undefined);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as CourtWordsList | null;
}

const counted = (list: CourtWordsList | null, word: string) => list?.words.all?.find(([w]) => w === word)?.[1] ?? 0;

describe("the court's words at the kiosk", () => {
  it("fetches the hub's list once it counted five filings' 欠条, hands it to the renderer, and keeps it offline", async () => {
    const h: RunningHub = await startHub({ courtWords: { recountMs: null } });
    let hubOpen = true;
    cleanup.push(async () => {
      if (hubOpen) await h.close();
    });
    const agent = await startKiosk({ hubUrl: h.url });
    let agentOpen = true;
    cleanup.push(async () => {
      if (agentOpen) await agent.close();
    });

    // Before any count the hub answers an empty list: the agent keeps it, and it holds no word.
    const empty = await waitFor(() => current(agent), 'the uncounted list at the kiosk');
    expect(empty.words).toEqual({});

    for (let i = 0; i < 5; i++) {
      const r = await agent.dispatch('intake.submit', sampleSubmission({ disputeType: 'private_loan', facts: `对方${i + 2}年前向我借款，写了欠条，到期一直不还。` }));
      expect(r.ok).toBe(true);
    }
    await waitFor(async () => (await h.intakes()).length >= 5, 'the five filings at the hub');
    const outcome = await h.hub.courtWords.recount();
    expect(counted(outcome.list, '欠条')).toBe(5);

    // The agent asks at start and hourly; staff's resync (or the next hour) asks now.
    await agent.courtWords.refresh();
    const list = await waitFor(async () => {
      const l = await current(agent);
      return counted(l, '欠条') === 5 ? l : null;
    }, 'the counted list at the kiosk');
    expect(list.version).toBe(outcome.list.version);
    expect(list.filings).toMatchObject({ all: 5, private_loan: 5 });

    const terminalId = agent.config.read().terminalId;
    await h.close();
    hubOpen = false;
    await agent.close();
    agentOpen = false;
    const again = await startKiosk({ hubUrl: h.url, dataDir: agent.dataDir, key: agent.key, terminalId });
    cleanup.push(() => again.close());
    expect(await current(again)).toEqual(list);
  });
});
