import type { HTMLAttributes } from 'react';

interface TextFieldProps {
  name: 'applicantName' | 'mobile' | 'description';
  label: string;
  hint: string;
  value: string;
  error: string | null;
  disabled: boolean;
  maxLength: number;
  multiline?: boolean;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  footnote?: string;
  inputRef: (element: HTMLElement | null) => void;
  onChange: (value: string) => void;
}

/** A labelled text input (or textarea) with its hint and, when wrong, what to fix. */
export function TextField({ name, label, hint, value, error, disabled, maxLength, multiline, inputMode, footnote, inputRef, onChange }: TextFieldProps) {
  const id = `input-${name}`;
  const describedBy = [`hint-${name}`, footnote ? `footnote-${name}` : null, error ? `error-${name}` : null].filter(Boolean).join(' ');
  const common = {
    id,
    name,
    value,
    disabled,
    maxLength,
    autoComplete: 'off',
    autoCorrect: 'off',
    autoCapitalize: 'off',
    spellCheck: false,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    'data-testid': `field-${name}`,
  } as const;
  return (
    <div className={`field field-${name}${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <p className="field-hint" id={`hint-${name}`}>
        {hint}
      </p>
      {multiline ? (
        <textarea {...common} ref={inputRef} className="input textarea" rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} ref={inputRef} className="input" type="text" inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
      )}
      {footnote && (
        <p className="field-footnote" id={`footnote-${name}`}>
          {footnote}
        </p>
      )}
      {error && (
        <p className="field-error" id={`error-${name}`} role="alert" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}
