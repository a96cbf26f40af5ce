import { z } from 'zod';
import { disputeTypes } from './disputeTypes.js';
import { Mobile } from './phone.js';
import {
  canonicalAmount,
  checkAmount,
  checkCount,
  checkCreditCode,
  checkDate,
  checkPastDate,
  checkPhone,
  checkRate,
  checkPersonName,
  checkResidentId,
  normaliseNameDots,
  normalisePersonName,
  residentIdFacts,
} from './validators.js';

// The full mediation application (调解申请书): parties, the dispute, 请求事项, 事实与理由, evidence,
// how the resident wants to be mediated, consents and signature (民诉法 Art. 124; 人民法院在线
// 调解规则 Art. 8). Issue messages are i18n keys (`errors.…`), like shared/intake.ts, so the kiosk
// and the hub show the same, translatable reason. Blank optional answers are absent, not "".

/**
 * The longest answer each free-text question takes, in characters (code points, so a rare name
 * character outside the BMP counts once): one constant per question, read by the schemas below
 * (the agent's and the hub's validation), the wizard's fields and counters, and the messages
 * (`errors.<key>.tooLong` says "at most {{max}}"). Names and addresses follow the ID card's and the
 * court forms' fields; the facts have room for a real account (the court's paper form has no
 * limit: 10,000 characters is several handwritten pages, and still fits one queued message).
 */
export const textLimits = {
  name: 50,
  orgName: 100,
  legalRepresentative: 50,
  address: 200,
  agentName: 50,
  respondentName: 100,
  employer: 100,
  accidentPlace: 200,
  familyRelationship: 50,
  propertyAddress: 200,
  claim: 300,
  facts: 10_000,
  evidenceName: 100,
  evidenceProves: 300,
  interpreterLanguage: 50,
  accessibilityNote: 200,
} as const;
export type TextLimitKey = keyof typeof textLimits;
export const CLAIMS_MAX = 10;
export const RESPONDENTS_MAX = 10;
export const EVIDENCE_MAX = 20;
export const PHOTOS_PER_EVIDENCE_MAX = 6;

/** Characters as a resident counts them (a rare character outside the BMP is one). */
export const charCount = (v: string): number => [...v].length;

/** Answers that are people's names, written as the ID card does (normalisePersonName). */
const personNames: ReadonlySet<TextLimitKey> = new Set(['name', 'agentName', 'legalRepresentative']);
/** A person's or an organisation's name: normaliseNameDots (the Respondent normalises a person's further). */
const names: ReadonlySet<TextLimitKey> = new Set(['respondentName']);

/** Trimmed required text; messages errors.<key>.required / errors.<key>.tooLong. */
const text = (key: TextLimitKey) =>
  z
    .string({ error: `errors.${key}.required` })
    .trim()
    .min(1, { error: `errors.${key}.required` })
    .refine((v) => charCount(v) <= textLimits[key], { error: `errors.${key}.tooLong` })
    .transform((v) => (personNames.has(key) ? normalisePersonName(v) : names.has(key) ? normaliseNameDots(v) : v));

/** A string checked by one of shared/validators' functions (which return an i18n key or null). */
const checked = (requiredKey: string, check: (v: string) => string | null, normalise: (v: string) => string = (v) => v.trim()) =>
  z
    .string({ error: requiredKey })
    .transform(normalise)
    .superRefine((v, ctx) => {
      const key = check(v);
      if (key) ctx.addIssue({ code: 'custom', message: key });
    });

const upper = (v: string) => v.trim().toUpperCase();
export const ResidentId = checked('errors.idNumber.required', (v) => checkResidentId(v), upper);
export const CreditCode = checked('errors.creditCode.required', checkCreditCode, upper);
export const Phone = checked('errors.phone.required', checkPhone);
export const IsoDate = checked('errors.date.required', checkDate);
export const PastDate = checked('errors.date.required', (v) => checkPastDate(v));
export const Amount = checked('errors.amount.required', (v) => checkAmount(v)).transform(canonicalAmount);
export const AmountOrZero = checked('errors.amount.required', (v) => checkAmount(v, { allowZero: true })).transform(canonicalAmount);
export const RatePercent = checked('errors.rate.required', checkRate, (v) => v.trim().replace(/%$/, ''));
// Kept as a canonical string, not a number: the parsed application must parse again unchanged
// (the agent validates it, seals it, and the hub validates the same JSON on arrival).
export const Count = checked('errors.count.required', (v) => checkCount(v)).transform((v) => String(Number(v)));
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'errors.photo.invalid' });
const IsoDateTime = z.iso.datetime({ offset: true, error: 'errors.timestamp.invalid' });
const yesNo = (key: string) => z.boolean({ error: `errors.${key}.required` });
const choice = <const T extends readonly [string, ...string[]]>(values: T, key: string) => z.enum(values, { error: `errors.${key}.required` });
/** Runs a refinement even when sibling fields failed (so every problem shows at once), as long as there is an object to look at. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };
const issue = (path: (string | number)[], message: string) => ({ code: 'custom' as const, path, message, input: undefined });

// ---------- consents ----------

export const Consents = z.strictObject(
  {
    privacy: z.strictObject({ accepted: z.literal(true, { error: 'errors.privacyConsent.required' }), at: IsoDateTime }, { error: 'errors.privacyConsent.required' }),
    onlineMediation: z.strictObject({ accepted: yesNo('onlineConsent'), at: IsoDateTime }, { error: 'errors.onlineConsent.required' }),
  },
  { error: 'errors.privacyConsent.required' },
);

// ---------- parties ----------

export const sexes = ['male', 'female'] as const;
/** GB/T 3304 nationality codes: 01–56, 97 other, 98 foreign-born Chinese citizens. */
export const ethnicityCodes: [string, ...string[]] = ['01', ...Array.from({ length: 55 }, (_, i) => String(i + 2).padStart(2, '0')), '97', '98'];

export const PersonApplicant = z
  .strictObject({
    kind: z.literal('person'),
    name: text('name'),
    // Optional only where the application lists them as deferred (see `deferrableFields`).
    idNumber: ResidentId.optional(),
    sex: choice(sexes, 'sex').optional(),
    birthDate: PastDate.optional(),
    ethnicity: choice(ethnicityCodes, 'ethnicity').optional(),
    mobile: Mobile,
    address: text('address').optional(),
  })
  .superRefine((a, ctx) => {
    // The ID number encodes birth date and sex; a mismatch is almost always a typing slip.
    const facts = typeof a.idNumber === 'string' ? residentIdFacts(a.idNumber) : null;
    if (!facts || typeof a.idNumber !== 'string' || checkResidentId(a.idNumber) !== null) return;
    if (typeof a.birthDate === 'string' && checkDate(a.birthDate) === null && a.birthDate !== facts.birthDate) ctx.addIssue(issue(['birthDate'], 'errors.birthDate.mismatch'));
    if (typeof a.sex === 'string' && a.sex !== facts.sex) ctx.addIssue(issue(['sex'], 'errors.sex.mismatch'));
  }, always);

export const OrganisationApplicant = z.strictObject({
  kind: z.literal('organisation'),
  name: text('orgName'),
  creditCode: CreditCode,
  legalRepresentative: text('legalRepresentative'),
  phone: Phone,
  address: text('address'),
});

export const Applicant = z.discriminatedUnion('kind', [PersonApplicant, OrganisationApplicant], { error: 'errors.applicantKind.required' });

export const agentRelationships = ['relative', 'lawyer', 'legal_worker', 'colleague', 'community', 'other'] as const;
export const Agent = z.strictObject({
  name: text('agentName'),
  relationship: choice(agentRelationships, 'agentRelationship'),
  mobile: Mobile,
  idNumber: ResidentId.optional(),
});

export const partyKinds = ['person', 'organisation'] as const;
export const Respondent = z
  .strictObject({
    kind: choice(partyKinds, 'respondentKind'),
    name: text('respondentName'),
    /** Only if known, like the ID: a resident often knows where the other side lives, not their number. */
    mobile: Phone.optional(),
    address: text('address').optional(),
    employer: text('employer').optional(),
    /** Resident ID for a person, credit code for an organisation; only if known. */
    idNumber: z.string().trim().optional(),
  })
  .superRefine((r, ctx) => {
    // Where to find the respondent (address or employer) is asked at application level: it may be deferred.
    if (typeof r.idNumber === 'string' && r.idNumber !== '') {
      const key = r.kind === 'organisation' ? checkCreditCode(r.idNumber) : checkResidentId(r.idNumber);
      if (key) ctx.addIssue(issue(['idNumber'], key));
    }
  }, always)
  .transform((r) => (r.kind === 'person' ? { ...r, name: normalisePersonName(r.name) } : r));

// ---------- the dispute: type-specific answers ----------

export const loanTerms = ['fixed_date', 'on_demand', 'none'] as const;
export const loanInterest = ['none', 'agreed', 'unclear'] as const;
export const PrivateLoanAnswers = z
  .strictObject({
    type: z.literal('private_loan'),
    amount: Amount,
    lentOn: PastDate,
    term: choice(loanTerms, 'loanTerm'),
    dueDate: IsoDate.optional(),
    interest: choice(loanInterest, 'loanInterest'),
    interestRatePercent: RatePercent.optional(),
    repaidAmount: AmountOrZero,
    hasIou: yesNo('loanIou'),
  })
  .superRefine((a, ctx) => {
    if (a.term === 'fixed_date' && !a.dueDate) ctx.addIssue(issue(['dueDate'], 'errors.dueDate.required'));
    if (a.term === 'fixed_date' && a.dueDate && a.lentOn && a.dueDate < a.lentOn) ctx.addIssue(issue(['dueDate'], 'errors.dueDate.beforeLent'));
    if (a.interest === 'agreed' && !a.interestRatePercent) ctx.addIssue(issue(['interestRatePercent'], 'errors.rate.required'));
  }, always);

export const labourIssues = ['unpaid_wages', 'no_contract', 'dismissal', 'social_insurance', 'work_injury', 'overtime', 'other'] as const;
export const LabourAnswers = z
  .strictObject({
    type: z.literal('labour'),
    startedOn: PastDate,
    stillEmployed: yesNo('stillEmployed'),
    endedOn: PastDate.optional(),
    monthlyWage: Amount,
    issues: z.array(z.enum(labourIssues), { error: 'errors.labourIssues.required' }).min(1, { error: 'errors.labourIssues.required' }),
    unpaidWages: Amount.optional(),
    hasContract: yesNo('hasContract'),
  })
  .superRefine((a, ctx) => {
    if (a.stillEmployed === false && !a.endedOn) ctx.addIssue(issue(['endedOn'], 'errors.endedOn.required'));
    if (a.endedOn && a.startedOn && a.endedOn < a.startedOn) ctx.addIssue(issue(['endedOn'], 'errors.endedOn.beforeStart'));
    if (Array.isArray(a.issues) && a.issues.includes('unpaid_wages') && !a.unpaidWages) ctx.addIssue(issue(['unpaidWages'], 'errors.unpaidWages.required'));
  }, always);

export const liabilities = ['full', 'main', 'equal', 'minor', 'none', 'unknown'] as const;
export const TrafficAnswers = z.strictObject({
  type: z.literal('traffic'),
  occurredOn: PastDate,
  place: text('accidentPlace'),
  policeReport: yesNo('policeReport'),
  liability: choice(liabilities, 'liability'),
  injured: yesNo('injured'),
  lossAmount: Amount.optional(),
});

export const familyMatters = ['divorce', 'custody_support', 'elder_support', 'inheritance', 'other'] as const;
export const FamilyAnswers = z.strictObject({
  type: z.literal('family'),
  matter: choice(familyMatters, 'familyMatter'),
  relationship: text('familyRelationship'),
  minorChildren: Count,
  propertyInvolved: yesNo('propertyInvolved'),
});

export const propertyRoles = ['owner', 'tenant', 'property_company'] as const;
export const propertyMatters = ['fees', 'service_quality', 'repairs', 'parking', 'other'] as const;
export const PropertyServiceAnswers = z.strictObject({
  type: z.literal('property_service'),
  role: choice(propertyRoles, 'propertyRole'),
  matter: choice(propertyMatters, 'propertyMatter'),
  propertyAddress: text('propertyAddress'),
  amount: Amount.optional(),
});

/** The five types with their own questions; every other type gets the generic ones. */
export const specificTypes = ['private_loan', 'labour', 'traffic', 'family', 'property_service'] as const;
export const genericTypes = disputeTypes.filter((t) => !(specificTypes as readonly string[]).includes(t)) as [string, ...string[]];
export const GenericAnswers = z.strictObject({
  type: z.enum(genericTypes),
  amount: Amount.optional(),
  startedOn: PastDate.optional(),
});

export const TypeAnswers = z.discriminatedUnion('type', [PrivateLoanAnswers, LabourAnswers, TrafficAnswers, FamilyAnswers, PropertyServiceAnswers, GenericAnswers], {
  error: 'errors.disputeType.required',
});

// ---------- claims, facts, evidence ----------

export const Claims = z.array(text('claim'), { error: 'errors.claims.required' }).min(1, { error: 'errors.claims.required' }).max(CLAIMS_MAX, { error: 'errors.claims.tooMany' });

export const EvidenceItem = z.strictObject({
  name: text('evidenceName'),
  proves: text('evidenceProves'),
  photos: z.array(Sha256).max(PHOTOS_PER_EVIDENCE_MAX, { error: 'errors.photos.tooMany' }).default([]),
});

// ---------- how to mediate ----------

export const processModes = ['video_now', 'scheduled', 'in_person'] as const;
export const timeSlots = ['weekday_morning', 'weekday_afternoon', 'weekday_evening', 'weekend'] as const;
export const accessibilityNeeds = ['wheelchair', 'hearing', 'vision', 'reading', 'other'] as const;
export const ProcessChoice = z
  .strictObject(
    {
      mode: choice(processModes, 'processMode'),
      timePreferences: z.array(z.enum(timeSlots)).max(timeSlots.length).default([]),
      interpreter: yesNo('interpreter'),
      interpreterLanguage: text('interpreterLanguage').optional(),
      accessibility: z.array(z.enum(accessibilityNeeds)).max(accessibilityNeeds.length).default([]),
      accessibilityNote: text('accessibilityNote').optional(),
    },
    { error: 'errors.processMode.required' },
  )
  .superRefine((p, ctx) => {
    const later = p.mode === 'scheduled' || p.mode === 'in_person';
    if (later && (!Array.isArray(p.timePreferences) || p.timePreferences.length === 0)) ctx.addIssue(issue(['timePreferences'], 'errors.timePreferences.required'));
    if (p.interpreter === true && !p.interpreterLanguage) ctx.addIssue(issue(['interpreterLanguage'], 'errors.interpreterLanguage.required'));
  }, always);

/** signature_pad's PNG; a few KB of strokes, bounded so a scribble cannot flood the queue. */
export const SIGNATURE_MAX_CHARS = 200_000;
export const Signature = z.strictObject(
  {
    pngDataUrl: z
      .string({ error: 'errors.signature.required' })
      .max(SIGNATURE_MAX_CHARS, { error: 'errors.signature.tooLarge' })
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, { error: 'errors.signature.required' }),
    signedAt: IsoDateTime,
  },
  { error: 'errors.signature.required' },
);

// ---------- the whole application ----------

/**
 * What a short application (the elderly's short path: who, what happened, what you want) may
 * leave to the mediator on the call or to staff. The application lists what it left in
 * `deferred`; a field missing and not listed is still an error, so a full application is checked
 * exactly as before. The console shows a deferred field as "to be asked", never as empty.
 */
export const deferrableFields = ['applicant.idNumber', 'applicant.sex', 'applicant.birthDate', 'applicant.ethnicity', 'applicant.address', 'respondents.address', 'typeAnswers', 'process'] as const;
export type DeferrableField = (typeof deferrableFields)[number];
/** A person's identity and address answers, with the message each gives when missing and not deferred. */
const deferrableApplicantFields: Record<string, string> = {
  idNumber: 'errors.idNumber.required',
  sex: 'errors.sex.required',
  birthDate: 'errors.date.required',
  ethnicity: 'errors.ethnicity.required',
  address: 'errors.address.required',
};
/** Whether `app` left `field` to be asked later. */
export const isDeferred = (app: { deferred?: readonly string[] | undefined }, field: DeferrableField): boolean => app.deferred?.includes(field) ?? false;

export const MediationApplication = z
  .strictObject({
    consents: Consents,
    applicant: Applicant,
    agent: Agent.optional(),
    respondents: z.array(Respondent, { error: 'errors.respondents.required' }).min(1, { error: 'errors.respondents.required' }).max(RESPONDENTS_MAX, { error: 'errors.respondents.tooMany' }),
    disputeType: z.enum(disputeTypes, { error: 'errors.disputeType.required' }),
    typeAnswers: TypeAnswers.optional(),
    claims: Claims,
    facts: text('facts'),
    evidence: z.array(EvidenceItem).max(EVIDENCE_MAX, { error: 'errors.evidence.tooMany' }).default([]),
    process: ProcessChoice.optional(),
    signature: Signature,
    /** Answers the resident left to the mediator or staff (the short path); absent on a full application. */
    deferred: z
      .array(z.enum(deferrableFields, { error: 'errors.deferred.invalid' }))
      .max(deferrableFields.length)
      .optional(),
  })
  .superRefine((a, ctx) => {
    const deferred = new Set<string>(Array.isArray(a.deferred) ? a.deferred : []);
    const applicant = a.applicant as Record<string, unknown> | undefined;
    if (applicant?.kind === 'person') {
      for (const [key, message] of Object.entries(deferrableApplicantFields)) {
        if (applicant[key] === undefined && !deferred.has(`applicant.${key}`)) ctx.addIssue(issue(['applicant', key], message));
      }
    }
    if (Array.isArray(a.respondents) && !deferred.has('respondents.address')) {
      a.respondents.forEach((r, i) => {
        if (typeof r === 'object' && r !== null && !r.address && !r.employer) ctx.addIssue(issue(['respondents', i, 'address'], 'errors.respondentWhere.required'));
      });
    }
    if (a.typeAnswers === undefined && !deferred.has('typeAnswers')) ctx.addIssue(issue(['typeAnswers'], 'errors.disputeType.required'));
    if (a.process === undefined && !deferred.has('process')) ctx.addIssue(issue(['process'], 'errors.processMode.required'));
    const type = (a.typeAnswers as { type?: unknown } | undefined)?.type;
    if (typeof a.disputeType === 'string' && typeof type === 'string' && type !== a.disputeType) ctx.addIssue(issue(['typeAnswers', 'type'], 'errors.typeAnswers.mismatch'));
    // Online mediation (now or scheduled) needs the resident's consent (在线调解规则 Art. 8).
    const online = a.process?.mode === 'video_now' || a.process?.mode === 'scheduled';
    if (online && a.consents?.onlineMediation?.accepted === false) ctx.addIssue(issue(['process', 'mode'], 'errors.processMode.needsOnlineConsent'));
  }, always);
export type MediationApplication = z.infer<typeof MediationApplication>;

/**
 * A clerk's check on a filing made at the kiosk: the respondent must be somebody other than the
 * applicant. The same ID number (or credit code), or the same name with the same phone number,
 * almost always means the resident typed their own details again. Checked by the kiosk (the
 * wizard and the agent's submit); the hub's intake schema stays `MediationApplication`, so what
 * the court accepted before it still accepts.
 */
export function respondentSameAsApplicant(applicant: unknown, respondent: unknown): 'errors.respondentSame.idNumber' | 'errors.respondentSame.nameAndPhone' | null {
  if (typeof applicant !== 'object' || applicant === null || typeof respondent !== 'object' || respondent === null) return null;
  const a = applicant as Record<string, unknown>;
  const r = respondent as Record<string, unknown>;
  const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/[\s-]/g, '').toUpperCase() : '');
  const applicantId = norm(a.kind === 'organisation' ? a.creditCode : a.idNumber);
  if (applicantId !== '' && applicantId === norm(r.idNumber)) return 'errors.respondentSame.idNumber';
  const applicantPhoneNumber = norm(a.kind === 'organisation' ? a.phone : a.mobile);
  const sameName = typeof a.name === 'string' && typeof r.name === 'string' && a.name.trim() !== '' && a.name.trim() === r.name.trim();
  if (sameName && applicantPhoneNumber !== '' && applicantPhoneNumber === norm(r.mobile)) return 'errors.respondentSame.nameAndPhone';
  return null;
}

/**
 * Where a person's name was typed, the names that must be letters (checkPersonName), with their
 * paths: the applicant's or an organisation's representative, the agent, a person on the other side
 * (an organisation's own name may hold digits: 58同城, 第一建筑公司). A blank name already says
 * "required". Read where a name is entered (KioskApplication), never by the hub's intake: a filing
 * queued before the rule, or a retry of one the court already holds, must still be received.
 */
export function personNameIssues(a: { applicant?: unknown; agent?: unknown; respondents?: unknown }): Array<{ path: (string | number)[]; message: string }> {
  const found: Array<{ path: (string | number)[]; message: string }> = [];
  const check = (path: (string | number)[], v: unknown) => {
    // what was typed, as it is stored: a name of only zero-width characters is no name either
    const letters = typeof v === 'string' && v.trim() !== '' ? checkPersonName(normalisePersonName(v.trim())) : null;
    if (letters) found.push({ path, message: letters });
  };
  const field = (o: unknown, key: string): unknown => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined);
  const kind = field(a.applicant, 'kind');
  if (kind === 'person') check(['applicant', 'name'], field(a.applicant, 'name'));
  if (kind === 'organisation') check(['applicant', 'legalRepresentative'], field(a.applicant, 'legalRepresentative'));
  if (a.agent !== undefined) check(['agent', 'name'], field(a.agent, 'name'));
  if (Array.isArray(a.respondents)) a.respondents.forEach((r, i) => field(r, 'kind') === 'person' && check(['respondents', i, 'name'], field(r, 'name')));
  return found;
}

/** The application as the kiosk files it: the court's schema plus the clerk's checks above. */
export const KioskApplication = MediationApplication.superRefine((a, ctx) => {
  for (const { path, message } of personNameIssues(a)) ctx.addIssue(issue(path, message));
  if (!Array.isArray(a.respondents)) return;
  a.respondents.forEach((r, i) => {
    const same = respondentSameAsApplicant(a.applicant, r);
    if (same) ctx.addIssue(issue(['respondents', i, same === 'errors.respondentSame.idNumber' ? 'idNumber' : 'name'], same));
  });
}, always);
export type MediationApplicationInput = z.input<typeof MediationApplication>;

/** How the court reaches the applicant: a person's mobile, an organisation's phone. */
export function applicantPhone(applicant: MediationApplication['applicant']): string {
  return applicant.kind === 'person' ? applicant.mobile : applicant.phone;
}
