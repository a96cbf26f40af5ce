import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import { ModalDialog } from '../ui/ModalDialog.js';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** The PIN on a keypad of large keys (no system keyboard on a kiosk); the agent checks it and sets the wait. */
export function PinDialog({ api, onOpened, onCancel }: { api: KioskApi; onOpened: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const r = await api.call('admin.unlock', { pin });
      setPin('');
      if (!r.ok) return setMessage(t('admin.unavailable'));
      const result = r.value;
      if (result.unlocked) return onOpened();
      setMessage(result.reason === 'noPin' ? t('admin.noPin') : result.reason === 'wait' ? t('admin.wait', { seconds: result.retryAfterS }) : t('admin.wrong'));
    } catch {
      setMessage(t('admin.unavailable'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog labelledBy="admin-pin-title" describedBy="admin-pin-message" testId="admin-pin">
      <h2 id="admin-pin-title" className="modal-title">
        {t('admin.pinTitle')}
      </h2>
      <p className="admin-pin-dots" aria-live="polite" data-testid="admin-pin-dots">
        {'●'.repeat(pin.length) || '\u00a0'}
      </p>
      <p id="admin-pin-message" className="modal-body" role="status" data-testid="admin-pin-message">
        {message ?? t('admin.pinHint')}
      </p>
      <div className="admin-keypad">
        {DIGITS.map((d) => (
          <button key={d} type="button" className="button admin-key" data-testid={`admin-key-${d}`} disabled={busy || pin.length >= 8} onClick={() => setPin(pin + d)}>
            {d}
          </button>
        ))}
        <button type="button" className="button admin-key" data-testid="admin-key-back" aria-label={t('admin.backspace')} disabled={busy || pin.length === 0} onClick={() => setPin(pin.slice(0, -1))}>
          ⌫
        </button>
      </div>
      <div className="modal-actions">
        <button type="button" className="button" data-testid="admin-pin-cancel" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
        <button type="button" className="button button-primary" data-testid="admin-pin-submit" disabled={busy || pin.length < 6} onClick={() => void submit()}>
          {t('admin.open')}
        </button>
      </div>
    </ModalDialog>
  );
}
