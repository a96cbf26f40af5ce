import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/contract.js';
import type { HostLinkState } from './hostLinkState.js';

/**
 * A small, calm line saying whether submissions can reach the court right now. The court is only
 * reachable through the terminal's host: while the page cannot reach it, the agent's last report
 * says nothing about now, so the line says the host is missing instead.
 */
export function SyncIndicator({ status, host }: { status: SyncStatus | null; host: HostLinkState }) {
  const { t } = useTranslation();
  let state: 'checking' | 'online' | 'offline' | 'host-lost';
  let text: string;
  if (host === 'lost') {
    state = 'host-lost';
    text = t('host.footer');
  } else if (!status || host === 'connecting') {
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
