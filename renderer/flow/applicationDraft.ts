import { MediationApplicationDraft } from '../../shared/application.js';
import type { Draft } from '../../shared/contract.js';
import { isStep, type Step } from './steps.js';
import type { ResumeData } from './wizardMachine.js';

// THE seam between the wizard and the contract's `Draft`: the only module that knows its shape.
//
// Today `Draft.form` is strict with the first slice's four fields, so the application in progress
// travels as a JSON envelope in `form.description` (≤ 4000 characters), next to the legacy fields
// the agent already understands. When the contract widens to
//   Draft = { submissionId, language, step, reviewing?, elderly?, form: MediationApplicationDraft }
// `toDraft` returns that directly and `fromDraft` reads `draft.form`; nothing else changes.

export interface DraftState {
  submissionId: string;
  language: Draft['language'];
  elderly: boolean;
  step: Step;
  reviewing: boolean;
  application: MediationApplicationDraft;
}

export const ENVELOPE_PREFIX = 'kiosk-application/v1 ';
const DESCRIPTION_MAX = 4000;

interface Envelope {
  step: string;
  reviewing: boolean;
  elderly: boolean;
  application: MediationApplicationDraft;
}

export function toDraft(state: DraftState): Draft {
  const app = state.application;
  const form: Draft['form'] = {};
  const name = app.applicant?.name?.trim();
  const phone = (app.applicant?.kind === 'organisation' ? app.applicant.phone : app.applicant?.mobile)?.trim();
  if (name) form.applicantName = name.slice(0, 200);
  if (phone) form.mobile = phone.slice(0, 40);
  if (app.disputeType) form.disputeType = app.disputeType;
  const envelope = fitEnvelope({ step: state.step, reviewing: state.reviewing, elderly: state.elderly, application: app });
  if (envelope) form.description = envelope;
  return { submissionId: state.submissionId, language: state.language, step: state.step, form };
}

/**
 * The envelope, shortened if it must be: the facts are the only answer that can run long, so
 * they are cut first. Returns null when even that does not fit (the legacy fields still save).
 */
function fitEnvelope(envelope: Envelope): string | null {
  const text = (e: Envelope) => `${ENVELOPE_PREFIX}${JSON.stringify(e)}`;
  const full = text(envelope);
  if (full.length <= DESCRIPTION_MAX) return full;
  const facts = envelope.application.facts ?? '';
  const room = facts.length - (full.length - DESCRIPTION_MAX) - 16;
  if (room <= 0) return null;
  const shortened = text({ ...envelope, application: { ...envelope.application, facts: facts.slice(0, room) } });
  return shortened.length <= DESCRIPTION_MAX ? shortened : null;
}

/** What a saved draft resumes, or null when it holds nothing usable. */
export function fromDraft(draft: Draft): ResumeData | null {
  const base = { submissionId: draft.submissionId, language: draft.language };
  const description = draft.form.description ?? '';
  if (description.startsWith(ENVELOPE_PREFIX)) {
    const envelope = parseEnvelope(description.slice(ENVELOPE_PREFIX.length));
    if (envelope) return { ...base, ...envelope };
  }
  // A draft from the first slice (or an envelope that did not survive): keep what it has.
  const application: MediationApplicationDraft = {};
  if (draft.form.applicantName || draft.form.mobile) application.applicant = { kind: 'person', ...(draft.form.applicantName ? { name: draft.form.applicantName } : {}), ...(draft.form.mobile ? { mobile: draft.form.mobile } : {}) };
  if (draft.form.disputeType) application.disputeType = draft.form.disputeType;
  if (description && !description.startsWith(ENVELOPE_PREFIX)) application.facts = description;
  return { ...base, elderly: false, reviewing: false, step: isStep(draft.step) ? draft.step : 'preferences', application };
}

function parseEnvelope(json: string): Omit<ResumeData, 'submissionId' | 'language'> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Partial<Record<keyof Envelope, unknown>>;
  const application = MediationApplicationDraft.safeParse(e.application);
  if (!application.success || !isStep(e.step)) return null;
  return { step: e.step, reviewing: e.reviewing === true, elderly: e.elderly === true, application: application.data };
}
