import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimSuggestion } from '../../../shared/claimSuggestions.js';
import type { Language } from '../../../shared/intake.js';
import { AMOUNT_MAX_WHOLE_DIGITS, AMOUNT_MAX_YUAN } from '../../../shared/validators.js';
import { NumberPad } from '../../keyboard/NumberPad.js';
import { readAloud } from '../../speech/readAloud.js';
import { ModalDialog } from '../../ui/ModalDialog.js';

interface ClaimAmountDialogProps {
  suggestion: ClaimSuggestion;
  language: Language;
  elderly: boolean;
  /** The amount in whole yuan, or '' to write the words alone. */
  onWrite: (amountYuan: string) => void;
  onCancel: () => void;
}

/**
 * "How much?" for a claim that names a sum, on a telephone pad of big keys: fewer taps and plainer
 * than finding digits on the letter keyboard and spelling 元 in pinyin. Whole yuan only (a resident
 * who needs jiao edits the claim after); the same ceiling as every amount the court accepts.
 */
export function ClaimAmountDialog({ suggestion, language, elderly, onWrite, onCancel }: ClaimAmountDialogProps) {
  const { t } = useTranslation();
  const [digits, setDigits] = useState('');
  const [refused, setRefused] = useState(false);
  const words = language === 'en' ? suggestion.en : suggestion.zh;
  const title = t('claimSuggestions.amountTitle', { words });

  useEffect(() => {
    if (elderly) readAloud([title, t('claimSuggestions.amountHint')], language, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once, when the question appears
  }, []);

  const type = (d: string) => {
    if (digits.length >= AMOUNT_MAX_WHOLE_DIGITS) return setRefused(true);
    setRefused(false);
    // No leading zero: "0" alone is no amount to ask for.
    if (digits === '' && d === '0') return;
    setDigits(digits + d);
  };
  const shown = digits === '' ? '' : Number(digits).toLocaleString(language === 'en' ? 'en' : 'zh-CN');
  return (
    <ModalDialog labelledBy="claim-amount-title" describedBy="claim-amount-hint" testId="claim-amount" className="claim-amount">
      <div className="claim-amount-body">
        <div className="claim-amount-question">
          <h2 id="claim-amount-title" className="modal-title claim-amount-title">
            {title}
          </h2>
          <p id="claim-amount-hint" className="modal-body">
            {t('claimSuggestions.amountHint')}
          </p>
          <p className="claim-amount-value" aria-live="polite">
            <output className="claim-amount-digits" data-testid="claim-amount-value" data-digits={digits}>
              {shown}
            </output>
            <span className="claim-amount-unit">{t('claimSuggestions.yuan')}</span>
          </p>
          {refused && (
            <p className="field-error" role="alert" data-testid="claim-amount-limit">
              {t('keyboard.limit.amountDigits', { digits: AMOUNT_MAX_WHOLE_DIGITS, yi: AMOUNT_MAX_YUAN / 1e8, max: AMOUNT_MAX_YUAN.toLocaleString('en') })}
            </p>
          )}
        </div>
        <NumberPad
          pad="digits"
          onChar={type}
          onBackspace={() => {
            setRefused(false);
            setDigits(digits.slice(0, -1));
          }}
          onClear={() => {
            setRefused(false);
            setDigits('');
          }}
        />
      </div>
      <div className="modal-actions claim-amount-actions">
        <button type="button" className="button button-secondary" data-testid="claim-amount-cancel" onClick={onCancel}>
          {t('claimSuggestions.cancel')}
        </button>
        <button type="button" className="button button-secondary" data-testid="claim-amount-skip" onClick={() => onWrite('')}>
          {t('claimSuggestions.noAmount')}
        </button>
        <button type="button" className="button button-primary" data-testid="claim-amount-write" disabled={digits === ''} onClick={() => onWrite(digits)}>
          {t('claimSuggestions.write')}
        </button>
      </div>
    </ModalDialog>
  );
}
