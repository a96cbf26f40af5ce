import { useTranslation } from 'react-i18next';
import type { FieldKind } from '../questions.js';
import { useKeyboard } from '../../keyboard/keyboardContext.js';
import { FieldError } from './FieldMessage.js';
import { errorId, hintId, inputId } from './fieldIds.js';
import './fields.css';
import { LengthCount } from '../../ui/LengthCount.js';

interface TextAnswerProps {
  path: string;
  kind: FieldKind;
  label: string;
  hint: string | null;
  value: string;
  error: string | null;
  optional?: boolean;
  maxLength: number;
  onChange: (value: string) => void;
}

/**
 * A typed answer. Tapping it docks the on-screen keyboard under it; `inputMode="none"` keeps any
 * OS keyboard away. A hardware keyboard (staff helping) still types into it.
 */
export function TextAnswer({ path, kind, label, hint, value, error, optional, maxLength, onChange }: TextAnswerProps) {
  const { t } = useTranslation();
  const keyboard = useKeyboard();
  const editing = keyboard.active?.path === path;
  const open = () => keyboard.open({ path, kind, label, maxLength });
  const describedBy = [hint ? hintId(path) : null, error ? errorId(path) : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id: inputId(path),
    value,
    maxLength: kind === 'date' ? 10 : maxLength,
    inputMode: 'none' as const,
    autoComplete: 'off',
    autoCorrect: 'off',
    autoCapitalize: 'off',
    spellCheck: false,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    'data-path': path,
    'data-testid': `field-${path}`,
    onFocus: open,
    onClick: open,
  } as const;
  return (
    <div className={`field field-text${error ? ' has-error' : ''}${editing ? ' is-editing' : ''}`}>
      <label className="field-label" htmlFor={inputId(path)}>
        {label}
        {optional && <span className="field-optional">{t('fields.optional')}</span>}
      </label>
      {hint && (
        <p className="field-hint" id={hintId(path)}>
          {hint}
        </p>
      )}
      {kind === 'multiline' ? (
        <>
          <textarea {...common} className="input textarea" rows={4} onChange={(e) => onChange(e.target.value)} />
          {/* A long answer shows its limit before it bites (the keyboard refuses past it, and says so). */}
          <p className="field-count" data-testid={`count-${path}`}>
            <LengthCount count={[...value].length} max={maxLength} />
          </p>
        </>
      ) : (
        <input {...common} className={`input input-${kind}`} type="text" onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldError path={path} message={error} />
    </div>
  );
}
