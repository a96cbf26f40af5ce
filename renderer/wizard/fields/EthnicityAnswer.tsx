import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ethnicityCodes } from '../../../shared/application.js';
import { ChoiceAnswer } from './ChoiceAnswer.js';

/** The nationalities most residents around Lanzhou name first (汉, 回, 东乡, 藏, 土, 保安, 撒拉, 裕固, 蒙古, 满). */
const COMMON = ['01', '03', '26', '04', '30', '47', '35', '48', '02', '11'];

interface EthnicityAnswerProps {
  path: string;
  label: string;
  hint: string | null;
  value: unknown;
  error: string | null;
  onChange: (value: unknown) => void;
}

/** Ten common choices first; "more" shows all 58 (a long list would bury the common ones). */
export function EthnicityAnswer({ path, label, hint, value, error, onChange }: EthnicityAnswerProps) {
  const { t } = useTranslation();
  const [all, setAll] = useState(typeof value === 'string' && !COMMON.includes(value));
  const codes = all ? ethnicityCodes : COMMON;
  return (
    <div className="field-group">
      <ChoiceAnswer path={path} label={label} hint={hint} options={codes.map((code) => ({ value: code, label: t(`ethnicity.${code}`) }))} value={value} error={error} onChange={onChange} />
      {!all && (
        <button type="button" className="button button-secondary button-more" data-testid="ethnicity-more" onClick={() => setAll(true)}>
          {t('fields.ethnicity.more')}
        </button>
      )}
    </div>
  );
}
