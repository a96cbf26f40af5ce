import type { Language } from '../../shared/intake.js';
import { readAloud } from '../speech/readAloud.js';
import type { ActiveField } from './keyboardContext.js';
import { OnScreenKeyboard } from './OnScreenKeyboard.js';

// The kiosk keyboard docked under a small form of its own (not the wizard's draft): check-my-case,
// a party's name + ID ending. Done closes it and lets go of the field; the speaker reads the
// field's question, and its error if any. Each field gets a fresh keyboard (its own mode and IME).

interface FormKeyboardProps {
  field: ActiveField;
  value: string;
  error: string | null;
  language: Language;
  elderly: boolean;
  onChange: (value: string) => void;
  onClose: () => void;
}

export function FormKeyboard({ field, value, error, language, elderly, onChange, onClose }: FormKeyboardProps) {
  return (
    <OnScreenKeyboard
      key={field.path}
      field={field}
      value={value}
      error={error}
      language={language}
      onChange={onChange}
      onDone={() => {
        onClose();
        (document.activeElement as HTMLElement | null)?.blur();
      }}
      onSpeak={() => readAloud([field.label, ...(error ? [error] : [])], language, elderly)}
    />
  );
}
