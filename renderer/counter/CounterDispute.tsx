import { useTranslation } from 'react-i18next';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { translateErrorKey } from '../i18n/index.js';
import { evidenceFields, processFields, typeQuestionsFor, type AppDraft } from '../wizard/questions.js';
import { CounterFields } from './CounterFields.js';

// The claim & facts screen (type, its questions, claims one per line, facts, how to mediate) and
// the evidence screen (each item with photos of the documents through the camera).

interface DisputeProps {
  app: AppDraft;
  errors: Record<string, string>;
  onAnswer: (path: string, value: unknown) => void;
}

export function ClaimsForm({ app, errors, onAnswer }: DisputeProps) {
  const { t, i18n } = useTranslation();
  const err = (path: string) => (errors[path] ? translateErrorKey(i18n, errors[path]) : null);
  const claimsError = err('claims') ?? err('claims.0');
  const factsError = err('facts');
  return (
    <>
      <div className={`counter-field${err('disputeType') ? ' has-error' : ''}`}>
        <label className="counter-label" htmlFor="counter-disputeType">
          {t('counter.disputeType')}
        </label>
        <select
          id="counter-disputeType"
          className="counter-input"
          data-testid="counter-field-disputeType"
          value={app.disputeType ?? ''}
          onChange={(e) => {
            onAnswer('typeAnswers', {});
            onAnswer('disputeType', e.target.value === '' ? undefined : e.target.value);
          }}
          aria-invalid={err('disputeType') ? true : undefined}
          aria-describedby={err('disputeType') ? 'counter-disputeType-error' : undefined}
        >
          <option value="">{t('counter.choose')}</option>
          {disputeTypes.map((d) => (
            <option key={d} value={d}>
              {t(`disputeTypes.${d}`)}
            </option>
          ))}
        </select>
        {err('disputeType') && (
          <p className="counter-error" id="counter-disputeType-error">
            {err('disputeType')}
          </p>
        )}
      </div>
      <CounterFields specs={typeQuestionsFor(app.disputeType)} base="typeAnswers" answers={app.typeAnswers ?? {}} application={app} errors={errors} onAnswer={onAnswer} />
      <div className={`counter-field${claimsError ? ' has-error' : ''}`}>
        <label className="counter-label" htmlFor="counter-claims">
          {t('counter.claims')}
        </label>
        <textarea
          id="counter-claims"
          className="counter-input counter-textarea"
          rows={3}
          data-testid="counter-field-claims"
          value={(app.claims ?? []).join('\n')}
          onChange={(e) => onAnswer('claims', e.target.value.split('\n'))}
          aria-invalid={claimsError ? true : undefined}
          aria-describedby={claimsError ? 'counter-claims-error' : 'counter-claims-hint'}
        />
        <p className="counter-hint" id="counter-claims-hint">
          {t('counter.claimsHint')}
        </p>
        {claimsError && (
          <p className="counter-error" id="counter-claims-error">
            {claimsError}
          </p>
        )}
      </div>
      <div className={`counter-field${factsError ? ' has-error' : ''}`}>
        <label className="counter-label" htmlFor="counter-facts">
          {t('counter.facts')}
        </label>
        <textarea
          id="counter-facts"
          className="counter-input counter-textarea"
          rows={5}
          data-testid="counter-field-facts"
          value={app.facts ?? ''}
          onChange={(e) => onAnswer('facts', e.target.value)}
          aria-invalid={factsError ? true : undefined}
          aria-describedby={factsError ? 'counter-facts-error' : undefined}
        />
        {factsError && (
          <p className="counter-error" id="counter-facts-error">
            {factsError}
          </p>
        )}
      </div>
      <CounterFields specs={processFields} base="process" answers={app.process ?? {}} application={app} errors={errors} onAnswer={onAnswer} />
    </>
  );
}

export function EvidenceForm({ app, errors, onAnswer, onPhoto }: DisputeProps & { onPhoto: (index: number) => void }) {
  const { t } = useTranslation();
  const items = app.evidence ?? [];
  return (
    <>
      {items.length === 0 && <p className="counter-intro">{t('counter.evidenceNone')}</p>}
      {items.map((item, i) => (
        <fieldset key={i} className="counter-party">
          <legend className="counter-subtitle">{t('counter.evidenceN', { n: i + 1 })}</legend>
          <CounterFields specs={evidenceFields} base={`evidence.${i}`} answers={item} application={app} errors={errors} onAnswer={onAnswer} />
          <p className="counter-hint" data-testid={`counter-photos-${i}`}>
            {t('counter.photos', { count: item.photos?.length ?? 0 })}
          </p>
          <button type="button" className="button button-secondary" data-testid={`counter-photo-${i}`} onClick={() => onPhoto(i)}>
            {t('counter.takePhoto')}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button button-secondary" data-testid="counter-add-evidence" onClick={() => onAnswer(`evidence.${items.length}`, { name: '', proves: '', photos: [] })}>
        {t('counter.addEvidence')}
      </button>
    </>
  );
}
