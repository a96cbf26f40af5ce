import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ui/ModalDialog.js';

export function StaffHelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog labelledBy="staff-help-title" describedBy="staff-help-body" testId="staff-help">
      <h2 id="staff-help-title" className="modal-title">
        {t('staff.title')}
      </h2>
      <p id="staff-help-body" className="modal-body">
        {t('staff.body')}
      </p>
      <div className="modal-actions">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- a modal dialog moves focus into itself (WAI-ARIA dialog pattern) */}
        <button type="button" className="button button-primary" data-testid="staff-help-close" onClick={onClose} autoFocus>
          {t('staff.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
