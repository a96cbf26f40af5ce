import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomRoleLabels } from '../../shared/rooms/roleTable.js';
import type { RemoteParticipant } from '../webrtc/roomLinks.js';
import { VideoView } from '../webrtc/VideoView.js';
import { galleryGrid, galleryTiles, orientationOf, type Orientation } from './galleryLayout.js';

// The other participants as tiles of one grid (galleryLayout decides its shape), each with a big
// name and role under the picture; the speaker has a thick border and a speaker icon with the word
// "speaking", never colour alone. A party without video has a name card where the picture goes
// (saying "camera off" when they turned it off themselves: their voice still plays),
// "picture paused" only when a flowing video stopped, and "muted" when their microphone is off by
// rule (shared/rooms/mediaStall.ts `tilePicture`). Each tile reports its size, so the SFU sends the
// layer that fits.

export type TileSize = (peerId: string, width: number, height: number) => void;

function useOrientation(): Orientation {
  const read = () => orientationOf(window.innerWidth, window.innerHeight);
  const [orientation, setOrientation] = useState(read);
  useEffect(() => {
    const onResize = () => setOrientation(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return orientation;
}

export function CallGallery({ remotes, onTileSize }: { remotes: readonly RemoteParticipant[]; onTileSize: TileSize }) {
  const { t } = useTranslation();
  const orientation = useOrientation();
  const tiles = galleryTiles(remotes);
  const grid = galleryGrid(tiles.length, orientation);
  if (tiles.length === 0) {
    return (
      <p className="call-gallery-alone" role="status" data-testid="call-gallery-alone">
        {t('call.gallery.alone')}
      </p>
    );
  }
  return (
    <ul className="call-gallery" aria-label={t('call.gallery.label')} data-testid="call-gallery" data-columns={grid.columns} data-rows={grid.rows} data-orientation={orientation}>
      {tiles.map((r) => (
        <GalleryTile key={r.peerId} remote={r} onTileSize={onTileSize} />
      ))}
    </ul>
  );
}

function GalleryTile({ remote, onTileSize }: { remote: RemoteParticipant; onTileSize: TileSize }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLLIElement>(null);
  const role = roomRoleLabels[remote.role][i18n.language === 'en' ? 'en' : 'zh'];
  const name = remote.name ?? role;
  // On the SFU a participant's video consumer can come after the tile: report again when it does.
  const videoTracks = remote.stream?.getVideoTracks().length ?? 0;
  useEffect(() => {
    const tile = ref.current;
    if (!tile || typeof ResizeObserver === 'undefined') return;
    // Device pixels: a tile 400 CSS px wide on a 1.5× screen shows 600 pixels of video.
    const observer = new ResizeObserver(([entry]) => {
      if (entry) onTileSize(remote.peerId, entry.contentRect.width * devicePixelRatio, entry.contentRect.height * devicePixelRatio);
    });
    observer.observe(tile);
    return () => observer.disconnect();
  }, [remote.peerId, videoTracks, onTileSize]);
  const stalled = remote.picture === 'stopped';
  return (
    <li
      ref={ref}
      className={`call-tile${remote.speaking ? ' is-speaking' : ''}${stalled ? ' is-stalled' : ''}`}
      data-testid="call-tile"
      data-peer-id={remote.peerId}
      data-role={remote.role}
      data-speaking={remote.speaking}
      data-picture={remote.picture}
      data-stalled={stalled}
      data-muted={remote.muted}
    >
      <div className="call-tile-picture">
        {/* Always there, even behind the card: the <video> also plays their voice. */}
        <VideoView stream={remote.stream} muted={false} className="call-tile-video" testId="call-tile-video" label={t('call.gallery.tileLabel', { name, role })} />
        {(remote.picture === 'none' || remote.picture === 'camera-off') && (
          <div className="call-tile-card" data-testid="call-tile-card">
            <svg className="call-tile-card-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <circle cx="12" cy="8" r="4.5" />
              <path d="M3 22c0-5 4-8 9-8s9 3 9 8z" />
            </svg>
            {/* said once their media is here: before it arrives (joining, a rejoin) nobody knows yet */}
            {remote.picture === 'camera-off' ? (
              <p className="call-tile-card-note" data-testid="call-tile-camera-off">
                {t('call.gallery.cameraOff')}
              </p>
            ) : (
              remote.stream && <p className="call-tile-card-note">{t('call.gallery.voiceOnly')}</p>
            )}
          </div>
        )}
      </div>
      {stalled && (
        <p className="call-tile-stalled" data-testid="call-tile-stalled">
          {t('call.gallery.stalled')}
        </p>
      )}
      <div className="call-tile-caption">
        <p className="call-tile-name" data-testid="call-tile-name">
          {name}
        </p>
        {remote.name !== null && (
          <p className="call-tile-role" data-testid="call-tile-role">
            {role}
          </p>
        )}
        {remote.muted && <TileBadge className="call-tile-muted" testId="call-tile-muted" icon={mutedIcon} text={t('call.gallery.muted')} />}
        {remote.speaking && <TileBadge className="call-tile-speaking" testId="call-tile-speaking" icon={speakingIcon} text={t('call.gallery.speaking')} />}
      </div>
    </li>
  );
}

const speakingIcon = ['M3 9v6h4l5 5V4L7 9H3z', 'M16.5 12a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z'];
const mutedIcon = ['M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z', 'M3.3 2 2 3.3 20.7 22l1.3-1.3z'];

/** A word under the picture with its icon ("speaking", "muted"): never a colour alone. */
function TileBadge({ className, testId, icon, text }: { className: string; testId: string; icon: readonly string[]; text: string }) {
  return (
    <p className={className} data-testid={testId}>
      <svg className="call-tile-speaking-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {icon.map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
      {text}
    </p>
  );
}
