import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import { ModalDialog } from '../ui/ModalDialog.js';
import { useHelpRequest } from './useHelpRequest.js';

/**
 * "请工作人员协助": staff are told through the agent and the hub (shared/terminals/helpRequest.ts),
 * and the dialog says what really happened — being told, told, or told once the network returns.
 * Called for a name character the pinyin candidates do not offer, it also tells staff how to
 * enter it: with a hardware keyboard or handwriting input, straight into the field.
 */
export function StaffHelpDialog({ api, screen, rareCharacter = false, onClose }: { api: KioskApi; screen: ScreenState; rareCharacter?: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const progress = useHelpRequest(api, rareCharacter ? 'rareCharacter' : 'general', screen);
  return (
    <ModalDialog labelledBy="staff-help-title" describedBy="staff-help-body" testId="staff-help">
      <h2 id="staff-help-title" className="modal-title" data-testid="staff-help-title" data-progress={progress} aria-live="polite">
        {t(`staff.progress.${progress}.title`)}
      </h2>
      <p id="staff-help-body" className="modal-body">
        {t(`staff.progress.${progress}.body`)}
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
