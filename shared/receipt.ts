import { z } from 'zod';
import { applicantPhone, processModes } from './application.js';
import { statusPagePath } from './caseStatus.js';
import { nextStepOnFiling } from './cases/residentStage.js';
import { courtTime } from './courtTime.js';
import { disputeLabel } from './disputeLabels.js';
import type { DisputeType } from './disputeTypes.js';
import { Language, SubmissionId, type IntakeSubmission, type Receipt } from './intake.js';
import { receiptText } from './receiptText.js';
import { maskIdNumber, maskName, maskPhone } from './masking.js';

// The resident's receipt as a document: what is printed (80 mm roll, PDF or silent print) and
// what the receipt screen shows beside the provisional number. Built by the kiosk agent from its
// own store, never from text the renderer sends.
//
// Personal data on it is masked when it is taken from the submission (`receiptFactsOf`): the full
// ID number, the full name and the full phone number never reach a document, so no renderer of a
// document (PDF, HTML, screen) can leak them.

export type ProcessMode = (typeof processModes)[number];

/** What the agent keeps from a submission for its receipt, already masked. */
export interface ReceiptFacts {
  applicantKind: 'person' | 'organisation';
  /** A person's name masked ("王**"); an organisation's name in full (not personal data). */
  applicantName: string;
  /** Resident ID (person) or unified social credit code (organisation), first 6 and last 4 shown. */
  /** Null when the short path left the ID number to be asked. */
  idMasked: string | null;
  phoneMasked: string;
  disputeType: DisputeType;
  /** Null when the short path left the way of mediating to be asked. */
  processMode: ProcessMode | null;
}

export function receiptFactsOf(submission: Pick<IntakeSubmission, 'application'>): ReceiptFacts {
  const app = submission.application;
  const a = app.applicant;
  return {
    applicantKind: a.kind,
    applicantName: a.kind === 'person' ? maskName(a.name) : a.name,
    idMasked: a.kind === 'person' ? (a.idNumber === undefined ? null : maskIdNumber(a.idNumber)) : maskIdNumber(a.creditCode),
    phoneMasked: maskPhone(applicantPhone(a)),
    disputeType: app.disputeType,
    processMode: app.process?.mode ?? null,
  };
}

import { receiptState, receiptStates } from './receiptState.js';
export { receiptState, receiptStates, type ReceiptState } from './receiptState.js';

export const receiptRowKeys = ['caseNumber', 'submittedAt', 'status', 'applicant', 'idNumber', 'phone', 'disputeType', 'place'] as const;
export const ReceiptRow = z.strictObject({ key: z.enum(receiptRowKeys), label: z.string(), value: z.string() });
export const ReceiptSection = z.strictObject({ key: z.enum(['next', 'limits', 'ask']), title: z.string(), lines: z.array(z.string()) });

export const ReceiptDocument = z.strictObject({
  language: Language,
  title: z.string(),
  subtitle: z.string(),
  provisionalNumberLabel: z.string(),
  provisionalNumber: z.string(),
  rows: z.array(ReceiptRow),
  /** The hub's public status page for this number (the QR code). */
  statusUrl: z.string().url(),
  qrCaption: z.string(),
  sections: z.array(ReceiptSection),
  footer: z.string(),
  processMode: z.enum(processModes).nullable(),
  /** The delivery state the document was built in; the screen refreshes when it changes. */
  state: z.enum(receiptStates),
  /** The court's case number once the hub's acknowledgement carries one. */
  caseNumber: z.string().nullable(),
});
export type ReceiptDocument = z.infer<typeof ReceiptDocument>;

export interface ReceiptDocumentInput {
  receipt: Receipt;
  /** Whether the agent can reach the hub now (decides between "sending" and "waiting for the network"). */
  hubReachable: boolean;
  /** Null when the agent no longer has them (restarted after the hub took the application). */
  facts: ReceiptFacts | null;
  language: Language;
  /** Base URL residents' phones reach the hub at. */
  publicHubUrl: string;
  terminalName: string;
}

export function statusUrlFor(publicHubUrl: string, provisionalNumber: string): string {
  return new URL(statusPagePath(provisionalNumber), publicHubUrl).toString();
}

export function buildReceiptDocument({ receipt, hubReachable, facts, language, publicHubUrl, terminalName }: ReceiptDocumentInput): ReceiptDocument {
  const t = receiptText(language);
  const state = receiptState(receipt.status, hubReachable);
  const rows: ReceiptDocument['rows'] = [];
  const row = (key: ReceiptDocument['rows'][number]['key'], label: string, value: string | null | undefined) => {
    if (value) rows.push({ key, label, value });
  };
  // Courts number a pre-litigation case when they register it (divert it to mediation), so an
  // acknowledged filing may have no case number yet: the receipt says when it comes and where to look.
  row('caseNumber', t.caseNumber, receipt.caseNumber ?? t.caseNumberPending);
  row('submittedAt', t.submittedAt, `${courtTime(receipt.submittedAt)}${t.courtTimeSuffix}`);
  row('status', t.status, t.states[state](receipt.deliveredAt ? `${courtTime(receipt.deliveredAt, 'clock')}` : null));
  row('applicant', t.applicant, facts?.applicantName);
  row('idNumber', facts?.applicantKind === 'organisation' ? t.creditCode : t.idNumber, facts?.idMasked);
  row('phone', t.phone, facts?.phoneMasked);
  const type = facts?.disputeType ? disputeLabel(facts.disputeType) : null;
  row('disputeType', t.disputeType, type ? (language === 'en' ? type.en : type.zh) : null);
  row('place', t.place, terminalName);

  const mode = facts?.processMode ?? null;
  const next = [t.nextSteps.filed[nextStepOnFiling](facts?.phoneMasked ?? null), ...(mode ? [t.nextSteps.mode[mode]] : []), t.nextSteps.keep];
  return {
    language,
    title: t.title,
    subtitle: t.subtitle,
    provisionalNumberLabel: t.provisionalNumber,
    provisionalNumber: receipt.provisionalNumber,
    rows,
    statusUrl: statusUrlFor(publicHubUrl, receipt.provisionalNumber),
    qrCaption: t.qrCaption,
    sections: [
      { key: 'next', title: t.nextStepsTitle, lines: next },
      { key: 'limits', title: t.timeLimitsTitle, lines: t.timeLimits },
      { key: 'ask', title: t.askTitle, lines: t.ask },
    ],
    footer: t.footer,
    processMode: mode,
    state,
    caseNumber: receipt.caseNumber,
  };
}

// ---------- the contract's receipt calls ----------

export const ReceiptRequest = z.strictObject({
  submissionId: SubmissionId,
  /** The language the resident reads now (they may switch on the receipt screen); default: the submission's. */
  language: Language.optional(),
});
export type ReceiptRequest = z.infer<typeof ReceiptRequest>;

export const ReceiptPrintRequest = ReceiptRequest.extend({
  /** The receipt screen's automatic print: at most once per submission, and never spooled without a printer. */
  auto: z.boolean().optional(),
});
export type ReceiptPrintRequest = z.infer<typeof ReceiptPrintRequest>;

/** The document plus its QR code as an image for the screen. */
export const ReceiptView = z.strictObject({
  document: ReceiptDocument,
  qrDataUrl: z.string().startsWith('data:image/svg+xml;base64,'),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

/** `paper_out` and `cover_open` where the printer's driver says so (else `failed`). */
export const printFailures = ['no_printer', 'failed', 'already_printed', 'paper_out', 'cover_open'] as const;
export const PrintOutcome = z.strictObject({
  printed: z.boolean(),
  /** Where the receipt PDF was kept when it could not be printed (browser host; deleted after a day). */
  spooledTo: z.string().optional(),
  reason: z.enum(printFailures).optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcome>;
