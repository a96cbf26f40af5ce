import { useTranslation } from 'react-i18next';
import { ethnicityCodes } from '../../shared/application.js';
import { translateErrorKey } from '../i18n/index.js';
import { visibleFields, type AppDraft, type FieldSpec } from '../wizard/questions.js';

// The wizard's questions (renderer/wizard/questions.ts) as a clerk's keyboard form: native inputs
// and selects in Tab order, each error right under its field and tied to it for screen readers.

interface CounterFieldsProps {
  specs: readonly FieldSpec[];
  base: string;
  answers: Record<string, unknown>;
  application: AppDraft;
  errors: Record<string, string>;
  onAnswer: (path: string, value: unknown) => void;
}

const fieldId = (path: string) => `counter-${path.replaceAll('.', '-')}`;

export function CounterFields({ specs, base, answers, application, errors, onAnswer }: CounterFieldsProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="counter-fields">
      {visibleFields(specs, answers, application).map((spec) => {
        const path = base ? `${base}.${spec.key}` : spec.key;
        const id = fieldId(path);
        const error = errors[path] ? translateErrorKey(i18n, errors[path]) : null;
        const value = answers[spec.key];
        const described = error ? { 'aria-describedby': `${id}-error`, 'aria-invalid': true } : {};
        const label = (
          <label className="counter-label" htmlFor={id}>
            {t(`fields.${spec.label}.label`)}
            {spec.optional && <span className="counter-optional"> {t('fields.optional')}</span>}
          </label>
        );
        let control;
        if (spec.kind === 'choice' || spec.kind === 'yesno' || spec.kind === 'ethnicity') {
          const options: Array<{ value: string; label: string }> =
            spec.kind === 'yesno'
              ? [
                  { value: 'true', label: t('options.yesNo.yes') },
                  { value: 'false', label: t('options.yesNo.no') },
                ]
              : spec.kind === 'ethnicity'
                ? ethnicityCodes.map((code) => ({ value: code, label: t(`ethnicity.${code}`) }))
                : (spec.options ?? []).map((o) => ({ value: o, label: t(`options.${spec.optionSet}.${o}`) }));
          control = (
            <select
              id={id}
              className="counter-input"
              data-testid={`counter-field-${path}`}
              value={typeof value === 'string' || typeof value === 'boolean' ? String(value) : ''}
              onChange={(e) => onAnswer(path, e.target.value === '' ? undefined : spec.kind === 'yesno' ? e.target.value === 'true' : e.target.value)}
              {...described}
            >
              <option value="">{t('counter.choose')}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        } else if (spec.kind === 'multi') {
          const chosen = Array.isArray(value) ? (value as string[]) : [];
          return (
            <fieldset key={`${path}/${spec.label}`} className={`counter-field counter-multi${error ? ' has-error' : ''}`} {...described}>
              <legend className="counter-label">{t(`fields.${spec.label}.label`)}</legend>
              {(spec.options ?? []).map((o) => (
                <label key={o} className="counter-check">
                  <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => onAnswer(path, e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} />
                  {t(`options.${spec.optionSet}.${o}`)}
                </label>
              ))}
              {error && (
                <p className="counter-error" id={`${id}-error`}>
                  {error}
                </p>
              )}
            </fieldset>
          );
        } else if (spec.kind === 'multiline') {
          control = (
            <textarea
              id={id}
              className="counter-input counter-textarea"
              rows={4}
              maxLength={spec.maxLength}
              data-testid={`counter-field-${path}`}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onAnswer(path, e.target.value)}
              {...described}
            />
          );
        } else {
          control = (
            <input
              id={id}
              className="counter-input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={spec.kind === 'date' ? 10 : (spec.maxLength ?? 50)}
              placeholder={spec.kind === 'date' ? 'YYYY-MM-DD' : undefined}
              data-testid={`counter-field-${path}`}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onAnswer(path, e.target.value)}
              {...described}
            />
          );
        }
        return (
          <div key={`${path}/${spec.label}`} className={`counter-field${error ? ' has-error' : ''}`}>
            {label}
            {control}
            {error && (
              <p className="counter-error" id={`${id}-error`} data-testid={`counter-error-${path}`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
