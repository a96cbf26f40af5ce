import { useTranslation } from 'react-i18next';
import { disputeTypes, type DisputeType } from '../../../shared/disputeTypes.js';
import { DisputePictogram } from './DisputePictogram.js';
import './fields.css';

interface DisputeTypeGridProps {
  value: DisputeType | null;
  error: string | null;
  disabled?: boolean;
  onChoose: (value: DisputeType) => void;
}

/** One big toggle per dispute type; a fieldset's legend is the visible label of the group. */
export function DisputeTypeGrid({ value, error, disabled, onChoose }: DisputeTypeGridProps) {
  const { t } = useTranslation();
  const describedBy = error ? 'hint-disputeType error-disputeType' : 'hint-disputeType';
  return (
    <fieldset className={`field field-disputeType${error ? ' has-error' : ''}`} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="field-label" id="label-disputeType">
        {t('fields.disputeType.label')}
      </legend>
      <p className="field-hint" id="hint-disputeType">
        {t('fields.disputeType.hint')}
      </p>
      <div className="dispute-grid">
        {disputeTypes.map((code, index) => {
          const selected = code === value;
          // The selected option (else the first) is where focus goes when the group is wrong.
          const focusTarget = value ? selected : index === 0;
          return (
            <button
              key={code}
              data-path={focusTarget ? 'disputeType' : undefined}
              type="button"
              className={`button button-toggle dispute-option${selected ? ' is-selected' : ''}`}
              aria-pressed={selected}
              aria-describedby={error ? 'error-disputeType' : undefined}
              data-testid={`dispute-${code}`}
              disabled={disabled}
              onClick={() => onChoose(code)}
            >
              <DisputePictogram type={code} />
              <span className="dispute-label">{t(`disputeTypes.${code}`)}</span>
            </button>
          );
        })}
      </div>
      {error && (
        <p className="field-error" id="error-disputeType" role="alert" data-testid="error-disputeType">
          {error}
        </p>
      )}
    </fieldset>
  );
}
