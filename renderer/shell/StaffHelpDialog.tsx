import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ui/ModalDialog.js';

/**
 * Staff are on their way. Called for a name character the pinyin candidates do not offer, it tells
 * staff how to enter it: with a hardware keyboard or handwriting input, straight into the field
 * (the answer stays where it is; the on-screen keyboard stays open for the rest).
 */
export function StaffHelpDialog({ rareCharacter = false, onClose }: { rareCharacter?: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog labelledBy="staff-help-title" describedBy="staff-help-body" testId="staff-help">
      <h2 id="staff-help-title" className="modal-title">
        {t('staff.title')}
      </h2>
      <p id="staff-help-body" className="modal-body">
        {t('staff.body')}
      </p>
      {rareCharacter && (
        <p className="modal-body" data-testid="staff-help-rare">
          {t('staff.rareCharacter')}
        </p>
      )}
      <div className="modal-actions">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- a modal dialog moves focus into itself (WAI-ARIA dialog pattern) */}
        <button type="button" className="button button-primary" data-testid="staff-help-close" onClick={onClose} autoFocus>
          {t('staff.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
