import { describe, expect, it } from 'vitest';
import { intakeSummary } from '../../server/intake/summary.js';
import { fullApplication, organisationApplication } from '../support/applicationFixtures.js';

// What the console's list and the mediator's queue show of an intake, derived by the hub from the
// application as filed.

describe('intake summary', () => {
  it("carries name, masked mobile, type, and the claims and facts under headings in the resident's language", () => {
    expect(intakeSummary({ application: fullApplication(), language: 'zh-CN' })).toEqual({
      applicantName: '王建国',
      mobileMasked: '138****5678',
      disputeType: 'private_loan',
      description: '请求事项：\n1. 请求对方归还借款50000元\n事实与理由：\n2024年3月借给邻居李四5万元，约定一年归还，至今未还。',
    });
    expect(intakeSummary({ application: fullApplication(), language: 'en' }).description).toBe(
      'Claims:\n1. 请求对方归还借款50000元\nFacts and reasons:\n2024年3月借给邻居李四5万元，约定一年归还，至今未还。',
    );
  });

  it("uses an organisation's name and its phone, landline or mobile", () => {
    expect(intakeSummary({ application: organisationApplication(), language: 'zh-CN' })).toMatchObject({ applicantName: '兰州某某物业有限公司', mobileMasked: '093****8888' });
  });

  it('shortens a description past 2000 characters for the list; the record keeps it whole', () => {
    const application = fullApplication((draft) => {
      draft.facts = '事'.repeat(2000);
    });
    const { description } = intakeSummary({ application, language: 'zh-CN' });
    expect(description).toHaveLength(2000);
    expect(description.endsWith('\u2026')).toBe(true);
    expect(application.facts).toHaveLength(2000);
  });
});
