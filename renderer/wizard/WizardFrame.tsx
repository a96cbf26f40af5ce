import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';
import { progressOf, type Step } from './stepNavigation.js';
import { translateErrorKey } from '../i18n/index.js';
import { readAloud } from '../speech/readAloud.js';
import { showFirstProblem } from '../ui/firstProblem.js';
import { ScrollArea } from '../ui/ScrollArea.js';
import { useWizard } from './wizardView.js';
import './fields/fields.css';
import './wizard.css';

interface WizardFrameProps {
  step: Step;
  title: string;
  intro?: string;
  /** The questions on the screen, read aloud after title and intro. */
  speech?: readonly string[];
  nextLabel?: string;
  /** Hide "next" where the screen's own buttons move on (consents). */
  hideNext?: boolean;
  /**
   * The screen's own buttons that move on (a consent's "agree"), in the action bar beside "back":
   * where "next" always is, and never under the fold of a short display.
   */
  actions?: ReactNode;
  busy?: boolean;
  onNext?: () => void;
  children: ReactNode;
}

/**
 * The frame of every question screen: where the resident is, the question, a "read to me" button,
 * and back / next. After a refused "next" it takes the resident to the first thing to fix (and,
 * in elderly mode, reads what is wrong); an edit from the review lands on the field asked for.
 */
export function WizardFrame({ step, title, intro, speech = [], nextLabel, hideNext, actions, busy, onNext, children }: WizardFrameProps) {
  const { t, i18n } = useTranslation();
  const { context, send, talkToPerson } = useWizard();
  const scrollRef = useRef<HTMLDivElement>(null);
  const errorTexts = Object.values(context.errors).map((key) => translateErrorKey(i18n, key));
  const formError = context.formError ? translateErrorKey(i18n, context.formError) : null;
  const { index, total } = progressOf(step, context.application);
  // Speech follows the language the text is in (i18n switches a moment after the resident's choice).
  const spokenLanguage: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const read = (extra: readonly string[] = []) => readAloud([title, intro ?? '', ...speech, ...extra], spokenLanguage, context.elderly);

  // Elderly mode reads each new screen's question on arrival (and again in a newly chosen language).
  useEffect(() => {
    if (context.elderly) readAloud([title, intro ?? ''], spokenLanguage, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read on arrival and on a mode or language change, not whenever the texts re-render
  }, [step, context.elderly, spokenLanguage]);

  useEffect(() => {
    const path = context.focusPath;
    if (!path) return;
    // The whole screen: a consent's answer sits in the action bar, outside the scrolling area.
    const target = scrollRef.current?.parentElement?.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
    send({ type: 'FOCUSED' });
  }, [context.focusPath, send]);

  const firstRevision = useRef(context.errorRevision);
  useEffect(() => {
    if (context.errorRevision === firstRevision.current) return;
    // The whole step, the action bar included (a consent's answers stand there).
    const screen = scrollRef.current?.parentElement ?? scrollRef.current;
    if (screen) showFirstProblem(screen);
    if (context.elderly) readAloud([...errorTexts, ...(formError ? [formError] : [])], spokenLanguage, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per validation round (errorRevision); the texts are read as they are then
  }, [context.errorRevision]);

  return (
    <section className={`screen screen-step step-${step}`} aria-labelledby="step-title" data-step={step} data-testid={`step-${step}`}>
      <ScrollArea className="step-scroll" areaRef={scrollRef} screenKey={step}>
        <header className="step-header">
          <p className="step-progress" data-testid="step-progress">
            {total === null ? t('wizard.progressUnchosen', { index }) : t('wizard.progress', { index, total })}
          </p>
          <div className="step-title-row">
            <h1 id="step-title" className="screen-title">
              {title}
            </h1>
            <button type="button" className="button button-secondary button-speak" data-testid="read-aloud" onClick={() => read([...errorTexts, ...(formError ? [formError] : [])])}>
              {t('speech.read')}
            </button>
            <button type="button" className="button button-secondary button-talk" data-testid="talk-to-person" disabled={busy} onClick={() => talkToPerson(step)}>
              {t('wizard.talkToPerson')}
            </button>
          </div>
          {intro && <p className="screen-intro">{intro}</p>}
        </header>
        <div className="step-body">{children}</div>
      </ScrollArea>
      <div className="action-bar">
        {formError && (
          <p className="form-error" role="alert" data-testid="form-error">
            {formError}
          </p>
        )}
        <div className="action-buttons">
          <button type="button" className="button button-secondary" data-testid="back" disabled={busy} onClick={() => send({ type: 'BACK' })}>
            {context.reviewing && step !== 'review' && step !== 'signature' ? t('wizard.backToReview') : t('wizard.back')}
          </button>
          {!hideNext && (
            <button type="button" className="button button-primary button-next" data-testid="next" disabled={busy} aria-busy={busy} onClick={onNext ?? (() => send({ type: 'NEXT' }))}>
              {nextLabel ?? (context.reviewing && step !== 'review' && step !== 'signature' ? t('wizard.saveAndReview') : t('wizard.next'))}
            </button>
          )}
          {actions}
        </div>
      </div>
    </section>
  );
}
