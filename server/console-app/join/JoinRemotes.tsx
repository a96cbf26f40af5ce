import type { RemoteParticipant } from '../../../renderer/webrtc/roomLinks.js';
import { VideoView } from '../../../renderer/webrtc/VideoView.js';
import { joinWords, roleLabel, type JoinLanguage } from './joinWords.js';

// The others in the room, from renderer/webrtc's list (as the desk's stage and the kiosk's
// gallery): one big picture when one other has media, else a tile each, the speaker marked. Each
// says what the kiosk's tiles say (shared/rooms/mediaStall.ts `tilePicture`): "picture paused" only
// when a flowing video stopped, a card where a voice-only party's picture would be ("camera off"
// when they turned it off), and "muted" when their microphone is off by rule.

export function JoinRemotes({ remotes, language }: { remotes: readonly RemoteParticipant[]; language: JoinLanguage }) {
  const shown = remotes.filter((r) => r.stream);
  if (shown.length === 0) return <VideoView stream={null} muted={false} className="join-remote" testId="join-remote" label="" />;
  if (shown.length === 1) return <JoinTile remote={shown[0]!} language={language} big />;
  return (
    <ul className="join-tiles" data-count={shown.length}>
      {shown.map((r) => (
        <JoinTile key={r.peerId} remote={r} language={language} />
      ))}
    </ul>
  );
}

function JoinTile({ remote: r, language, big = false }: { remote: RemoteParticipant; language: JoinLanguage; big?: boolean }) {
  const w = joinWords[language];
  const label = r.name ?? roleLabel(r.role, language);
  const stalled = r.picture === 'stopped';
  const Item = big ? 'div' : 'li';
  return (
    <Item
      className={`${big ? 'join-remote-tile' : 'join-tile'}${r.speaking && !big ? ' join-tile-speaking' : ''}${stalled ? ' is-stalled' : ''}`}
      data-testid="join-tile"
      data-peer-id={r.peerId}
      data-role={r.role}
      data-picture={r.picture}
      data-stalled={stalled}
      data-muted={r.muted}
    >
      <div className="join-tile-picture">
        {/* Always there, even behind the card: the <video> also plays their voice. */}
        <VideoView stream={r.stream} muted={false} className={big ? 'join-remote' : 'join-tile-video'} testId={big ? 'join-remote' : `join-tile-${r.role}`} label={label} />
        {/* "voice only" once their media is here: before it arrives nobody knows yet */}
        {r.picture === 'none' && r.stream && <p className="join-tile-card">{w.tileVoiceOnly}</p>}
        {/* over their last frame, which stays frozen in the <video> */}
        {r.picture === 'camera-off' && (
          <p className="join-tile-card is-camera-off" data-testid="join-tile-camera-off">
            {w.tileCameraOff}
          </p>
        )}
        {stalled && (
          <p className="join-tile-stalled" role="status" data-testid="join-tile-stalled">
            {w.tileStopped}
          </p>
        )}
      </div>
      {!big && <span>{label}</span>}
      {r.muted && (
        <span className="join-tile-muted" data-testid="join-tile-muted">
          {big ? `${label} · ` : ''}
          {w.tileMuted}
        </span>
      )}
    </Item>
  );
}
