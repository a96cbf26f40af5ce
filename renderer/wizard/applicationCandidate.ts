import { deferrableFields, KioskApplication, type MediationApplication, type MediationApplicationInput } from '../../shared/application.js';
import type { FieldIssue } from '../../shared/result.js';
import { isBlank } from './answerPaths.js';
import {
  agentFields,
  evidenceFields,
  organisationContact,
  organisationIdentity,
  personContact,
  personIdentity,
  processFields,
  respondentFields,
  shortApplicantFields,
  shortRespondentFields,
  typeQuestionsFor,
  visibleFields,
  type AppDraft,
  type FieldSpec,
} from './questions.js';

// Turns what the resident has answered so far (the draft) into the shape MediationApplication
// parses: blank answers are absent, answers to hidden questions are dropped, and every group
// exists, so issues land on the field that is missing rather than on a whole group.

export interface SignatureValue {
  pngDataUrl: string;
  signedAt: string;
}

type Answers = Record<string, unknown>;

/** The visible, non-blank answers of `specs` (plus `always` keys such as a discriminator). */
function answersOf(specs: readonly FieldSpec[], answers: Answers | undefined, app: AppDraft, always: string[] = []): Answers {
  const source = answers ?? {};
  const out: Answers = {};
  for (const key of always) if (!isBlank(source[key])) out[key] = source[key];
  for (const spec of visibleFields(specs, source, app)) {
    const value = source[spec.key];
    if (!isBlank(value)) out[spec.key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

function applicantOf(app: AppDraft): Answers {
  const a = app.applicant ?? {};
  if (a.kind === 'person') return { kind: 'person', ...answersOf([...personIdentity, ...personContact], a, app) };
  if (a.kind === 'organisation') return { kind: 'organisation', ...answersOf([...organisationIdentity, ...organisationContact], a, app) };
  return {};
}

const consent = (c: { accepted?: boolean; at?: string } | undefined) => (c && c.accepted !== undefined ? { accepted: c.accepted, at: c.at } : undefined);

/**
 * The short path's application: only what its screens ask (who, what happened, what they want),
 * every other answer listed as deferred, so the court sees "to be asked" rather than a gap.
 * Answers given earlier on the full path are not carried: the short path's review shows all it sends.
 */
function shortCandidateOf(app: AppDraft, signature: SignatureValue | null): MediationApplicationInput {
  const candidate = {
    consents: { privacy: consent(app.consents?.privacy), onlineMediation: consent(app.consents?.onlineMediation) },
    applicant: { kind: 'person', ...answersOf(shortApplicantFields, app.applicant, app) } as Answers,
    respondents: [{ kind: 'person', ...answersOf(shortRespondentFields, app.respondents?.[0], app) } as Answers],
    disputeType: app.disputeType,
    claims: (app.claims ?? []).map((c) => c.trim()).filter((c) => c !== ''),
    facts: isBlank(app.facts) ? undefined : app.facts,
    evidence: [],
    signature: signature ?? undefined,
    deferred: [...deferrableFields],
  };
  // Loosely shaped on purpose: the schema, not the type, decides what is missing.
  return candidate as unknown as MediationApplicationInput;
}

export function candidateOf(app: AppDraft, signature: SignatureValue | null): MediationApplicationInput {
  if (app.shortPath === true) return shortCandidateOf(app, signature);
  const evidence = (app.evidence ?? [])
    .map((item): Answers & { photos: string[] } => ({ ...answersOf(evidenceFields, item, app), photos: item.photos ?? [] }))
    .filter((item) => !isBlank(item.name) || !isBlank(item.proves) || item.photos.length > 0);
  const candidate = {
    consents: { privacy: consent(app.consents?.privacy), onlineMediation: consent(app.consents?.onlineMediation) },
    applicant: applicantOf(app),
    ...(app.hasAgent === true ? { agent: answersOf(agentFields, app.agent, app) } : {}),
    respondents: (app.respondents ?? []).map((r) => answersOf(respondentFields, r, app)),
    disputeType: app.disputeType,
    typeAnswers: { ...answersOf(typeQuestionsFor(app.disputeType), app.typeAnswers, app), type: app.disputeType },
    claims: (app.claims ?? []).map((c) => c.trim()).filter((c) => c !== ''),
    facts: isBlank(app.facts) ? undefined : app.facts,
    evidence,
    process: answersOf(processFields, app.process, app),
    signature: signature ?? undefined,
  };
  return candidate as MediationApplicationInput;
}

/** Every problem with the application as it stands, as (path, i18n key), first per path. */
export function issuesOf(app: AppDraft, signature: SignatureValue | null): FieldIssue[] {
  const parsed = KioskApplication.safeParse(candidateOf(app, signature));
  if (parsed.success) return [];
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  // Sex and birth date come from the ID number: while a number is given but wrong, only it is
  // flagged (fixing it fills them in), not the two answers it would have given.
  const idWrong = !isBlank(app.applicant?.idNumber) && parsed.error.issues.some((i) => i.path.join('.') === 'applicant.idNumber');
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (idWrong && (path === 'applicant.sex' || path === 'applicant.birthDate')) continue;
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: issue.message });
  }
  if (app.hasAgent === undefined && app.shortPath !== true) out.push({ path: 'hasAgent', message: 'errors.hasAgent.required' });
  // the short or the full form: the resident's own answer (preferences step)
  if (app.shortPath === undefined) out.push({ path: 'shortPath', message: 'errors.shortPath.required' });
  return out;
}

export function parseApplication(app: AppDraft, signature: SignatureValue | null): MediationApplication | null {
  if (app.shortPath === undefined || (app.hasAgent === undefined && app.shortPath !== true)) return null;
  const parsed = KioskApplication.safeParse(candidateOf(app, signature));
  return parsed.success ? parsed.data : null;
}
