import './roomNotices.css';
import '../referenceCases/referenceCases.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRoom } from '../../shared/call.js';
import type { KioskApi } from '../../shared/contract.js';
import { guideAnnouncement, guidesIn } from '../../shared/rooms/guidance.js';
import { ReferenceCaseCard } from '../referenceCases/ReferenceCaseCard.js';
import { ModalDialog } from '../ui/ModalDialog.js';
import { ScrollArea } from '../ui/ScrollArea.js';

// What the room says to everyone in it, over the kiosk's call screen: a guiding judge who joined
// (announced while they are in the room, until tapped away), a reference case the judge shared
// (until closed), the recording prompt (shared/rooms/recordingConsent.ts: big 同意 / 不同意, the
// answer goes to the hub through the agent) and, while the room is recorded, a sign that stays.

export function CallRoomNotices({ api, active }: { api: KioskApi; active: boolean }) {
  const { t, i18n } = useTranslation();
  const [room, setRoom] = useState<CallRoom | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [answering, setAnswering] = useState(false);

  useEffect(
    () =>
      api.on('call.room', (r) => {
        setRoom(r);
        setAnswering(false);
      }),
    [api],
  );

  if (!active || !room) return null;
  const dismiss = (id: string) => setDismissed(new Set([...dismissed, id]));
  const guides = guidesIn(room.peers).filter((g) => !dismissed.has(g.peerId));
  const shared = room.shared && !dismissed.has(room.shared.shareId) ? room.shared : null;
  const answer = (step: 'consent' | 'refuse') => {
    setAnswering(true);
    void api.call('call.recording', { callId: room.callId, step });
  };

  return (
    <>
      {room.recording?.phase === 'on' && (
        <p className="room-recording-on" role="status" data-testid="room-recording-on">
          <span aria-hidden="true">●</span> {t('call.room.recordingOn')}
        </p>
      )}
      {guides.map((g) => (
        <button key={g.peerId} type="button" className="room-guide-joined" data-testid="room-guide-joined" onClick={() => dismiss(g.peerId)}>
          <span role="status">{guideAnnouncement(g, i18n.language)}</span>
          <span className="room-guide-ok">{t('call.room.ok')}</span>
        </button>
      ))}
      {room.recording?.mustAnswer ? (
        <ModalDialog labelledBy="room-recording-title" describedBy="room-recording-body" testId="room-recording-prompt" tone="attention">
          <h2 id="room-recording-title" className="modal-title">
            {t('call.room.recordingTitle')}
          </h2>
          <p id="room-recording-body" className="modal-body">
            {t('call.room.recordingBody')}
          </p>
          <div className="modal-actions">
            <button type="button" className="button button-secondary" disabled={answering} data-testid="room-recording-refuse" onClick={() => answer('refuse')}>
              {t('call.room.refuse')}
            </button>
            <button type="button" className="button button-primary" disabled={answering} data-testid="room-recording-consent" onClick={() => answer('consent')}>
              {t('call.room.consent')}
            </button>
          </div>
        </ModalDialog>
      ) : (
        shared && (
          <ModalDialog labelledBy="room-shared-title" testId="room-shared-case">
            <h2 id="room-shared-title" className="modal-title">
              {t('referenceCases.sharedTitle')}
            </h2>
            {/* A long case scrolls inside the dialog (52vh): the band says so, as on every screen. */}
            <ScrollArea className="room-shared-body" screenKey={shared.shareId}>
              <ReferenceCaseCard referenceCase={shared.referenceCase} full />
            </ScrollArea>
            <div className="modal-actions">
              <button type="button" className="button button-primary" data-testid="room-shared-dismiss" onClick={() => dismiss(shared.shareId)}>
                {t('referenceCases.dismiss')}
              </button>
            </div>
          </ModalDialog>
        )
      )}
    </>
  );
}
