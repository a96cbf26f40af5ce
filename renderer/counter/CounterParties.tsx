import { useTranslation } from 'react-i18next';
import { RESPONDENTS_MAX } from '../../shared/application.js';
import { personContact, personIdentity, respondentFields, type AppDraft } from '../wizard/questions.js';
import type { CardTarget } from './counterForm.js';
import { CounterFields } from './CounterFields.js';

// The two party screens: the applicant (usually read from their ID card) and the respondents.

interface PartyProps {
  app: AppDraft;
  errors: Record<string, string>;
  onAnswer: (path: string, value: unknown) => void;
  onReadCard: ((target: CardTarget) => void) | null;
  cardPhoto: { target: string; dataUrl: string } | null;
}

function CardButton({ target, onReadCard, label }: { target: CardTarget; onReadCard: PartyProps['onReadCard']; label: string }) {
  const { t } = useTranslation();
  if (!onReadCard) return null;
  return (
    <button
      type="button"
      className="button button-secondary counter-read-card"
      data-testid={`counter-read-card-${target.party}${target.party === 'respondent' ? `-${target.index}` : ''}`}
      onClick={() => onReadCard(target)}
    >
      {t('counter.card.read')}
      <span className="visually-hidden"> {label}</span>
    </button>
  );
}

function CardPhoto({ photo, target }: { photo: PartyProps['cardPhoto']; target: string }) {
  const { t } = useTranslation();
  if (!photo || photo.target !== target) return null;
  return <img className="counter-card-photo" src={photo.dataUrl} alt={t('counter.card.photo')} data-testid="counter-card-photo" />;
}

export function ApplicantForm({ app, errors, onAnswer, onReadCard, cardPhoto }: PartyProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="counter-party-head">
        <CardButton target={{ party: 'applicant' }} onReadCard={onReadCard} label={t('counter.steps.applicant')} />
        <CardPhoto photo={cardPhoto} target="applicant" />
      </div>
      <CounterFields specs={[...personIdentity, ...personContact]} base="applicant" answers={app.applicant ?? {}} application={app} errors={errors} onAnswer={onAnswer} />
    </>
  );
}

export function RespondentsForm({ app, errors, onAnswer, onReadCard, cardPhoto, onAdd, onRemove }: PartyProps & { onAdd: () => void; onRemove: (index: number) => void }) {
  const { t } = useTranslation();
  const respondents = app.respondents ?? [];
  return (
    <>
      {respondents.map((r, i) => (
        <fieldset key={i} className="counter-party">
          <legend className="counter-subtitle">{t('counter.respondentN', { n: i + 1 })}</legend>
          <div className="counter-party-head">
            <CardButton target={{ party: 'respondent', index: i }} onReadCard={onReadCard} label={t('counter.respondentN', { n: i + 1 })} />
            <CardPhoto photo={cardPhoto} target={`respondent-${i}`} />
            {respondents.length > 1 && (
              <button type="button" className="button button-secondary" onClick={() => onRemove(i)}>
                {t('counter.removeRespondent')}
              </button>
            )}
          </div>
          <CounterFields specs={respondentFields} base={`respondents.${i}`} answers={r} application={app} errors={errors} onAnswer={onAnswer} />
        </fieldset>
      ))}
      {respondents.length < RESPONDENTS_MAX && (
        <button type="button" className="button button-secondary" data-testid="counter-add-respondent" onClick={onAdd}>
          {t('counter.addRespondent')}
        </button>
      )}
    </>
  );
}
