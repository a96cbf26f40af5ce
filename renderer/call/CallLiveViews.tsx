import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndedKey } from './callFlow.js';
import type { LocalMediaState } from '../webrtc/localMedia.js';
import type { RoomMedia } from '../webrtc/roomLinks.js';
import { VideoView } from '../webrtc/VideoView.js';
import { ScrollArea } from '../ui/ScrollArea.js';
import { CallGallery, type TileSize } from './CallGallery.js';

// In the room with the mediator (and whoever else takes part), and the calm ending afterwards.

interface CallLiveProps {
  local: LocalMediaState | null;
  room: RoomMedia | null;
  mediatorName: string | null;
  onHangup: () => void;
  onMuted: (muted: boolean) => void;
  onCameraOff: (off: boolean) => void;
  onTileSize: TileSize;
}

/** Notices that report a change and then go; the others describe a lasting state and stay. */
const passingNotices = new Set(['cameraSwitched', 'micSwitched', 'cameraBack']);
const NOTICE_MS = 8_000;

export function CallLive({ local, room, mediatorName, onHangup, onMuted, onCameraOff, onTileSize }: CallLiveProps) {
  const { t } = useTranslation();
  const [faded, setFaded] = useState<string | null>(null);
  const notice = local?.notice && local.notice !== faded ? local.notice : null;
  useEffect(() => {
    const n = local?.notice;
    if (!n || !passingNotices.has(n)) return;
    const timer = setTimeout(() => setFaded(n), NOTICE_MS);
    // The next notice (or none) starts unfaded: the same notice coming back later shows again.
    return () => {
      clearTimeout(timer);
      setFaded(null);
    };
  }, [local?.notice]);
  const reconnecting = room !== null && room.everConnected && room.phase !== 'healthy';
  // A frozen picture is told whatever the transport says (it often still says "connected"); the
  // calm words and the tile that froze replace the general "reconnecting" banner meanwhile.
  const stalled = room !== null && !room.waiting && room.remotes.some((r) => r.picture === 'stopped');
  const muted = local?.muted ?? false;
  const cameraOff = local?.cameraOff ?? false;
  const name = mediatorName ?? t('call.mediator');
  const waiting = room?.waiting ?? null;
  return (
    <section
      className="screen call-screen call-live"
      aria-label={t('call.live.label', { name })}
      data-testid="call-live"
      data-reconnecting={reconnecting}
      data-media-stalled={stalled}
      data-waiting={waiting ?? 'none'}
    >
      <div className="call-stage">
        {waiting ? (
          <div className="call-room-waiting" role="status" data-testid="call-room-waiting" data-reason={waiting}>
            <h1 className="call-room-waiting-title">{t(`call.gallery.waiting.${waiting}.title`)}</h1>
            <p className="call-room-waiting-body">{t(`call.gallery.waiting.${waiting}.body`)}</p>
          </div>
        ) : (
          <CallGallery remotes={room?.remotes ?? []} onTileSize={onTileSize} />
        )}
        {stalled && (
          <div className="call-banner call-banner-stalled" role="status" data-testid="call-media-stalled">
            {t('call.live.mediaStalled')}
          </div>
        )}
        {reconnecting && !stalled && (
          <div className="call-banner call-banner-reconnecting" role="status" data-testid="call-reconnecting">
            {t('call.live.reconnecting')}
          </div>
        )}
        {!reconnecting && !stalled && notice && (
          <div className="call-banner" role="status" data-testid="call-notice" data-notice={notice}>
            {t(`call.notice.${notice}`)}
          </div>
        )}
        {!reconnecting && !stalled && !notice && muted && (
          <div className="call-banner call-banner-muted" role="status" data-testid="call-muted">
            {t('call.live.mutedNotice')}
          </div>
        )}
      </div>
      <div className="call-controls" role="group" aria-label={t('call.live.controls')}>
        {/* Small, beside the buttons: the others' faces and names keep the whole stage. */}
        {local?.video && !cameraOff && <VideoView stream={local.stream} muted className="call-self call-mirror" testId="call-self-video" label={t('call.selfView')} />}
        <button
          type="button"
          className={`button button-toggle call-control${muted ? ' is-selected' : ''}`}
          aria-pressed={muted}
          data-testid="call-mute"
          disabled={!local?.audio}
          onClick={() => onMuted(!muted)}
        >
          {muted ? t('call.live.unmute') : t('call.live.mute')}
        </button>
        <button
          type="button"
          className={`button button-toggle call-control${cameraOff ? ' is-selected' : ''}`}
          aria-pressed={cameraOff}
          data-testid="call-camera"
          onClick={() => onCameraOff(!cameraOff)}
        >
          {cameraOff ? t('call.live.cameraOn') : t('call.live.cameraOff')}
        </button>
        <button type="button" className="button button-danger call-control call-control-hangup" data-testid="call-hangup" onClick={onHangup}>
          {t('call.live.hangup')}
        </button>
      </div>
    </section>
  );
}

export function CallEnded({ ended, autoReturnMs, onDone }: { ended: EndedKey; autoReturnMs: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(Math.ceil(autoReturnMs / 1000));
  const done = useRef(onDone);
  useLayoutEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    const deadline = Date.now() + autoReturnMs;
    const timer = setInterval(() => {
      const ms = deadline - Date.now();
      if (ms <= 0) {
        clearInterval(timer);
        done.current();
      } else setLeft(Math.ceil(ms / 1000));
    }, 250);
    return () => clearInterval(timer);
  }, [autoReturnMs]);
  return (
    <section className="screen call-screen call-ended" aria-labelledby="call-ended-title" data-testid="call-ended" data-reason={ended}>
      <ScrollArea className="call-card" role="status">
        <h1 id="call-ended-title" className="call-title">
          {t(`call.ended.${ended}.title`)}
        </h1>
        <p className="call-ended-body">{t(`call.ended.${ended}.body`)}</p>
      </ScrollArea>
      <div className="action-bar call-actions">
        <p className="call-auto-return">{t('call.ended.autoReturn', { seconds: left })}</p>
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the one action left after a call; focus moves to it as in a dialog */}
        <button type="button" className="button button-primary button-large" data-testid="call-done" onClick={onDone} autoFocus>
          {t('call.ended.done')}
        </button>
      </div>
    </section>
  );
}
