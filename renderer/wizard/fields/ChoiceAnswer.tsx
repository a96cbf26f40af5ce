import { useTranslation } from 'react-i18next';
import { FieldError } from './FieldMessage.js';
import { domId, errorId, hintId } from './fieldIds.js';
import './fields.css';

interface ChoiceAnswerProps {
  path: string;
  label: string;
  hint: string | null;
  options: readonly { value: string | boolean; label: string; disabled?: boolean }[];
  /** One value, or several for a multiple choice. */
  value: unknown;
  multiple?: boolean;
  optional?: boolean;
  error: string | null;
  /** Two equal columns (the only fixed layout the stylesheet has); otherwise as many as fit. */
  columns?: 2;
  onChange: (value: unknown) => void;
}

/** Big toggle buttons in a fieldset: one tap chooses (or, for several, adds or removes). */
export function ChoiceAnswer({ path, label, hint, options, value, multiple, optional, error, columns, onChange }: ChoiceAnswerProps) {
  const { t } = useTranslation();
  const chosen = (v: string | boolean) => (multiple ? Array.isArray(value) && value.includes(v) : value === v);
  const toggle = (v: string | boolean) => {
    if (!multiple) return onChange(v);
    const list = Array.isArray(value) ? (value as unknown[]) : [];
    onChange(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  };
  const describedBy = [hint ? hintId(path) : null, error ? errorId(path) : null].filter(Boolean).join(' ') || undefined;
  const focusIndex = Math.max(
    0,
    options.findIndex((o) => chosen(o.value)),
  );
  return (
    <fieldset className={`field field-choice${error ? ' has-error' : ''}`} aria-describedby={describedBy} data-testid={`field-${path}`}>
      <legend className="field-label" id={`label-${domId(path)}`}>
        {label}
        {optional && <span className="field-optional">{t('fields.optional')}</span>}
      </legend>
      {hint && (
        <p className="field-hint" id={hintId(path)}>
          {hint}
        </p>
      )}
      <div className={columns === 2 ? 'choice-grid choice-grid-2' : 'choice-grid'}>
        {options.map((o, i) => (
          <button
            key={String(o.value)}
            type="button"
            className={`button button-toggle choice-option${chosen(o.value) ? ' is-selected' : ''}`}
            aria-pressed={chosen(o.value)}
            data-path={i === focusIndex ? path : undefined}
            data-testid={`choice-${path}-${String(o.value)}`}
            disabled={o.disabled}
            onClick={() => toggle(o.value)}
          >
            {o.label}
          </button>
        ))}
      </div>
      <FieldError path={path} message={error} />
    </fieldset>
  );
}
