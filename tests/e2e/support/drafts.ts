import type { MediationApplicationDraft } from '../../../shared/applicationDraft.js';
import type { Language } from '../../../shared/intake.js';
import { toDraft } from '../../../renderer/wizard/applicationDraft.js';
import type { Step } from '../../../renderer/wizard/stepNavigation.js';
import type { Stack } from './stack.js';

// Puts a resident's draft into the real agent, as a crash would leave it, so a page load resumes
// there. Lets tests and screenshots reach any screen without re-typing everything before it.

export interface Seed {
  step: Step;
  language?: Language;
  elderly?: boolean;
  reviewing?: boolean;
  application: MediationApplicationDraft;
}

export async function seedDraft(stack: Pick<Stack, 'host'>, seed: Seed): Promise<void> {
  const draft = toDraft({
    submissionId: crypto.randomUUID(),
    language: seed.language ?? 'zh-CN',
    elderly: seed.elderly ?? false,
    step: seed.step,
    reviewing: seed.reviewing ?? false,
    application: seed.application,
  });
  const result = await stack.host.agent.dispatch('draft.save', draft);
  if (!result.ok) throw new Error(`draft.save failed: ${JSON.stringify(result.error)}`);
}

export async function agentDraft(stack: Pick<Stack, 'host'>): Promise<unknown> {
  const result = await stack.host.agent.dispatch('draft.load', undefined);
  if (!result.ok) throw new Error('draft.load failed');
  return result.value;
}

export function attachmentRows(stack: Pick<Stack, 'host'>): number {
  return (stack.host.agent.db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;
}
