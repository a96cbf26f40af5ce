import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ui/ModalDialog.js';

/**
 * Over the screen while the page cannot reach its host: says so in plain words, keeps the resident
 * from typing into a page that cannot save, and goes away by itself when the host is back (the
 * answers stay in the page meanwhile and are saved again then).
 */
export function HostLostNotice() {
  const { t } = useTranslation();
  return (
    <ModalDialog labelledBy="host-lost-title" describedBy="host-lost-body" testId="host-lost" tone="attention">
      <h2 id="host-lost-title" className="modal-title" role="alert">
        {t('host.lostTitle')}
      </h2>
      <p id="host-lost-body" className="modal-body">
        {t('host.lostBody')}
      </p>
      <p className="modal-body">{t('host.lostStaff')}</p>
    </ModalDialog>
  );
}
