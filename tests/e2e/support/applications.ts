import type { MediationApplicationDraft } from '../../../shared/applicationDraft.js';

// Known-good answers for tests: valid GB 11643 ID numbers (check digits computed independently)
// and a valid GB 32100 credit code. Used to seed drafts and to drive the machine in unit tests.

export const PERSON_ID = '620102195803120310'; // male, born 1958-03-12
export const PERSON_ID_FEMALE = '620102196208050244'; // female, born 1962-08-05
export const CREDIT_CODE = '91620102MA71ABCD1Q';
export const CONSENT_AT = '2026-01-05T09:30:00.000Z';

export function completeApplication(): MediationApplicationDraft {
  return {
    shortPath: false,
    consents: { privacy: { accepted: true, at: CONSENT_AT }, onlineMediation: { accepted: true, at: CONSENT_AT } },
    applicant: {
      kind: 'person',
      name: '王建国',
      idNumber: PERSON_ID,
      sex: 'male',
      birthDate: '1958-03-12',
      ethnicity: '01',
      mobile: '13812345678',
      address: '兰州市城关区张掖路街道1号',
    },
    hasAgent: false,
    respondents: [{ kind: 'person', name: '李四', mobile: '13987654321', address: '兰州市城关区庆阳路2号' }],
    disputeType: 'private_loan',
    typeAnswers: {
      amount: '50000',
      lentOn: '2024-03-01',
      term: 'fixed_date',
      dueDate: '2025-03-01',
      interest: 'none',
      repaidAmount: '0',
      hasIou: true,
    },
    claims: ['请求对方归还借款50000元'],
    facts: '2024年3月借给邻居李四5万元，约定一年归还，至今未还。',
    evidence: [{ name: '借条', proves: '借款事实和金额', photos: [] }],
    process: { mode: 'video_now', interpreter: false, timePreferences: [], accessibility: [] },
  };
}

export const SIGNATURE_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
