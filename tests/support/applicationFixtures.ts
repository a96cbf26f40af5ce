import { randomUUID } from 'node:crypto';
import { MediationApplication } from '../../shared/application.js';
import type { IntakeSubmission } from '../../shared/intake.js';
import { candidateOf } from '../../renderer/wizard/applicationCandidate.js';
import { completeApplication, CREDIT_CODE, SIGNATURE_PNG } from '../e2e/support/applications.js';

// Whole applications as the wizard files them, for tests of the receipt and "check my case".
// The person is 王建国, ID 620102195803120310, mobile 13812345678 (tests/e2e/support/applications.ts).

export const APPLICANT_MOBILE = '13812345678';

export function fullApplication(overrides: (app: ReturnType<typeof completeApplication>) => void = () => undefined): MediationApplication {
  const draft = completeApplication();
  overrides(draft);
  return MediationApplication.parse(candidateOf(draft, { pngDataUrl: SIGNATURE_PNG, signedAt: '2026-11-27T09:40:00.000Z' }));
}

export function fullSubmission(application = fullApplication()): IntakeSubmission {
  return { submissionId: randomUUID(), language: 'zh-CN', application };
}

/** The same application filed by an organisation (a credit code instead of an ID number). */
export function organisationApplication(): MediationApplication {
  return fullApplication((draft) => {
    draft.applicant = { kind: 'organisation', name: '兰州某某物业有限公司', creditCode: CREDIT_CODE, legalRepresentative: '张三', phone: '0931-8888888', address: '兰州市城关区1号' };
  });
}
