import { RESPONDENTS_MAX } from '../../../shared/application.js';
import { useTranslation } from 'react-i18next';
import { respondentFields } from '../questions.js';
import { FieldList } from '../fields/FieldList.js';
import { FieldError } from '../fields/FieldMessage.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/** The other side(s): one card each, at least one. */
export function RespondentsStep() {
  const { t, i18n } = useTranslation();
  const { context, answer } = useWizard();
  const list = context.application.respondents?.length ? context.application.respondents : [{ kind: 'person' }];
  const listError = context.errors.respondents ? translateErrorKey(i18n, context.errors.respondents) : null;
  const remove = (index: number) =>
    answer(
      'respondents',
      list.filter((_, i) => i !== index),
    );
  return (
    <WizardFrame step="respondents" title={t('steps.respondents.title')} intro={t('steps.respondents.intro')}>
      {list.map((r, i) => (
        <section key={i} className="item-card" aria-labelledby={`respondent-${i}-title`} data-testid={`respondent-${i}`}>
          <header className="item-card-header">
            <h2 id={`respondent-${i}-title`} className="item-card-title">
              {t('steps.respondents.item', { number: i + 1 })}
            </h2>
            {list.length > 1 && (
              <button type="button" className="button button-secondary" data-testid={`remove-respondent-${i}`} onClick={() => remove(i)}>
                {t('steps.respondents.remove')}
              </button>
            )}
          </header>
          <div className="form-grid">
            <FieldList specs={respondentFields} base={`respondents.${i}`} answers={{ kind: 'person', ...r }} application={context.application} errors={context.errors} onAnswer={answer} />
          </div>
        </section>
      ))}
      <FieldError path="respondents" message={listError} />
      {list.length < RESPONDENTS_MAX && (
        <button type="button" className="button button-secondary button-add" data-testid="add-respondent" onClick={() => answer('respondents', [...list, { kind: 'person' }])}>
          {t('steps.respondents.add')}
        </button>
      )}
    </WizardFrame>
  );
}
