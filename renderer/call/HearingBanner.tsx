import './hearing.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRoom } from '../../shared/call.js';
import type { KioskApi } from '../../shared/contract.js';
import { roomRoleLabels } from '../../shared/rooms/roleTable.js';

// An online hearing's floor as the resident sees it (shared/rooms/hearing.ts): a band across the
// top of the call, kept while the hearing is open, that says plainly whether they may speak now.
// When the judge silences them the hub pauses their microphone itself: the band says so, so
// nobody talks into a dead microphone. In the flow (not over the pictures): it covers no face.

export function HearingBanner({ api, active }: { api: KioskApi; active: boolean }) {
  const { t, i18n } = useTranslation();
  const [room, setRoom] = useState<CallRoom | null>(null);
  useEffect(() => api.on('call.room', setRoom), [api]);
  const hearing = room?.hearing;
  if (!active || !room || hearing?.phase !== 'open') return null;
  const holder = hearing.floor ? room.peers.find((p) => p.peerId === hearing.floor) : undefined;
  const state = hearing.silenced ? 'silenced' : hearing.floor === room.selfId ? 'yourTurn' : 'open';
  const role = holder ? roomRoleLabels[holder.role][i18n.language === 'en' ? 'en' : 'zh'] : null;
  return (
    <div className={`hearing-banner hearing-banner-${state}`} role="status" data-testid="hearing-banner" data-state={state}>
      <p className="hearing-banner-title">{t('call.hearing.title')}</p>
      <p className="hearing-banner-floor">{t(`call.hearing.${state}`)}</p>
      {state === 'silenced' && <p className="hearing-banner-detail">{role ? t('call.hearing.floorWith', { role }) : t('call.hearing.judgeOnly')}</p>}
    </div>
  );
}
