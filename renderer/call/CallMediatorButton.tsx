import { useTranslation } from 'react-i18next';
import './call.css';

/** "Talk to a mediator" on the home and receipt screens. */
export function CallMediatorButton({ onCall, variant = 'secondary' }: { onCall: () => void; variant?: 'primary' | 'secondary' }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={`button button-${variant} call-entry-button`} data-testid="call-mediator-button" onClick={onCall}>
      {t('call.entry')}
    </button>
  );
}
