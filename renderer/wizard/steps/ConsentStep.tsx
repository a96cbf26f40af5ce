import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../fields/FieldMessage.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/**
 * A notice and an explicit tap: the privacy notice (PIPL: what is collected, why, for how long) and
 * consent to online mediation (在线调解规则 Art. 8), each its own screen and its own tap.
 */
/**
 * How long a consent's answers wait before they take a tap. They stand where "next" stood on the
 * step before (privacy's "agree" where preferences' "next" was, online mediation's "decline" under
 * privacy's "agree"): a shaky double tap on "next" must not agree to a notice nobody has seen.
 */
export const CONSENT_ARM_MS = 700;

export function ConsentStep({ which }: { which: 'privacy' | 'onlineMediation' }) {
  // Armed per screen: the same component shows both notices, and the second must wait too.
  const [armedFor, setArmedFor] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setArmedFor(which), CONSENT_ARM_MS);
    return () => clearTimeout(timer);
  }, [which]);
  const armed = armedFor === which;
  const { t, i18n } = useTranslation();
  const { context, send } = useWizard();
  const step = which === 'privacy' ? 'privacy' : 'onlineConsent';
  const given = context.application.consents?.[which]?.accepted;
  const path = `consents.${which}`;
  const error = context.errors[path] ? translateErrorKey(i18n, context.errors[path]) : null;
  const points = t(`steps.${step}.points`, { returnObjects: true }) as unknown;
  const list = typeof points === 'object' && points !== null ? Object.values(points as Record<string, string>) : [];
  // The answer is the way on (CONSENT moves to the next step): in the action bar, where "next" is.
  const actions = (
    <div className={`consent-actions${error ? ' has-error' : ''}`}>
      <button
        type="button"
        className={`button button-primary consent-button${given === true ? ' is-selected' : ''}`}
        aria-pressed={given === true}
        data-path={path}
        data-testid={`consent-${which}-yes`}
        disabled={!armed}
        onClick={() => send({ type: 'CONSENT', which, accepted: true })}
      >
        {t(`steps.${step}.agree`)}
      </button>
      {which === 'onlineMediation' && (
        <button
          type="button"
          className={`button button-secondary consent-button${given === false ? ' is-selected' : ''}`}
          aria-pressed={given === false}
          data-testid={`consent-${which}-no`}
          disabled={!armed}
          onClick={() => send({ type: 'CONSENT', which, accepted: false })}
        >
          {t(`steps.${step}.decline`)}
        </button>
      )}
    </div>
  );
  return (
    <WizardFrame step={step} title={t(`steps.${step}.title`)} intro={t(`steps.${step}.intro`)} speech={list} hideNext actions={actions}>
      <ul className="notice-points">
        {list.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <FieldError path={path} message={error} />
    </WizardFrame>
  );
}
