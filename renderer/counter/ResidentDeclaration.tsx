import { useTranslation } from 'react-i18next';
import { translateErrorKey } from '../i18n/index.js';
import type { AppDraft } from '../wizard/questions.js';

// The resident's own part at the counter, by touch: they confirm what the clerk entered for them
// and give the two consents (privacy; online mediation yes or no) before they sign.

interface DeclarationProps {
  app: AppDraft;
  errors: Record<string, string>;
  onAnswer: (path: string, value: unknown) => void;
}

export function ResidentDeclaration({ app, errors, onAnswer }: DeclarationProps) {
  const { t, i18n } = useTranslation();
  const at = () => new Date().toISOString();
  const privacyError = errors['consents.privacy'] ?? errors['consents.privacy.accepted'] ?? errors.consents;
  const onlineError = errors['consents.onlineMediation'] ?? errors['consents.onlineMediation.accepted'];
  const online = app.consents?.onlineMediation?.accepted;
  return (
    <div className="counter-declaration">
      <p className="counter-intro">{t('counter.declaration', { name: typeof app.applicant?.name === 'string' ? app.applicant.name : '' })}</p>
      <label className="counter-touch-check" data-testid="counter-privacy">
        <input type="checkbox" checked={app.consents?.privacy?.accepted === true} onChange={(e) => onAnswer('consents.privacy', e.target.checked ? { accepted: true, at: at() } : undefined)} />
        {t('counter.privacyConsent')}
      </label>
      {privacyError && <p className="counter-error">{translateErrorKey(i18n, privacyError)}</p>}
      <fieldset className="counter-touch-choice">
        <legend className="counter-label">{t('counter.onlineConsent')}</legend>
        {[true, false].map((v) => (
          <label key={String(v)} className="counter-touch-check" data-testid={`counter-online-${v ? 'yes' : 'no'}`}>
            <input type="radio" name="counter-online" checked={online === v} onChange={() => onAnswer('consents.onlineMediation', { accepted: v, at: at() })} />
            {t(v ? 'options.yesNo.yes' : 'options.yesNo.no')}
          </label>
        ))}
      </fieldset>
      {onlineError && <p className="counter-error">{translateErrorKey(i18n, onlineError)}</p>}
    </div>
  );
}
