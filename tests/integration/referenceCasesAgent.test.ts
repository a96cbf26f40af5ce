import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../main/agent/agent.js';
import type { ReferenceCaseAnswer } from '../../shared/referenceCases/referenceCase.js';
import { signIn } from '../support/courtClient.js';
import { startKiosk } from '../support/attachmentFixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// The kiosk's reference cases for check-my-case through the contract, a real agent and a real hub:
// only published cases of the resident's dispute type, and — the hub gone — the library the agent
// kept, marked offline.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function kiosk(hubUrl: string): Promise<Agent> {
  const agent = await startKiosk({ hubUrl });
  cleanup.push(() => agent.close());
  return agent;
}

async function forDispute(agent: Agent, disputeType: string): Promise<ReferenceCaseAnswer> {
  const r = await agent.dispatch('referenceCases.forDispute', { disputeType });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as ReferenceCaseAnswer;
}

const fields = (title: string, disputeType: string) => ({ title, disputeType, facts: '事实', outcome: `${title}的结果`, outcomeEn: `Outcome of ${title}`, legalBasis: '民法典' });

describe('reference cases at the kiosk', () => {
  it('shows the published cases of the dispute type, and the kept library when the hub is gone', async () => {
    const h: RunningHub = await startHub();
    let hubOpen = true;
    cleanup.push(async () => {
      if (hubOpen) await h.close();
    });
    const judge = await signIn(h.url, 'judge', h.hub.initialPasswords.get('judge')!);
    const publish = async (title: string, disputeType: string, published = true) => {
      const c = await judge.call('createReferenceCase', { body: fields(title, disputeType) });
      if (published) expect((await judge.call('publishReferenceCase', { params: { referenceCaseId: c.body.referenceCaseId }, body: { published: true, expectedVersion: 1 } })).status).toBe(200);
    };
    await publish('借款纠纷一', 'private_loan');
    await publish('借款纠纷草稿', 'private_loan', false);
    await publish('邻里纠纷', 'neighbour');

    const agent = await kiosk(h.url);
    const online = await waitFor(async () => {
      const a = await forDispute(agent, 'private_loan');
      return a.offline ? null : a;
    }, 'the enrolled kiosk asking the hub');
    expect(online.referenceCases.map((c) => c.title.zh)).toEqual(['借款纠纷一']);
    expect(online.referenceCases[0]!.outcome).toEqual({ zh: '借款纠纷一的结果', en: 'Outcome of 借款纠纷一' });
    expect((await forDispute(agent, 'labour')).referenceCases).toEqual([]);

    await h.close();
    hubOpen = false;
    const offline = await forDispute(agent, 'neighbour');
    expect(offline).toMatchObject({ offline: true, referenceCases: [{ title: { zh: '邻里纠纷' } }] });

    const refused = await agent.dispatch('referenceCases.forDispute', { disputeType: 'duel' });
    expect(refused.ok).toBe(false);
  });
});
