import { describe, expect, it } from 'vitest';
import { toConsoleIntake } from '../../server/console/intakeRows.js';
import type { IntakeRecord } from '../../server/intake/store.js';
import { fullApplication } from '../support/applicationFixtures.js';

// The console's JSON listing of intakes: what a caller sees of the resident's own words before the
// parties are opened (masked name, no claims or facts, no attachment labels) and after.

const intake: IntakeRecord = {
  submissionId: '00000000-0000-4000-8000-000000000001',
  caseNumber: null,
  provisionalNumber: 'P-1',
  terminalId: 'kiosk-1',
  terminalName: '七里河区站',
  language: 'zh-CN',
  submittedAt: '2026-03-01T02:00:00.000Z',
  receivedAt: '2026-03-01T02:00:01.000Z',
  application: fullApplication(),
  attachments: [
    { sha256: 'a'.repeat(64), mimeType: 'image/jpeg', size: 1200, label: '借条（张三签名）' },
    { sha256: 'b'.repeat(64), mimeType: 'application/pdf', size: 3400 },
  ],
};

describe('console intake rows', () => {
  it('masks the applicant and leaves out what the resident wrote, attachment labels included, until the parties are opened', () => {
    const masked = toConsoleIntake(intake, false);
    expect(masked).toMatchObject({ applicantName: '王**', description: '' });
    expect(masked.attachments).toEqual([
      { sha256: 'a'.repeat(64), mimeType: 'image/jpeg', size: 1200 },
      { sha256: 'b'.repeat(64), mimeType: 'application/pdf', size: 3400 },
    ]);
    expect(JSON.stringify(masked)).not.toContain('借条');
    expect(masked).not.toHaveProperty('application');
  });

  it('shows them in full once opened', () => {
    const opened = toConsoleIntake(intake, true);
    expect(opened).toMatchObject({ applicantName: '王建国' });
    expect(opened.description).toContain('请求事项');
    expect(opened.attachments).toEqual(intake.attachments);
  });
});
