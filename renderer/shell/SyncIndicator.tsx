import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/contract.js';

/** A small, calm line saying whether submissions can reach the court right now. */
export function SyncIndicator({ status }: { status: SyncStatus | null }) {
  const { t } = useTranslation();
  let state: 'checking' | 'online' | 'offline';
  let text: string;
  if (!status) {
    state = 'checking';
    text = t('sync.checking');
  } else if (status.hubReachable) {
    state = 'online';
    text = status.queueDepth > 0 ? t('sync.sending', { count: status.queueDepth }) : t('sync.online');
  } else {
    state = 'offline';
    text = status.queueDepth > 0 ? t('sync.offline', { count: status.queueDepth }) : t('sync.offlineEmpty');
  }
  return (
    <div className={`sync-indicator sync-${state}`} data-testid="sync-indicator" data-state={state} role="status" aria-label={t('sync.label')}>
      <span className="sync-dot" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
