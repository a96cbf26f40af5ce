import './recording.css';
import type { CallRoom } from '../../shared/call.js';
import { may, roomRoleOf } from '../../shared/rooms/roleTable.js';
import type { RoomRecordingRequest } from '../../shared/signalling.js';
import { Bi } from './bilingual.js';

// The desk's side of recording with consent (shared/rooms/recordingConsent.ts): ask to record
// (if the role may), the big consent prompt every participant answers, and the "recording"
// sign while it is on. The hub decides again; this shows only what the role table allows.

export function RecordingConsent({ room, act }: { room: CallRoom | null; act: (frame: RoomRecordingRequest) => void }) {
  if (!room) return null;
  const mayRecord = may(roomRoleOf(room.selfRole ?? 'mediator'), 'start_recording');
  const recording = room.recording;
  return (
    <section className="recording-consent" aria-live="polite">
      {recording?.phase === 'on' && (
        <p className="recording-on" data-testid="recording-on" role="status">
          ● <Bi zh="正在录音录像" en="Recording" />
        </p>
      )}
      {recording?.phase === 'asking' && !recording.mustAnswer && (
        <p className="recording-asking" data-testid="recording-asking">
          <Bi zh="正在征求各方同意录音录像…" en="Asking everyone to consent to recording…" />
        </p>
      )}
      {recording?.mustAnswer && (
        <div className="recording-prompt" role="alertdialog" aria-labelledby="recording-prompt-title">
          <h3 id="recording-prompt-title">
            <Bi zh="是否同意对本次视频进行录音录像？" en="Do you consent to this session being recorded?" />
          </h3>
          <div className="recording-answers">
            <button type="button" data-testid="recording-consent" onClick={() => act({ t: 'room.recording', step: 'consent' })}>
              <Bi zh="同意" en="I consent" />
            </button>
            <button type="button" className="danger" data-testid="recording-refuse" onClick={() => act({ t: 'room.recording', step: 'refuse' })}>
              <Bi zh="不同意" en="I refuse" />
            </button>
          </div>
        </div>
      )}
      {mayRecord && !recording && (
        <button type="button" className="secondary" data-testid="recording-ask" onClick={() => act({ t: 'room.recording', step: 'ask' })}>
          <Bi zh="请求录音录像" en="Ask to record" />
        </button>
      )}
      {mayRecord && recording && (
        <button type="button" className="secondary" data-testid="recording-stop" onClick={() => act({ t: 'room.recording', step: 'stop' })}>
          {recording.phase === 'on' ? <Bi zh="停止录音录像" en="Stop recording" /> : <Bi zh="取消请求" en="Withdraw the request" />}
        </button>
      )}
    </section>
  );
}
