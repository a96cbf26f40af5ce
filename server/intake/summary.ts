import { applicantPhone } from '../../shared/application.js';
import type { Language } from '../../shared/intake.js';
import { maskPhone } from '../../shared/masking.js';
import type { IntakeRecord } from './store.js';

// What lists and queues show of an intake (the console's list, the mediator's queue), derived from
// the application as filed: who, how to reach them (masked), what kind of dispute, and what it is
// about: the claims and the facts under headings in the resident's language, as they wrote them.

export interface Summary {
  disputeType: string;
  applicantName: string;
  mobileMasked: string;
  description: string;
}

const headings: Record<Language, { claims: string; facts: string }> = {
  'zh-CN': { claims: '请求事项：', facts: '事实与理由：' },
  en: { claims: 'Claims:', facts: 'Facts and reasons:' },
};
/** A list cell, not the record: the detail page shows everything. */
const DESCRIPTION_MAX = 2000;

export function intakeSummary(intake: Pick<IntakeRecord, 'application' | 'language'>): Summary {
  const { applicant, claims, facts, disputeType } = intake.application;
  const h = headings[intake.language];
  const description = `${h.claims}\n${claims.map((c, i) => `${i + 1}. ${c}`).join('\n')}\n${h.facts}\n${facts}`;
  return {
    disputeType,
    applicantName: applicant.name,
    mobileMasked: maskPhone(applicantPhone(applicant)),
    description: description.length > DESCRIPTION_MAX ? `${description.slice(0, DESCRIPTION_MAX - 1)}\u2026` : description,
  };
}
