import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntakeSubmission } from '../../shared/intake.js';

// Test data shared by the suites. Names and numbers here are also what the log scan looks for.

export const tempDir = (prefix = 'kiosk-test-') => mkdtempSync(join(tmpdir(), prefix));

export const sampleForm = {
  applicantName: '张秀兰',
  mobile: '13912345678',
  disputeType: 'neighbour' as const,
  description: '邻居装修占用楼道，多次协商未果。',
};

export function sampleSubmission(overrides: Partial<IntakeSubmission['form']> = {}): IntakeSubmission {
  return { submissionId: randomUUID(), language: 'zh-CN', form: { ...sampleForm, ...overrides } };
}
