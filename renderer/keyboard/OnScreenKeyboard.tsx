import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';
import { CandidateBar } from './CandidateBar.js';
import { AMOUNT_MAX_YUAN } from '../../shared/validators.js';
import { AMOUNT_MAX_WHOLE_DIGITS, keyOutcome, padFor, type Key, type KeyRefusal } from './keyEditing.js';
import type { ActiveField } from './keyboardContext.js';
import { LetterKeys } from './LetterKeys.js';
import { NumberPad } from './NumberPad.js';
import { usePinyin } from './usePinyin.js';
import './keyboard.css';

// The kiosk's own keyboard (no OS keyboard, no simple-keyboard): a React component is simpler to
// size for elderly mode through the same CSS variables as every other target, keeps each key a
// real labelled <button> for screen readers and axe, and lets the pinyin candidate bar live in
// the same state as the keys. It docks at the bottom of the screen under the field being edited.

interface OnScreenKeyboardProps {
  field: ActiveField;
  value: string;
  error: string | null;
  language: Language;
  onChange: (value: string) => void;
  onDone: () => void;
  onSpeak: () => void;
  /** Asks staff to type a character the pinyin candidates do not offer (rare name characters). */
  onAskStaff?: () => void;
}

export function OnScreenKeyboard({ field, value, error, language, onChange, onDone, onSpeak, onAskStaff }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const pad = padFor(field.kind);
  const [chinese, setChinese] = useState(language === 'zh-CN' && pad === 'letters');
  const [shift, setShift] = useState(false);
  const pinyin = usePinyin(field.kind === 'name' ? 'name' : 'text');

  // The last key a limit refused: said in words above the keys until the next key is taken.
  const [refused, setRefused] = useState<KeyRefusal | null>(null);
  const press = (key: Key) => {
    const outcome = keyOutcome(value, key, field.kind, field.maxLength);
    setRefused(outcome.refused);
    onChange(outcome.value);
  };
  const append = (text: string, base = value) => {
    let next = base;
    let refusal: KeyRefusal | null = null;
    for (const char of text) {
      const outcome = keyOutcome(next, { type: 'char', char }, field.kind, field.maxLength);
      next = outcome.value;
      refusal ??= outcome.refused;
    }
    setRefused(refusal);
    onChange(next);
    return next;
  };
  const counted = pad === 'letters';
  const limitMessage =
    refused === 'length' ? t('keyboard.limit.length', { max: field.maxLength }) : refused === 'amountDigits' ? t('keyboard.limit.amountDigits', { digits: AMOUNT_MAX_WHOLE_DIGITS, yi: AMOUNT_MAX_YUAN / 1e8, max: AMOUNT_MAX_YUAN.toLocaleString('en') }) : null;
  const pendingCommitted = () => (pinyin.letters ? append(pinyin.commitBest()) : value);

  const onLetter = (letter: string) => {
    if (chinese) return pinyin.type(letter);
    append(shift ? letter.toUpperCase() : letter);
    setShift(false);
  };
  const onOther = (char: string) => append(char, pendingCommitted());
  const onBackspace = () => {
    if (!pinyin.backspace()) press({ type: 'backspace' });
  };
  const done = () => {
    pendingCommitted();
    onDone();
  };

  return (
    <section className={`keyboard keyboard-${pad}`} aria-label={t('keyboard.label')} data-testid="keyboard" data-pad={pad} data-mode={chinese ? 'pinyin' : 'latin'}>
      <div className="keyboard-head">
        <div className="keyboard-field">
          <span className="keyboard-field-label">{field.label}</span>
          <output className="keyboard-value" data-testid="keyboard-value" aria-live="polite">
            {value}
            <span className="keyboard-caret" aria-hidden="true" />
          </output>
          {counted && (
            <span className="keyboard-count" data-testid="keyboard-count" data-count={[...value].length} data-max={field.maxLength}>
              {t('fields.count', { count: [...value].length, max: field.maxLength })}
            </span>
          )}
          {limitMessage ? (
            <span className="keyboard-error" role="alert" data-testid="keyboard-limit">
              {limitMessage}
            </span>
          ) : (
            error && (
              <span className="keyboard-error" role="alert" data-testid="keyboard-error">
                {error}
              </span>
            )
          )}
        </div>
        <button type="button" className="button button-secondary button-speak" data-testid="keyboard-speak" onMouseDown={(e) => e.preventDefault()} onClick={onSpeak}>
          {t('speech.read')}
        </button>
        <button type="button" className="button button-primary keyboard-done" data-testid="key-done" onMouseDown={(e) => e.preventDefault()} onClick={done}>
          {t('keyboard.done')}
        </button>
      </div>
      {pad === 'letters' && chinese && <CandidateBar pinyin={pinyin} onPick={(c) => append(pinyin.pick(c))} />}
      {pad === 'letters' ? (
        <LetterKeys
          chinese={chinese}
          shift={shift}
          onLetter={onLetter}
          onOther={onOther}
          onSpace={() => (pinyin.letters ? append(pinyin.commitBest()) : append(' '))}
          onBackspace={onBackspace}
          onShift={() => setShift((s) => !s)}
          onRareCharacter={
            field.kind === 'name' && onAskStaff
              ? () => {
                  pendingCommitted();
                  onAskStaff();
                }
              : undefined
          }
          onToggleChinese={() => {
            pendingCommitted();
            setChinese((c) => !c);
          }}
        />
      ) : (
        <NumberPad pad={pad} onChar={(c) => press({ type: 'char', char: c })} onBackspace={() => press({ type: 'backspace' })} onClear={() => press({ type: 'clear' })} />
      )}
    </section>
  );
}
