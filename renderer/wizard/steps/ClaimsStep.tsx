import { CLAIMS_MAX, textLimits } from '../../../shared/application.js';
import { useTranslation } from 'react-i18next';
import { TextAnswer } from '../fields/TextAnswer.js';
import { FieldError } from '../fields/FieldMessage.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/** 请求事项: what the resident asks for, one request per box. */
export function ClaimsStep() {
  const { t, i18n } = useTranslation();
  const { context, answer } = useWizard();
  const claims = context.application.claims?.length ? context.application.claims : [''];
  const err = (path: string) => (context.errors[path] ? translateErrorKey(i18n, context.errors[path]) : null);
  return (
    <WizardFrame step="claims" title={t('steps.claims.title')} intro={t('steps.claims.intro')}>
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
            {claims.length > 1 && (
              <button
                type="button"
                className="button button-secondary"
                data-testid={`remove-claim-${i}`}
                onClick={() =>
                  answer(
                    'claims',
                    claims.filter((_, j) => j !== i),
                  )
                }
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
