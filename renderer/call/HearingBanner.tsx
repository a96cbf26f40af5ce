import './hearing.css';
import { useTranslation } from 'react-i18next';
import type { CallRoom } from '../../shared/call.js';
import { roomRoleLabels } from '../../shared/rooms/roleTable.js';

// An online hearing's floor as the resident sees it (shared/rooms/hearing.ts): a band that stays
// while the hearing is open and says plainly whether they may speak now. When the judge silences
// them the hub pauses their microphone itself: the band says so, so nobody talks into a dead mic.

export function HearingBanner({ room }: { room: CallRoom }) {
  const { t, i18n } = useTranslation();
  const hearing = room.hearing;
  if (hearing?.phase !== 'open') return null;
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
