import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { transitions, type CaseState } from '../../shared/cases/lifecycle.js';
import { nextStepNames, nextStepWords } from '../../shared/cases/nextStepWords.js';
import { nextStepOnFiling, nextSteps, residentStage } from '../../shared/cases/residentStage.js';
import { receiptText } from '../../shared/receiptText.js';
import { resources } from '../../renderer/i18n/index.js';
import { statusResultPage } from '../../server/caseStatus/statusPage.js';
import { receivedCase } from '../support/receivedCase.js';

// The next step a resident is told: one rule from a dispute's state to its step
// (shared/cases/residentStage.ts) and one table of words for each step (shared/cases/nextStepWords.ts),
// which the kiosk's check-my-case, the hub's status page and the receipt all read.

/** Every state of a dispute the transition table names: where an event can happen, and where one leads. */
const disputeStates = [...new Set(Object.entries(transitions.dispute).flatMap(([from, to]) => [from, ...Object.values(to ?? {})]))] as CaseState[];
const caseAt = (state: CaseState): CaseFile => ({ ...receivedCase(), state });

describe('the next step', () => {
  it('has words in both languages for every step', () => {
    for (const step of nextSteps) {
      expect(nextStepWords[step].zh.length, step).toBeGreaterThan(0);
      expect(nextStepWords[step].en.length, step).toBeGreaterThan(0);
    }
  });

  it('every state of a dispute in the transition table leads to a step that check-my-case and the status page say in the table’s words', () => {
    expect(disputeStates.length).toBeGreaterThan(5);
    for (const state of disputeStates) {
      const stage = residentStage(caseAt(state), '2026-03-03');
      const words = nextStepWords[stage.next.step];
      // the kiosk's catalogue (check-my-case) in each language
      expect(resources['zh-CN'].translation.checkCase.next[stage.next.step], state).toBe(words.zh);
      expect(resources.en.translation.checkCase.next[stage.next.step], state).toBe(words.en);
      // the hub's page a receipt's QR code opens
      const page = statusResultPage({
        found: true,
        provisionalNumber: 'KSK-260302-0001',
        caseNumber: null,
        disputeType: 'neighbour',
        receivedAt: '2026-03-02T01:00:00.000Z',
        stage: 'received',
        stageAt: '2026-03-02T01:00:00.000Z',
        resident: stage,
      });
      expect(page, state).toContain(words.zh);
      expect(page, state).toContain(words.en);
    }
    expect(nextStepNames('en')).toEqual(resources.en.translation.checkCase.next);
  });

  it('the receipt speaks of the step a dispute just received is at, the one check-my-case then shows', () => {
    expect(residentStage(caseAt('received'), '2026-03-03').next.step).toBe(nextStepOnFiling);
    for (const lang of ['zh-CN', 'en'] as const) expect(receiptText(lang).nextSteps.filed[nextStepOnFiling](null).length).toBeGreaterThan(0);
  });
});
