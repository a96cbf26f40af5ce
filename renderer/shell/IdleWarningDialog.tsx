import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ui/ModalDialog.js';

export function IdleWarningDialog({ remainingMs, onContinue }: { remainingMs: number; onContinue: () => void }) {
  const { t } = useTranslation();
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return (
    <ModalDialog labelledBy="idle-title" describedBy="idle-body" testId="idle-warning" tone="attention">
      <h2 id="idle-title" className="modal-title">
        {t('idle.title')}
      </h2>
      <p id="idle-body" className="modal-body">
        {t('idle.body', { seconds })}
      </p>
      <p className="modal-countdown" aria-hidden="true" data-testid="idle-seconds">
        {seconds}
      </p>
      <div className="modal-actions">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- a modal dialog moves focus into itself (WAI-ARIA dialog pattern) */}
        <button type="button" className="button button-primary button-large idle-continue" data-testid="idle-continue" onClick={onContinue} autoFocus>
          {t('idle.continue')}
        </button>
      </div>
    </ModalDialog>
  );
}
