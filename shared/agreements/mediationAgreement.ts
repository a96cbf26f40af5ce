import { z } from 'zod';
import { requiredSigners } from '../cases/caseFile.js';
import { chineseDate, DocumentText, PerformanceDate, partyRoleLabel, type CourtDocument, type DocumentBlock, type DocumentParty } from './courtDocument.js';

// The mediation agreement (调解协议书) from its template: who the parties are (from the case's
// sealed party records), the facts, the terms the mediator writes with their performance dates,
// the mediator and organisation, the court; then a signature place for every applicant, every
// respondent and the mediator — the same signers the case rules require (shared/cases/caseFile.ts
// `requiredSigners`). A resident reading it at a kiosk sees the parties' names only: another
// party's ID number and address stay in the full document the court keeps.

export const MAX_TERMS = 20;

/** What the mediator writes (POST /api/v1/cases/:caseId/agreement). */
export const AgreementTerms = z.strictObject({
  /** 纠纷事实: what the dispute is about, as the parties agree it. */
  facts: DocumentText(4000),
  /** 协议内容: one clause per term, each with the date it is to be performed by, if any. */
  terms: z
    .array(z.strictObject({ text: DocumentText(1000), performBy: PerformanceDate.optional() }))
    .min(1)
    .max(MAX_TERMS),
});
export type AgreementTerms = z.infer<typeof AgreementTerms>;

export interface AgreementFacts {
  court: { name: string };
  caseNumber: string | null;
  organisation: { name: string };
  mediator: { name: string };
  parties: DocumentParty[];
  /** Applicants and respondents as the case records them (who must sign). */
  signers: { applicants: number; respondents: number };
  terms: AgreementTerms;
  /** The court date the last signer signed (the signed agreement carries it; a draft has none). */
  signedOn?: string;
}

const partyLine = (p: DocumentParty, full: boolean): string => {
  const label = p.role === 'agent' ? partyRoleLabel.agent : partyRoleLabel[p.role];
  const details = full ? [p.idNumber ? (p.kind === 'person' ? `公民身份号码${p.idNumber}` : `统一社会信用代码${p.idNumber}`) : null, p.address ? `住所${p.address}` : null].filter(Boolean) : [];
  return [`${label}：${p.name}`, ...details].join('，') + '。';
};

function signerLabel(signer: string, parties: DocumentParty[], mediator: string): string {
  const [role, index] = signer.split(':');
  if (role === 'mediator') return `调解员：${mediator}`;
  const p = parties.find((x) => x.role === role && x.index === Number(index));
  return `${partyRoleLabel[role as DocumentParty['role']]}：${p?.name ?? ''}`;
}

/**
 * The agreement as a document. `view` 'full' is what is signed and stored; 'resident' is what a
 * resident reads at a kiosk before signing: the same text with no party's ID number or address.
 */
export function mediationAgreement(f: AgreementFacts, view: 'full' | 'resident' = 'full'): CourtDocument {
  const full = view === 'full';
  const blocks: DocumentBlock[] = [
    { kind: 'heading', text: '当事人' },
    ...f.parties.map((p): DocumentBlock => ({ kind: 'paragraph', text: partyLine(p, full) })),
    { kind: 'heading', text: '纠纷事实' },
    { kind: 'paragraph', text: f.terms.facts },
    { kind: 'paragraph', text: `经${f.organisation.name}调解员${f.mediator.name}主持调解，当事人自愿达成如下协议：` },
    ...f.terms.terms.map((t, i): DocumentBlock => ({ kind: 'clause', number: i + 1, text: t.performBy ? `${t.text}（于${chineseDate(t.performBy)}前履行）` : t.text })),
    {
      kind: 'paragraph',
      text: `本协议自各方当事人签名、调解员签名之日起生效。当事人可以自本协议生效之日起三十日内，共同向${f.court.name}申请司法确认。`,
    },
    {
      kind: 'signatures',
      places: requiredSigners({ parties: f.signers }).map((signer) => ({ signer, label: signerLabel(signer, f.parties, f.mediator.name) })),
    },
    { kind: 'closing', lines: [f.organisation.name, ...(f.signedOn ? [chineseDate(f.signedOn)] : [])] },
  ];
  return { title: '人民调解协议书', reference: f.caseNumber, blocks };
}

/** Everything a document says, as plain lines (what a search or a test reads). */
export function documentLines(d: CourtDocument): string[] {
  const lines = [d.title, ...(d.reference ? [d.reference] : [])];
  for (const b of d.blocks) {
    if (b.kind === 'clause') lines.push(`${b.number}. ${b.text}`);
    else if (b.kind === 'signatures') lines.push(...b.places.map((p) => p.label));
    else if (b.kind === 'closing') lines.push(...b.lines);
    else lines.push(b.text);
  }
  return lines;
}
