import { z } from 'zod';
import { CourtDate } from '../cases/caseEvents.js';

// A court document as a plain layout (title, numbered lines, signature places) built by pure
// rules (./mediationAgreement.ts, ./confirmationRuling.ts) and drawn by whoever shows it: the hub's
// PDF renderer, the mediator's desk page, the kiosk's signing screen. So a clause reads the same on
// paper and on screen, and text a person typed stays text (no renderer interprets markup in it).

/** A party as a court document names it: a signer's own ID number appears only in the full document. */
export interface DocumentParty {
  role: 'applicant' | 'respondent' | 'agent' | 'third_party';
  index: number;
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string | null;
  address: string | null;
}

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'clause'; number: number; text: string }
  /** Where each signer signs; `signer` is `role:index` as the case log records it. */
  | { kind: 'signatures'; places: Array<{ signer: string; label: string }> }
  | { kind: 'closing'; lines: string[] };

export interface CourtDocument {
  title: string;
  /** Case number line under the title (（2026）甘0103民诉前调1号). */
  reference: string | null;
  blocks: DocumentBlock[];
}

/** A free text a person writes into a document: trimmed, bounded, no control characters but newlines. */
export const DocumentText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f')), 'errors.text.control');

export const PerformanceDate = CourtDate;

/** The role word a court document uses for each party role. */
export const partyRoleLabel: Record<DocumentParty['role'], string> = {
  applicant: '申请人',
  respondent: '被申请人',
  agent: '委托代理人',
  third_party: '第三人',
};

/** 2026-12-05 → 2026年12月5日 (court documents write dates in full). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
