import './deskStage.css';
import type { RemoteParticipant } from '../../renderer/webrtc/roomLinks.js';
import { VideoView } from '../../renderer/webrtc/VideoView.js';
import { roomRoleLabels } from '../../shared/rooms/roleTable.js';
import { Bi } from './bilingual.js';

// Everyone else in the room, a tile each with role and name, the speaker marked (border + words).
// The mediator's screen is wide and close: an even grid that fits them all is enough. A party who
// turned the camera off has a card over their last frame and says so beside their name.

export function DeskStage({ remotes }: { remotes: readonly RemoteParticipant[] }) {
  return (
    <ul className="stage-tiles" data-count={Math.min(remotes.length, 4)} data-testid="desk-stage">
      {remotes.map((r) => {
        const label = roomRoleLabels[r.role];
        return (
          <li
            key={r.peerId}
            className={`stage-tile${r.speaking ? ' is-speaking' : ''}`}
            data-testid="desk-tile"
            data-peer-id={r.peerId}
            data-role={r.role}
            data-speaking={r.speaking}
            data-stalled={r.picture === 'stopped'}
            data-picture={r.picture}
          >
            <VideoView stream={r.stream} muted={false} className="remote" testId="call-remote-video" label={`${label.zh} ${label.en}${r.name ? ` · ${r.name}` : ''}`} />
            {r.picture === 'camera-off' && (
              <p className="stage-card" data-testid="desk-tile-camera-off">
                <Bi zh="摄像头已关闭" en="camera off" />
              </p>
            )}
            <p className="stage-caption">
              <strong>{label.zh}</strong> <span className="en">{label.en}</span>
              {r.name ? ` · ${r.name}` : ''}
              {r.picture === 'stopped' && (
                <span className="stalled-tag" role="status" data-testid="desk-tile-stalled">
                  <Bi zh="画面暂停" en="picture paused" />
                </span>
              )}
              {r.speaking && (
                <span className="speaking-tag">
                  <Bi zh="正在讲话" en="speaking" />
                </span>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
