import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { translateErrorKey } from '../i18n/index.js';
import { useKeyboard } from '../keyboard/keyboardContext.js';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard.js';
import { readAloud } from '../speech/readAloud.js';
import { getAt } from './answerPaths.js';
import { useWizard } from './wizardView.js';

/** The on-screen keyboard for the answer being typed, kept in view above it. */
export function WizardKeyboard({ onAskStaff }: { onAskStaff?: () => void }) {
  const { i18n } = useTranslation();
  const { context, answer } = useWizard();
  const keyboard = useKeyboard();
  const active = keyboard.active;

  useEffect(() => {
    if (!active) return;
    const frame = requestAnimationFrame(() => document.querySelector(`[data-path="${CSS.escape(active.path)}"]`)?.scrollIntoView({ block: 'center' }));
    return () => cancelAnimationFrame(frame);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scroll when the field being typed changes, not on every keystroke
  }, [active?.path]);

  if (!active) return null;
  const value = getAt(context.application, active.path);
  const error = context.errors[active.path] ? translateErrorKey(i18n, context.errors[active.path]!) : null;
  return (
    <OnScreenKeyboard
      key={active.path}
      field={active}
      value={typeof value === 'string' ? value : ''}
      error={error}
      language={context.language}
      disputeType={context.application.disputeType}
      onChange={(v) => answer(active.path, v)}
      onDone={() => {
        keyboard.close();
        (document.activeElement as HTMLElement | null)?.blur();
      }}
      {...(onAskStaff ? { onAskStaff } : {})}
      onSpeak={() => readAloud([active.label, ...(error ? [error] : [])], context.language, context.elderly)}
    />
  );
}
