import { useTranslation } from 'react-i18next';
import { languages } from '../../../shared/intake.js';
import { translateErrorKey } from '../../i18n/index.js';
import { FieldError } from '../fields/FieldMessage.js';
import { errorId } from '../fields/fieldIds.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

const languageLabel = { 'zh-CN': 'language.zh', en: 'language.en' } as const;

/** First screen: the language to continue in, standard or elderly (长辈) mode, and the short or the full form. */
export function PreferencesStep() {
  const { t, i18n } = useTranslation();
  const { context, send, answer } = useWizard();
  const path = context.application.shortPath;
  const pathError = context.errors.shortPath ?? null;
  return (
    <WizardFrame step="preferences" title={t('steps.preferences.title')} intro={t('steps.preferences.intro')}>
      <fieldset className="field field-choice">
        <legend className="field-label">{t('steps.preferences.language')}</legend>
        <div className="choice-grid choice-grid-2">
          {languages.map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              className={`button button-toggle choice-option choice-large${context.language === lang ? ' is-selected' : ''}`}
              aria-pressed={context.language === lang}
              data-testid={`pref-lang-${lang}`}
              onClick={() => send({ type: 'LANGUAGE', language: lang })}
            >
              {t(languageLabel[lang])}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="field field-choice">
        <legend className="field-label">{t('steps.preferences.display')}</legend>
        <div className="choice-grid choice-grid-2">
          {[false, true].map((on) => (
            <button
              key={String(on)}
              type="button"
              className={`button button-toggle choice-option choice-large${context.elderly === on ? ' is-selected' : ''}`}
              aria-pressed={context.elderly === on}
              data-testid={on ? 'pref-elderly' : 'pref-standard'}
              onClick={() => send({ type: 'ELDERLY', on })}
            >
              <span className="choice-title">{t(on ? 'steps.preferences.elderly' : 'steps.preferences.standard')}</span>
              <span className="choice-note">{t(on ? 'steps.preferences.elderlyNote' : 'steps.preferences.standardNote')}</span>
            </button>
          ))}
        </div>
      </fieldset>
      {/* Nothing chosen until the resident taps: "next" without an answer brings this question into view with what to do.
          In elderly mode the short form is marked as the one that suits them (its name says so too), still not chosen. */}
      <fieldset className={`field field-choice${pathError ? ' has-error' : ''}`} aria-describedby={pathError ? errorId('shortPath') : undefined} data-testid="field-shortPath">
        <legend className="field-label">{t('steps.preferences.path')}</legend>
        <div className="choice-grid choice-grid-2">
          {[true, false].map((on) => (
            <button
              key={String(on)}
              type="button"
              className={`button button-toggle choice-option choice-large${path === on ? ' is-selected' : ''}`}
              aria-pressed={path === on}
              data-path={on ? 'shortPath' : undefined}
              data-testid={on ? 'pref-short' : 'pref-full'}
              onClick={() => answer('shortPath', on)}
            >
              {on && context.elderly ? (
                <span className="choice-badge" data-testid="pref-short-recommended">
                  {t('steps.preferences.recommended')}
                </span>
              ) : null}
              <span className="choice-title">{t(on ? 'steps.preferences.short' : 'steps.preferences.full')}</span>
              <span className="choice-note">{t(on ? 'steps.preferences.shortNote' : 'steps.preferences.fullNote')}</span>
            </button>
          ))}
        </div>
        <FieldError path="shortPath" message={pathError ? translateErrorKey(i18n, pathError) : null} />
      </fieldset>
    </WizardFrame>
  );
}
