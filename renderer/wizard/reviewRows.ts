import type { i18n as I18n } from 'i18next';
import { getAt, isBlank } from './answerPaths.js';
import {
  agentFields,
  evidenceFields,
  organisationContact,
  organisationIdentity,
  personContact,
  personIdentity,
  processFields,
  respondentFields,
  typeQuestionsFor,
  visibleFields,
  type AppDraft,
  type FieldSpec,
} from './questions.js';
import type { Step } from './stepNavigation.js';

// The review screen's content: every answer as (section, label, value, the step that edits it),
// in the order the resident gave them. Values are shown as the resident chose them (option
// labels, 是/否), not as stored codes.

interface ReviewRow {
  path: string;
  step: Step;
  label: string;
  value: string;
}

interface ReviewSection {
  id: string;
  title: string;
  rows: ReviewRow[];
  /** What the short path leaves to the mediator or staff: listed, not editable here. */
  asked?: string[];
}

export function reviewSections(app: AppDraft, i18n: I18n): ReviewSection[] {
  return app.shortPath === true ? shortReviewSections(app, i18n) : fullReviewSections(app, i18n);
}

const askedLater = ['identity', 'where', 'details', 'evidence', 'process'] as const;

/** The short path's review: its own answers, then what the mediator or staff will ask. */
function shortReviewSections(app: AppDraft, i18n: I18n): ReviewSection[] {
  const t = i18n.t.bind(i18n);
  const notAnswered = t('review.notAnswered');
  const value = (v: string | undefined) => (isBlank(v) ? notAnswered : v!);
  const full = fullReviewSections(app, i18n);
  const claims = full.find((s) => s.id === 'claims')!;
  return [
    full.find((s) => s.id === 'consents')!,
    {
      id: 'who',
      title: t('steps.shortWho.title'),
      rows: [
        { path: 'applicant.name', step: 'shortWho', label: t('fields.name.label'), value: value(app.applicant?.name) },
        { path: 'applicant.mobile', step: 'shortWho', label: t('fields.mobile.label'), value: value(app.applicant?.mobile) },
        // the kind is sent too (a person unless the resident said otherwise): shown as sent
        {
          path: 'respondents.0.kind',
          step: 'shortWho',
          label: t('fields.respondentKind.label'),
          value: t(`options.partyKind.${app.respondents?.[0]?.kind === 'organisation' ? 'organisation' : 'person'}`),
        },
        { path: 'respondents.0.name', step: 'shortWho', label: t('fields.respondentName.label'), value: value(app.respondents?.[0]?.name) },
        ...(isBlank(app.respondents?.[0]?.mobile) ? [] : [{ path: 'respondents.0.mobile', step: 'shortWho' as const, label: t('fields.respondentMobile.label'), value: app.respondents![0]!.mobile! }]),
      ],
    },
    { id: 'dispute', title: t('review.sections.dispute'), rows: [full.find((s) => s.id === 'dispute')!.rows[0]!] },
    { ...claims, rows: [...claims.rows.filter((r) => r.step === 'facts'), ...claims.rows.filter((r) => r.step === 'claims')] },
    { id: 'asked', title: t('review.sections.asked'), rows: [], asked: askedLater.map((k) => t(`review.askedLater.${k}`)) },
  ];
}

function fullReviewSections(app: AppDraft, i18n: I18n): ReviewSection[] {
  const t = i18n.t.bind(i18n);
  const notAnswered = t('review.notAnswered');
  const show = (spec: FieldSpec, value: unknown): string => {
    if (isBlank(value)) return notAnswered;
    switch (spec.kind) {
      case 'choice':
        return t(`options.${spec.optionSet}.${String(value)}`);
      case 'multi':
        return (value as string[]).map((v) => t(`options.${spec.optionSet}.${v}`)).join(t('review.listSeparator'));
      case 'yesno':
        return t(value === true ? 'options.yesNo.yes' : 'options.yesNo.no');
      case 'ethnicity':
        return t(`ethnicity.${String(value)}`);
      case 'amount':
        return t('review.amount', { amount: String(value) });
      case 'rate':
        return t('review.rate', { rate: String(value) });
      default:
        return String(value);
    }
  };
  const rows = (step: Step, specs: readonly FieldSpec[], base: string, labelOf = (s: FieldSpec) => t(`fields.${s.label}.label`)): ReviewRow[] => {
    const answers = (getAt(app, base) ?? {}) as Record<string, unknown>;
    return visibleFields(specs, answers, app).map((spec) => ({ path: `${base}.${spec.key}`, step, label: labelOf(spec), value: show(spec, answers[spec.key]) }));
  };
  const consent = (which: 'privacy' | 'onlineMediation') => {
    const accepted = app.consents?.[which]?.accepted;
    return accepted === undefined ? notAnswered : t(accepted ? 'review.consentGiven' : 'review.consentRefused');
  };
  const organisation = app.applicant?.kind === 'organisation';
  const respondents = app.respondents?.length ? app.respondents : [{}];
  const claims = app.claims?.length ? app.claims : [''];

  return [
    {
      id: 'consents',
      title: t('review.sections.consents'),
      rows: [
        { path: 'consents.privacy', step: 'privacy', label: t('steps.privacy.title'), value: consent('privacy') },
        { path: 'consents.onlineMediation', step: 'onlineConsent', label: t('steps.onlineConsent.title'), value: consent('onlineMediation') },
      ],
    },
    {
      id: 'applicant',
      title: t('review.sections.applicant'),
      rows: [
        { path: 'applicant.kind', step: 'applicantKind', label: t('fields.applicantKind.label'), value: app.applicant?.kind ? t(`options.applicantKind.${app.applicant.kind}`) : notAnswered },
        ...rows('applicantIdentity', organisation ? organisationIdentity : personIdentity, 'applicant'),
        ...rows('applicantContact', organisation ? organisationContact : personContact, 'applicant'),
      ],
    },
    {
      id: 'agent',
      title: t('review.sections.agent'),
      rows: [
        { path: 'hasAgent', step: 'agent', label: t('fields.hasAgent.label'), value: app.hasAgent === undefined ? notAnswered : t(app.hasAgent ? 'options.hasAgent.yes' : 'options.hasAgent.no') },
        ...(app.hasAgent ? rows('agent', agentFields, 'agent') : []),
      ],
    },
    ...respondents.map((_, i) => ({ id: `respondent-${i}`, title: t('review.sections.respondent', { number: i + 1 }), rows: rows('respondents', respondentFields, `respondents.${i}`) })),
    {
      id: 'dispute',
      title: t('review.sections.dispute'),
      rows: [
        { path: 'disputeType', step: 'disputeType', label: t('fields.disputeType.label'), value: app.disputeType ? t(`disputeTypes.${app.disputeType}`) : notAnswered },
        ...rows('typeQuestions', typeQuestionsFor(app.disputeType), 'typeAnswers'),
      ],
    },
    {
      id: 'claims',
      title: t('review.sections.claims'),
      rows: [
        ...claims.map((c, i) => ({ path: `claims.${i}`, step: 'claims' as const, label: t('fields.claim.label', { number: i + 1 }), value: isBlank(c) ? notAnswered : c })),
        { path: 'facts', step: 'facts', label: t('fields.facts.label'), value: isBlank(app.facts) ? notAnswered : app.facts! },
      ],
    },
    {
      id: 'evidence',
      title: t('review.sections.evidence'),
      rows: (app.evidence ?? []).length
        ? (app.evidence ?? []).flatMap((item, i) => [
            ...rows('evidence', evidenceFields, `evidence.${i}`, (s) => `${t('steps.evidence.item', { number: i + 1 })} · ${t(`fields.${s.label}.label`)}`),
            {
              path: `evidence.${i}.photos`,
              step: 'evidence' as const,
              label: `${t('steps.evidence.item', { number: i + 1 })} · ${t('review.photos')}`,
              value: t('review.photoCount', { count: item.photos?.length ?? 0 }),
            },
          ])
        : [{ path: 'evidence', step: 'evidence', label: t('review.sections.evidence'), value: t('review.noEvidence') }],
    },
    { id: 'process', title: t('review.sections.process'), rows: rows('process', processFields, 'process') },
  ];
}
