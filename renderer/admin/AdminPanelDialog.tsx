import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { AdminAction, AdminPanelView } from '../../shared/kioskAdmin.js';
import { courtDateTime } from '../i18n/courtTime.js';
import { ModalDialog } from '../ui/ModalDialog.js';

const ACTIONS: AdminAction[] = ['testPrint', 'resync', 'restartAgent', 'restartHost', 'exitKiosk'];

/** What staff check on a kiosk, and what they can do there; every action is audited by the agent. */
export function AdminPanelDialog({ api, onClose }: { api: KioskApi; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<AdminPanelView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await api.call('admin.panel');
    if (!r.ok || !r.value) return onClose(); // the unlock lapsed
    setView(r.value);
  }, [api, onClose]);
  useEffect(() => {
    let live = true;
    void api.call('admin.panel').then((r) => {
      if (!live) return;
      if (!r.ok || !r.value) onClose();
      else setView(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, onClose]);
  const act = async (action: AdminAction) => {
    const r = await api.call('admin.act', { action });
    if (!r.ok || !r.value || action === 'close') return onClose();
    setNotice(t(`admin.notice.${r.value.notice}`));
    void refresh();
  };
  const minutes = (ms: number | null) => (ms === null ? '—' : String(Math.round(ms / 60_000)));
  const rows: Array<[string, string]> = view
    ? [
        ['terminal', `${view.terminalId} · ${view.terminalName}`],
        ['site', view.siteId ?? '—'],
        ['hub', `${view.hubUrl} · ${view.hubReachable ? t('admin.reachable') : t('admin.unreachable')}`],
        // an empty queue said in words, not "oldest — minutes ago"
        [
          'outbox',
          view.queueDepth === 0 && view.needsAttention === 0
            ? t('admin.outboxEmpty')
            : t('admin.outboxValue', { depth: view.queueDepth, minutes: minutes(view.oldestPendingAgeMs), attention: view.needsAttention }),
        ],
        // the court's time in words, as the clock above shows it, not an ISO string in UTC
        ['lastSync', view.lastSyncAt ? courtDateTime(view.lastSyncAt, i18n.language) : t('admin.neverSynced')],
        ['versions', `${view.appVersion} · Node ${view.nodeVersion} · ${t(`admin.hostKind.${view.host}`)}`],
        ['playlist', `${view.playlist.version ?? '—'} · ${view.playlist.items}`],
        ['config', String(view.config.applied)],
        ['printer', t(`admin.printerState.${view.printer}`)],
      ]
    : [];
  return (
    <ModalDialog labelledBy="admin-panel-title" testId="admin-panel">
      <h2 id="admin-panel-title" className="modal-title">
        {t('admin.panelTitle')}
      </h2>
      <dl className="admin-facts" data-testid="admin-facts">
        {rows.map(([key, value]) => (
          <div key={key} className="admin-fact" data-testid={`admin-fact-${key}`}>
            <dt>{t(`admin.fact.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="modal-body" role="status" data-testid="admin-notice">
        {notice ?? '\u00a0'}
      </p>
      <div className="admin-actions">
        {ACTIONS.map((action) => (
          <button key={action} type="button" className="button" data-testid={`admin-action-${action}`} onClick={() => void act(action)}>
            {t(`admin.action.${action}`)}
          </button>
        ))}
      </div>
      <div className="modal-actions">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- a modal dialog moves focus into itself (WAI-ARIA dialog pattern) */}
        <button type="button" className="button button-primary" data-testid="admin-close" onClick={() => void act('close')} autoFocus>
          {t('admin.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
