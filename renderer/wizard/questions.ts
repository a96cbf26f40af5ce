import {
  accessibilityNeeds,
  agentRelationships,
  familyMatters,
  labourIssues,
  liabilities,
  loanInterest,
  loanTerms,
  partyKinds,
  processModes,
  propertyMatters,
  propertyRoles,
  sexes,
  textLimits,
  timeSlots,
} from '../../shared/application.js';
import type { MediationApplicationDraft } from '../../shared/applicationDraft.js';
import type { DisputeType } from '../../shared/disputeTypes.js';

// What each question screen asks, declared once: the screens render from these specs, the review
// lists them, and the application candidate drops answers whose question is hidden (so a changed
// "no" never carries a stale detail to the court). Labels live in i18n under `fields.<label>`.

export type AppDraft = MediationApplicationDraft;
type Answers = Record<string, unknown>;

export type FieldKind =
  | 'text' // free text: pinyin or letters
  | 'name' // a person's name: pinyin ranks name characters first
  | 'partyName' // the other side's name, a person's or an organisation's (物业公司): common words lead names
  | 'multiline'
  | 'address' // a postal address: typed as free text, but personal (the keyboard remembers no picks from it)
  | 'mobile'
  | 'phone'
  | 'id' // resident ID: digits and X
  | 'code' // unified social credit code: digits and 20 capitals
  | 'reference' // a receipt's provisional number: digits, capitals and dashes
  | 'date'
  | 'amount'
  | 'rate'
  | 'count'
  | 'choice'
  | 'multi'
  | 'yesno'
  | 'ethnicity';

export interface FieldSpec {
  /** Path below the group's base path ("name" under "applicant"). */
  key: string;
  /** i18n key under `fields.`: `.label`, `.hint`. */
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  /** i18n key under `options.` naming each option's label. */
  optionSet?: string;
  optional?: boolean;
  /** Free text: from `textLimits` (shared/application.ts); identifiers: their format's length. */
  maxLength?: number;
  /** Whether the question applies, given the group's answers and the whole draft. */
  visible?: (answers: Answers, app: AppDraft) => boolean;
}

/** Fields that hold a name: Latin words capitalised, and staff may be asked for a rare character. */
export const holdsName = (kind: FieldKind): boolean => kind === 'name' || kind === 'partyName';

const f = (key: string, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, label: key, kind, ...extra });
const pick = (key: string, options: readonly string[], optionSet: string, extra: Partial<FieldSpec> = {}) => f(key, 'choice', { options, optionSet, ...extra });

export const personIdentity: FieldSpec[] = [
  f('name', 'name', { maxLength: textLimits.name }),
  f('idNumber', 'id', { maxLength: 18 }),
  pick('sex', sexes, 'sex'),
  f('birthDate', 'date'),
  f('ethnicity', 'ethnicity'),
];
export const organisationIdentity: FieldSpec[] = [
  f('name', 'text', { label: 'orgName', maxLength: textLimits.orgName }),
  f('creditCode', 'code', { maxLength: 18 }),
  f('legalRepresentative', 'name', { maxLength: textLimits.legalRepresentative }),
];
export const personContact: FieldSpec[] = [f('mobile', 'mobile', { maxLength: 11 }), f('address', 'address', { maxLength: textLimits.address })];
export const organisationContact: FieldSpec[] = [f('phone', 'phone', { maxLength: 20 }), f('address', 'address', { label: 'orgAddress', maxLength: textLimits.address })];

export const agentFields: FieldSpec[] = [
  f('name', 'name', { label: 'agentName', maxLength: textLimits.agentName }),
  pick('relationship', agentRelationships, 'agentRelationship'),
  f('mobile', 'mobile', { label: 'agentMobile', maxLength: 11 }),
  f('idNumber', 'id', { label: 'agentIdNumber', optional: true, maxLength: 18 }),
];

/** The short path's "who" screen: the applicant's name and mobile, the other side's name (and phone, if known). */
export const shortApplicantFields: FieldSpec[] = [f('name', 'name', { maxLength: textLimits.name }), f('mobile', 'mobile', { maxLength: 11 })];
export const shortRespondentFields: FieldSpec[] = [
  // a person unless told otherwise (no tap for the usual case); a company or a village committee is
  // one tap, and reaches the court as an organisation, not as a person with a company's name
  pick('kind', partyKinds, 'partyKind', { label: 'respondentKind' }),
  f('name', 'partyName', { label: 'respondentName', maxLength: textLimits.respondentName }),
  f('mobile', 'phone', { label: 'respondentMobile', optional: true, maxLength: 20 }),
];

const isOrganisation = (a: Answers) => a.kind === 'organisation';
export const respondentFields: FieldSpec[] = [
  pick('kind', partyKinds, 'partyKind', { label: 'respondentKind' }),
  f('name', 'partyName', { label: 'respondentName', maxLength: textLimits.respondentName }),
  f('mobile', 'phone', { label: 'respondentMobile', optional: true, maxLength: 20 }),
  f('address', 'address', { label: 'respondentAddress', optional: true, maxLength: textLimits.address }),
  f('employer', 'partyName', { label: 'respondentEmployer', optional: true, maxLength: textLimits.employer, visible: (a) => !isOrganisation(a) }),
  f('idNumber', 'id', { label: 'respondentIdNumber', optional: true, maxLength: 18, visible: (a) => !isOrganisation(a) }),
  f('idNumber', 'code', { label: 'respondentCreditCode', optional: true, maxLength: 18, visible: isOrganisation }),
];

const has = (key: string, value: string) => (a: Answers) => Array.isArray(a[key]) && (a[key] as unknown[]).includes(value);

export const typeQuestions: Record<'private_loan' | 'labour' | 'traffic' | 'family' | 'property_service' | 'generic', FieldSpec[]> = {
  private_loan: [
    f('amount', 'amount', { label: 'loanAmount' }),
    f('lentOn', 'date'),
    pick('term', loanTerms, 'loanTerm', { label: 'loanTerm' }),
    f('dueDate', 'date', { visible: (a) => a.term === 'fixed_date' }),
    pick('interest', loanInterest, 'loanInterest', { label: 'loanInterest' }),
    f('interestRatePercent', 'rate', { visible: (a) => a.interest === 'agreed' }),
    f('repaidAmount', 'amount'),
    f('hasIou', 'yesno'),
  ],
  labour: [
    f('startedOn', 'date', { label: 'jobStartedOn' }),
    f('stillEmployed', 'yesno'),
    f('endedOn', 'date', { visible: (a) => a.stillEmployed === false }),
    f('monthlyWage', 'amount'),
    f('issues', 'multi', { label: 'labourIssues', options: labourIssues, optionSet: 'labourIssue' }),
    f('unpaidWages', 'amount', { visible: has('issues', 'unpaid_wages') }),
    f('hasContract', 'yesno'),
  ],
  traffic: [
    f('occurredOn', 'date', { label: 'accidentOn' }),
    f('place', 'address', { label: 'accidentPlace', maxLength: textLimits.accidentPlace }),
    f('policeReport', 'yesno'),
    pick('liability', liabilities, 'liability'),
    f('injured', 'yesno'),
    f('lossAmount', 'amount', { optional: true }),
  ],
  family: [
    pick('matter', familyMatters, 'familyMatter', { label: 'familyMatter' }),
    f('relationship', 'text', { label: 'familyRelationship', maxLength: textLimits.familyRelationship }),
    f('minorChildren', 'count', { maxLength: 2 }),
    f('propertyInvolved', 'yesno'),
  ],
  property_service: [
    pick('role', propertyRoles, 'propertyRole', { label: 'propertyRole' }),
    pick('matter', propertyMatters, 'propertyMatter', { label: 'propertyMatter' }),
    f('propertyAddress', 'address', { maxLength: textLimits.propertyAddress }),
    f('amount', 'amount', { label: 'propertyAmount', optional: true }),
  ],
  generic: [f('amount', 'amount', { label: 'disputeAmount', optional: true }), f('startedOn', 'date', { label: 'disputeStartedOn', optional: true })],
};

export function typeQuestionsFor(type: DisputeType | undefined): FieldSpec[] {
  if (!type) return [];
  return type in typeQuestions ? typeQuestions[type as keyof typeof typeQuestions] : typeQuestions.generic;
}

const later = (a: Answers) => a.mode === 'scheduled' || a.mode === 'in_person';
export const processFields: FieldSpec[] = [
  pick('mode', processModes, 'processMode', { label: 'processMode' }),
  f('timePreferences', 'multi', { options: timeSlots, optionSet: 'timeSlot', visible: later }),
  f('interpreter', 'yesno'),
  f('interpreterLanguage', 'text', { maxLength: textLimits.interpreterLanguage, visible: (a) => a.interpreter === true }),
  f('accessibility', 'multi', { options: accessibilityNeeds, optionSet: 'accessibility', optional: true }),
  f('accessibilityNote', 'text', { optional: true, maxLength: textLimits.accessibilityNote, visible: (a) => Array.isArray(a.accessibility) && a.accessibility.length > 0 }),
];

export const visibleFields = (specs: readonly FieldSpec[], answers: Answers, app: AppDraft): FieldSpec[] => specs.filter((s) => !s.visible || s.visible(answers, app));

/** Evidence items: what the paper is and what it shows. Photos are added with the camera. */
export const evidenceFields: FieldSpec[] = [
  f('name', 'text', { label: 'evidenceName', maxLength: textLimits.evidenceName }),
  f('proves', 'text', { label: 'evidenceProves', maxLength: textLimits.evidenceProves }),
];
