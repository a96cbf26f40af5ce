import { useEffect, useRef, useState } from 'react';
import { CLAIMS_MAX, textLimits } from '../../../shared/application.js';
import { claimText, roomForClaim, suggestionsFor, withSuggestedClaim, type ClaimSuggestion } from '../../../shared/claimSuggestions.js';
import type { Language } from '../../../shared/intake.js';
import { useTranslation } from 'react-i18next';
import { ClaimAmountDialog } from '../claims/ClaimAmountDialog.js';
import { ClaimSuggestionButtons } from '../claims/ClaimSuggestionButtons.js';
import { TextAnswer } from '../fields/TextAnswer.js';
import { FieldError } from '../fields/FieldMessage.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/**
 * 请求事项: what the resident asks for, one request per box. The dispute type's common claims are
 * buttons above the boxes (a tap writes one, asking the amount on a number pad where it names one);
 * what a button wrote is an ordinary claim after, edited or removed like a typed one.
 */
export function ClaimsStep() {
  const { t, i18n } = useTranslation();
  const { context, answer } = useWizard();
  const [asking, setAsking] = useState<ClaimSuggestion | null>(null);
  const claims = context.application.claims?.length ? context.application.claims : [''];
  const err = (path: string) => (context.errors[path] ? translateErrorKey(i18n, context.errors[path]) : null);
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const suggestions = suggestionsFor(context.application.disputeType);
  // The box a button just wrote into, brought into sight so the resident sees the words (and can edit them),
  // once it is on screen (a new box comes with the wizard's next render).
  const written = useRef<number | null>(null);
  useEffect(() => {
    const box = written.current === null ? null : document.querySelector(`[data-path="claims.${written.current}"]`);
    if (!box) return;
    (box.closest('.item-row') ?? box).scrollIntoView({ block: 'center' });
    written.current = null;
  });
  const write = (suggestion: ClaimSuggestion, amountYuan?: string) => {
    const next = withSuggestedClaim(claims, suggestion, claimText(suggestion, language, amountYuan));
    if (!next) return;
    answer('claims', next);
    written.current = next.findIndex((c, i) => c !== claims[i]);
  };
  const speech = [t('claimSuggestions.title'), ...suggestions.map((s) => (language === 'en' ? s.en : s.zh))];
  return (
    <WizardFrame step="claims" title={t('steps.claims.title')} intro={t('steps.claims.intro')} speech={speech}>
      <ClaimSuggestionButtons suggestions={suggestions} claims={claims} language={language} full={!roomForClaim(claims)} onChoose={(s) => (s.amount ? setAsking(s) : write(s))} />
      {asking && (
        <ClaimAmountDialog
          suggestion={asking}
          language={language}
          elderly={context.elderly}
          onCancel={() => setAsking(null)}
          onWrite={(amountYuan) => {
            write(asking, amountYuan);
            setAsking(null);
          }}
        />
      )}
      <div className="form-grid">
        {claims.map((claim, i) => (
          <div key={i} className="item-row">
            <TextAnswer
              path={`claims.${i}`}
              kind="multiline"
              label={t('fields.claim.label', { number: i + 1 })}
              hint={i === 0 ? t('fields.claim.hint') : null}
              value={claim}
              error={err(`claims.${i}`)}
              maxLength={textLimits.claim}
              onChange={(v) =>
                answer(
                  'claims',
                  claims.map((c, j) => (j === i ? v : c)),
                )
              }
            />
            {(claims.length > 1 || claim.trim() !== '') && (
              <button
                type="button"
                className="button button-secondary"
                data-testid={`remove-claim-${i}`}
                onClick={() => {
                  // The only claim's removal leaves an empty box to write in.
                  const rest = claims.filter((_, j) => j !== i);
                  answer('claims', rest.length ? rest : ['']);
                }}
              >
                {t('steps.claims.remove')}
              </button>
            )}
          </div>
        ))}
      </div>
      <FieldError path="claims" message={err('claims')} />
      {claims.length < CLAIMS_MAX && (
        <button type="button" className="button button-secondary button-add" data-testid="add-claim" onClick={() => answer('claims', [...claims, ''])}>
          {t('steps.claims.add')}
        </button>
      )}
    </WizardFrame>
  );
}
