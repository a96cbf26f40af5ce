import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomRoleLabels } from '../../shared/rooms/roleTable.js';
import type { RemoteParticipant } from '../webrtc/roomLinks.js';
import { VideoView } from '../webrtc/VideoView.js';
import { galleryGrid, galleryTiles, orientationOf, type Orientation } from './galleryLayout.js';

// The other participants as tiles of one grid (galleryLayout decides its shape), each with a big
// name and role under the picture; the speaker has a thick border and a speaker icon with the word
// "speaking", never colour alone. Each tile reports its size, so the SFU sends the layer that fits.

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
  return (
    <li
      ref={ref}
      className={`call-tile${remote.speaking ? ' is-speaking' : ''}${remote.stalled ? ' is-stalled' : ''}`}
      data-testid="call-tile"
      data-peer-id={remote.peerId}
      data-role={remote.role}
      data-speaking={remote.speaking}
      data-stalled={remote.stalled === true}
    >
      <VideoView stream={remote.stream} muted={false} className="call-tile-video" testId="call-tile-video" label={t('call.gallery.tileLabel', { name, role })} />
      {remote.stalled && (
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
        {remote.speaking && (
          <p className="call-tile-speaking" data-testid="call-tile-speaking">
            <svg className="call-tile-speaking-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M3 9v6h4l5 5V4L7 9H3z" />
              <path d="M16.5 12a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />
            </svg>
            {t('call.gallery.speaking')}
          </p>
        )}
      </div>
    </li>
  );
}
