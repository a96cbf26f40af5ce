import { randomUUID } from 'node:crypto';
import type { MediationApplication } from '../../shared/application.js';
import type { DisputeType } from '../../shared/disputeTypes.js';
import type { IntakeIngest } from '../../shared/hubProtocol.js';
import type { IntakeSubmission } from '../../shared/intake.js';
import { CONSENT_AT, PERSON_ID, SIGNATURE_PNG } from '../e2e/support/applications.js';

// Test data shared by the suites. Names and numbers here are also what the log scan looks for.

// kept here too, where most suites already import it from
export { tempDir } from './testDirs.js';

/** The resident of the sample application: what the suites look for at the hub and in logs. */
export const sampleResident = {
  name: '张秀兰',
  mobile: '13912345678',
  disputeType: 'neighbour' as DisputeType,
  facts: '邻居装修占用楼道，多次协商未果。',
};

/** Valid answers for the types with their own questions; every other type has the generic ones. */
const typeAnswers: Partial<Record<DisputeType, Record<string, unknown>>> = {
  private_loan: { amount: '50000', lentOn: '2024-03-01', term: 'none', interest: 'none', repaidAmount: '0', hasIou: true },
  labour: { startedOn: '2024-01-01', stillEmployed: true, monthlyWage: '3000', issues: ['overtime'], hasContract: true },
  traffic: { occurredOn: '2025-06-01', place: '城关区张掖路口', policeReport: true, liability: 'full', injured: false },
  family: { matter: 'elder_support', relationship: '母子', minorChildren: '0', propertyInvolved: false },
  property_service: { role: 'owner', matter: 'fees', propertyAddress: '城关区某小区1号楼' },
};

/**
 * A whole mediation application as a kiosk files it, for the resident `o` describes. Not parsed:
 * a suite may pass an invalid value (a short mobile) to see it refused.
 */
export function sampleApplication(o: Partial<typeof sampleResident> = {}): MediationApplication {
  const r = { ...sampleResident, ...o };
  return {
    consents: { privacy: { accepted: true, at: CONSENT_AT }, onlineMediation: { accepted: true, at: CONSENT_AT } },
    applicant: { kind: 'person', name: r.name, idNumber: PERSON_ID, sex: 'male', birthDate: '1958-03-12', ethnicity: '01', mobile: r.mobile, address: '兰州市城关区张掖路街道1号' },
    respondents: [{ kind: 'person', name: '李四', address: '兰州市城关区庆阳路2号' }],
    disputeType: r.disputeType,
    typeAnswers: { type: r.disputeType, ...typeAnswers[r.disputeType] },
    claims: ['请求对方停止占用楼道'],
    facts: r.facts,
    evidence: [],
    process: { mode: 'video_now', timePreferences: [], interpreter: false, accessibility: [] },
    signature: { pngDataUrl: SIGNATURE_PNG, signedAt: CONSENT_AT },
  };
}

export function sampleSubmission(o: Partial<typeof sampleResident> = {}): IntakeSubmission {
  return { submissionId: randomUUID(), language: 'zh-CN', application: sampleApplication(o) };
}

/** What a kiosk sends the hub for the sample application (no attachments). */
export function sampleIngest(o: Partial<IntakeIngest> = {}): IntakeIngest {
  return {
    submissionId: randomUUID(),
    provisionalNumber: 'T001-20260305-0001',
    language: 'zh-CN',
    submittedAt: '2026-03-05T06:00:00.000Z',
    application: sampleApplication(),
    ...o,
  };
}
