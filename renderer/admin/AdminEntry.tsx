import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import { holdGesture } from './adminGesture.js';
import { AdminPanelDialog } from './AdminPanelDialog.js';
import { PinDialog } from './PinDialog.js';
import './admin.css';

/** The corner hotspot, then the PIN, then the panel (issue 14 item 7); the agent decides each step. */
export function AdminEntry({ api }: { api: KioskApi }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<'closed' | 'pin' | 'panel'>('closed');
  const gesture = useMemo(() => holdGesture(() => setStage('pin')), []);
  useEffect(() => gesture.release, [gesture]);
  return (
    <>
      <button
        type="button"
        className="admin-hotspot"
        data-testid="admin-hotspot"
        aria-label={t('admin.entry')}
        onPointerDown={() => gesture.press()}
        onPointerUp={gesture.release}
        onPointerLeave={gesture.release}
        onPointerCancel={gesture.release}
        onContextMenu={(e) => e.preventDefault()}
      />
      {stage === 'pin' && <PinDialog api={api} onOpened={() => setStage('panel')} onCancel={() => setStage('closed')} />}
      {stage === 'panel' && <AdminPanelDialog api={api} onClose={() => setStage('closed')} />}
    </>
  );
}
