import { useState } from 'react';
import { callOutcomes, MAX_CALL_NOTES, type CallOutcome } from '../../shared/call.js';
import type { MediatorCall } from '../../shared/signalling.js';
import { VideoView } from '../../renderer/webrtc/VideoView.js';
import { may, roomRoleOf } from '../../shared/rooms/roleTable.js';
import { Bi } from './bilingual.js';
import { DeskStage } from './DeskStage.js';
import { IntakeCard } from './IntakeCard.js';
import { Participants } from './Participants.js';
import { RecordingConsent } from './RecordingConsent.js';
import { HearingControls } from './hearing/HearingControls.js';
import { RecordPane } from './hearing/RecordPane.js';
import { RoomNotices, roomNoticeWords } from './RoomNotices.js';
import type { Desk } from './useDesk.js';

// The call in hand: everyone's video, the participants beside it, the case file beside them (for
// roles that may see it), and ending with an outcome.

const outcomeLabels: Record<CallOutcome, { zh: string; en: string }> = {
  settled: { zh: '当场调解成功', en: 'Settled' },
  scheduled: { zh: '已约定调解时间', en: 'Scheduled for mediation' },
  referred: { zh: '转立案', en: 'Referred to case filing' },
  resident_left: { zh: '当事人离开', en: 'Resident left' },
};

const endedLabels: Record<string, { zh: string; en: string }> = {
  resident_hangup: { zh: '当事人已挂断。', en: 'The resident hung up.' },
  resident_lost: { zh: '与当事人的连接中断，未能恢复。', en: 'The connection to the resident was lost.' },
  mediator_lost: { zh: '您的连接中断过久，通话已结束。', en: 'Your connection was lost for too long; the call ended.' },
  failed: { zh: '通话失败。', en: 'The call failed.' },
};

export function CallPanel({ desk, call }: { desk: Desk; call: MediatorCall }) {
  const [ending, setEnding] = useState(false);
  const over = call.endedReason !== null;
  const reconnecting = desk.room !== null && desk.room.everConnected && desk.room.phase !== 'healthy';
  const muted = desk.local?.muted ?? false;
  const cameraOff = desk.local?.cameraOff ?? false;
  const speaking = new Set((desk.room?.remotes ?? []).filter((r) => r.speaking).map((r) => r.peerId));
  const selfRole = roomRoleOf(desk.roomView?.selfRole ?? 'mediator');
  const seesCaseFile = may(selfRole, 'see_case_file');
  // A hearing's record is kept beside the video by whoever may keep it.
  const keepsRecord = !over && desk.roomView?.hearing !== undefined && may(selfRole, 'keep_record');
  return (
    <div className="call" data-sides={over ? 1 : 2} data-record={keepsRecord} data-testid="call-panel" data-call-id={call.callId} data-ended={call.endedReason ?? ''}>
      <div className="call-main">
        <div className="stage">
          {!over && <DeskStage remotes={desk.room?.remotes ?? []} />}
          {desk.local?.video && !cameraOff && !over && <VideoView stream={desk.local.stream} muted className="self mirror" testId="call-self-video" label="您的画面 Your camera" />}
          {!over && !desk.room?.everConnected && (
            <p className="stage-note" role="status">
              <Bi zh="正在接通…" en="Connecting…" />
            </p>
          )}
          {reconnecting && !over && (
            <p className="stage-note stage-alert" role="status" data-testid="call-reconnecting">
              <Bi zh="网络不稳定，正在重新连接…" en="Connection unstable; reconnecting…" />
            </p>
          )}
          {over && (
            <p className="stage-note" role="status" data-testid="call-over">
              <Bi {...(endedLabels[call.endedReason!] ?? { zh: '通话已结束。', en: 'The call has ended.' })} />
            </p>
          )}
        </div>
        {!over && !ending && (
          <div className="controls">
            <button type="button" className="secondary" aria-pressed={muted} data-testid="call-mute" onClick={() => desk.setMuted(!muted)}>
              {muted ? <Bi zh="取消静音" en="Unmute" /> : <Bi zh="静音" en="Mute" />}
            </button>
            <button type="button" className="secondary" aria-pressed={cameraOff} data-testid="call-camera" onClick={() => desk.setCameraOff(!cameraOff)}>
              {cameraOff ? <Bi zh="打开摄像头" en="Camera on" /> : <Bi zh="关闭摄像头" en="Camera off" />}
            </button>
            <button type="button" className="danger" data-testid="call-end" onClick={() => setEnding(true)}>
              <Bi zh="结束通话" en="End call" />
            </button>
          </div>
        )}
        {/* No outcome is preselected, even when the resident hung up: the record should say what happened. */}
        {(ending || over) && <OutcomeForm over={over} saving={desk.saving} defaultOutcome={null} onCancel={over ? null : () => setEnding(false)} onSave={desk.end} />}
      </div>
      {keepsRecord && (
        <div className="call-side call-record">
          <RecordPane room={desk.roomView} record={desk.record} onType={desk.typeRecord} onSave={desk.saveRecord} onResolve={desk.resolveRecord} />
        </div>
      )}
      {!over && (
        <div className="call-side">
          <HearingControls room={desk.roomView} act={desk.act} recordUnsaved={desk.record.draft !== desk.record.saved} />
          <RoomNotices room={desk.roomView} lang="zh-CN" words={roomNoticeWords['zh-CN']} />
          <RecordingConsent room={desk.roomView} act={desk.act} />
          <Participants room={desk.roomView} speaking={speaking} act={desk.act} />
          {/* With the record beside the video, the case file goes under the participants: three columns, one row. */}
          {keepsRecord && seesCaseFile && <IntakeCard call={call} />}
        </div>
      )}
      {seesCaseFile && !keepsRecord && (
        <div className="call-side">
          <IntakeCard call={call} />
        </div>
      )}
    </div>
  );
}

function OutcomeForm(props: { over: boolean; saving: boolean; defaultOutcome: CallOutcome | null; onCancel: (() => void) | null; onSave: (o: CallOutcome, notes: string) => void }) {
  const [outcome, setOutcome] = useState<CallOutcome | null>(props.defaultOutcome);
  const [notes, setNotes] = useState('');
  return (
    <form
      className="outcome"
      data-testid="call-outcome"
      onSubmit={(e) => {
        e.preventDefault();
        if (outcome) props.onSave(outcome, notes.trim());
      }}
    >
      <fieldset>
        <legend>
          <Bi zh="本次通话结果" en="Outcome of this call" />
        </legend>
        {callOutcomes.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="outcome" value={o} checked={outcome === o} data-testid={`call-outcome-${o}`} onChange={() => setOutcome(o)} />
            <Bi {...outcomeLabels[o]} />
          </label>
        ))}
      </fieldset>
      <label htmlFor="outcome-notes">
        <Bi zh="备注" en="Notes" />
      </label>
      <textarea id="outcome-notes" data-testid="call-outcome-notes" maxLength={MAX_CALL_NOTES} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div className="outcome-actions">
        {props.onCancel && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            <Bi zh="继续通话" en="Back to the call" />
          </button>
        )}
        <button type="submit" className="danger" data-testid="call-outcome-save" disabled={!outcome || props.saving}>
          {props.over ? <Bi zh="保存结果" en="Save outcome" /> : <Bi zh="结束通话并保存" en="End call and save" />}
        </button>
      </div>
    </form>
  );
}
