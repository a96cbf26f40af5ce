import { z } from 'zod';
import { chineseDate, DocumentText, type CourtDocument, type DocumentBlock, type DocumentParty } from './courtDocument.js';

// The ruling on an application for judicial confirmation (民事裁定书, 司法确认), from its template:
// the applicants (the parties of the agreement apply jointly), the agreement and the organisation
// that mediated it, the court's finding, and what it rules — the agreement is valid and may be
// enforced (Civil Procedure Law Art. 206), or the application is refused. The judge may add the
// reasons in their own words; the rest is the template.

export const rulingOutcomes = ['confirmed', 'refused'] as const;
export type RulingOutcome = (typeof rulingOutcomes)[number];

/** What the judge sends (POST /api/v1/cases/:caseId/ruling, on the 民特 case). */
export const RulingRequest = z.strictObject({
  outcome: z.enum(rulingOutcomes),
  /** 本院经审查认为…: the judge's reasons, optional (the template states the finding). */
  reasons: DocumentText(4000).optional(),
  expectedSeq: z.int().positive(),
});
export type RulingRequest = z.infer<typeof RulingRequest>;

export interface RulingFacts {
  court: { name: string };
  /** The 民特 number. */
  caseNumber: string;
  /** The agreement's case (民诉前调) number and the day it took effect. */
  agreementCaseNumber: string | null;
  agreementDate: string | null;
  organisation: { name: string };
  parties: DocumentParty[];
  judge: { name: string };
  outcome: RulingOutcome;
  reasons?: string;
  date: string;
}

export function confirmationRuling(f: RulingFacts): CourtDocument {
  const applicants = f.parties.filter((p) => p.role === 'applicant' || p.role === 'respondent');
  const names = applicants.map((p) => p.name).join('、');
  const agreement = `${f.agreementDate ? `${chineseDate(f.agreementDate)}` : ''}经${f.organisation.name}主持调解达成的调解协议${f.agreementCaseNumber ? `（${f.agreementCaseNumber}）` : ''}`;
  const finding =
    f.outcome === 'confirmed'
      ? '本院经审查认为，申请人达成的调解协议符合司法确认调解协议的法定条件。依照《中华人民共和国民事诉讼法》第二百零六条规定，裁定如下：'
      : '本院经审查认为，该调解协议不符合司法确认调解协议的法定条件。依照《中华人民共和国民事诉讼法》第二百零六条规定，裁定如下：';
  const ruled: DocumentBlock[] =
    f.outcome === 'confirmed'
      ? [
          { kind: 'clause', number: 1, text: `申请人${names}于${agreement}有效。` },
          { kind: 'clause', number: 2, text: '当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。' },
        ]
      : [
          { kind: 'clause', number: 1, text: `驳回申请人${names}的司法确认申请。` },
          { kind: 'paragraph', text: '当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。' },
        ];
  return {
    title: '民事裁定书',
    reference: f.caseNumber,
    blocks: [
      ...applicants.map((p): DocumentBlock => ({ kind: 'paragraph', text: `申请人：${p.name}。` })),
      { kind: 'paragraph', text: `申请人${names}于本院申请司法确认${agreement}。本院受理后，依法进行了审查。` },
      ...(f.reasons ? [{ kind: 'paragraph', text: f.reasons } as DocumentBlock] : []),
      { kind: 'paragraph', text: finding },
      ...ruled,
      { kind: 'paragraph', text: '本裁定书自即日起发生法律效力。' },
      { kind: 'closing', lines: [`审判员\u3000${f.judge.name}`, chineseDate(f.date), f.court.name] },
    ],
  };
}
