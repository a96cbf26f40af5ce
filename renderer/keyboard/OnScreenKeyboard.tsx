import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisputeType } from '../../shared/disputeTypes.js';
import type { Language } from '../../shared/intake.js';
import { CandidateBar } from './CandidateBar.js';
import { AMOUNT_MAX_YUAN } from '../../shared/validators.js';
import { AMOUNT_MAX_WHOLE_DIGITS, editText, keyOutcome, padFor, type Key, type KeyRefusal, type TextSelection } from './keyEditing.js';
import { useFieldCaret } from './useFieldCaret.js';
import { afterRender, editBase, type UnrenderedEdit } from './unrenderedEdit.js';
import { useKeyboard, type ActiveField } from './keyboardContext.js';
import { learnsPicks } from './residentPicks.js';
import { LetterKeys } from './LetterKeys.js';
import { NumberPad } from './NumberPad.js';
import { holdsName } from '../wizard/questions.js';
import { rankingFor, topicFor, usePinyin } from './usePinyin.js';
import './keyboard.css';
import { LengthCount } from '../ui/LengthCount.js';

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
  /** The filing's dispute type, once chosen: the facts and the claims rank its words higher (usePinyin's topicFor). */
  disputeType?: DisputeType | null;
}

export function OnScreenKeyboard({ field, value, error, language, onChange, onDone, onSpeak, onAskStaff, disputeType }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const pad = padFor(field.kind);
  const [chinese, setChinese] = useState(language === 'zh-CN' && pad === 'letters');
  const [shift, setShift] = useState(false);
  const { picks } = useKeyboard();
  const pinyin = usePinyin(rankingFor(field.kind), learnsPicks(field.kind) ? (picks ?? null) : null, topicFor(field.kind, disputeType));

  // The last key a limit refused: said in words above the keys until the next key is taken.
  const [refused, setRefused] = useState<KeyRefusal | null>(null);
  // Free text is edited at the caret (a tap into the answer, or the arrows); formatted answers at the end.
  const atCaret = pad === 'letters';
  const caret = useFieldCaret(field.path, value, atCaret);
  type Edit = { value: string; sel: TextSelection };
  // The last edit not yet rendered (./unrenderedEdit.ts): a tap that lands before React has written
  // the previous one builds on it; a render that shows another value spends it.
  const unrendered = useRef<UnrenderedEdit<Edit> | null>(null);
  useLayoutEffect(() => {
    unrendered.current = afterRender(unrendered.current, value);
  });
  const here = (): Edit => editBase(unrendered.current, value, () => ({ value, sel: caret.current() }));
  const edit = (key: Key, base: Edit = here()): Edit => {
    const outcome = atCaret ? editText(base.value, base.sel, key, field.kind, field.maxLength) : { ...keyOutcome(base.value, key, field.kind, field.maxLength), caret: -1 };
    const at = atCaret ? outcome.caret : outcome.value.length;
    const next = { value: outcome.value, sel: { start: at, end: at } };
    setRefused(outcome.refused);
    if (outcome.value !== base.value) {
      unrendered.current = { from: value, edit: next };
      onChange(outcome.value);
    }
    if (atCaret) caret.place(at);
    return next;
  };
  const insert = (text: string, base?: Edit) => (text ? edit({ type: 'char', char: text }, base) : (base ?? here()));
  const counted = pad === 'letters';
  const limitMessage =
    refused === 'length'
      ? t('keyboard.limit.length', { max: field.maxLength })
      : refused === 'amountDigits'
        ? t('keyboard.limit.amountDigits', { digits: AMOUNT_MAX_WHOLE_DIGITS, yi: AMOUNT_MAX_YUAN / 1e8, max: AMOUNT_MAX_YUAN.toLocaleString('en') })
        : null;
  const pendingCommitted = (): Edit => insert(pinyin.commitAll());

  const onLetter = (letter: string) => {
    if (chinese) return pinyin.type(letter);
    insert(shift ? letter.toUpperCase() : letter);
    setShift(false);
  };
  const onOther = (char: string) => insert(char, pendingCommitted());
  const onBackspace = () => {
    if (!pinyin.backspace()) edit({ type: 'backspace' });
  };
  const onMove = (by: -1 | 1) => {
    const base = pendingCommitted();
    caret.place(editText(base.value, base.sel, { type: 'move', by }, field.kind, field.maxLength).caret);
  };
  const done = () => {
    pendingCommitted();
    onDone();
  };
  // The value line scrolls to keep the caret in sight (a typo early in a long account).
  const showCaret = (el: HTMLSpanElement | null) => {
    const line = el?.parentElement;
    if (el && line) line.scrollLeft = Math.max(0, el.offsetLeft - line.offsetLeft - line.clientWidth / 2);
  };

  return (
    <section className={`keyboard keyboard-${pad}`} aria-label={t('keyboard.label')} data-testid="keyboard" data-pad={pad} data-mode={chinese ? 'pinyin' : 'latin'}>
      <div className="keyboard-head">
        <div className="keyboard-field">
          <span className="keyboard-field-label">{field.label}</span>
          <output className="keyboard-value" data-testid="keyboard-value" aria-live="polite">
            {value.slice(0, caret.caret)}
            <span className="keyboard-caret" aria-hidden="true" ref={showCaret} />
            {value.slice(caret.caret)}
          </output>
          {counted && (
            <span className="keyboard-count" data-testid="keyboard-count" data-count={[...value].length} data-max={field.maxLength}>
              <LengthCount count={[...value].length} max={field.maxLength} />
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
      {pad === 'letters' && chinese && <CandidateBar pinyin={pinyin} onPick={(c, shownFor) => insert(pinyin.pick(c, shownFor))} />}
      {pad === 'letters' ? (
        <LetterKeys
          chinese={chinese}
          shift={shift}
          onLetter={onLetter}
          onOther={onOther}
          onSpace={() => (pinyin.letters ? pendingCommitted() : insert(' '))}
          onMove={atCaret ? onMove : undefined}
          onBackspace={onBackspace}
          onShift={() => setShift((s) => !s)}
          onRareCharacter={
            holdsName(field.kind) && onAskStaff
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
        <NumberPad pad={pad} onChar={(c) => edit({ type: 'char', char: c })} onBackspace={() => edit({ type: 'backspace' })} onClear={() => edit({ type: 'clear' })} />
      )}
    </section>
  );
}
