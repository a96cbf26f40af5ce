import './hearing.css';
import { useState } from 'react';
import type { CallRoom } from '../../../shared/call.js';
import type { RoomHearingRequest } from '../../../shared/rooms/hearing.js';
import { isParty, may, roomRoleLabels, roomRoleOf } from '../../../shared/rooms/roleTable.js';
import { Bi } from '../bilingual.js';

// The judge's hearing controls at the desk (shared/rooms/hearing.ts): open the call as a hearing
// (the hub asks everyone's consent to the mandatory recording at once), hold the floor (mute all,
// give it to one party, open it to all), close it (the record then goes to the parties to sign).
// Everyone at the desk sees the floor's state; only the role table's 'hold_hearing' sees buttons.

export function HearingControls({ room, act, recordUnsaved }: { room: CallRoom | null; act: (frame: RoomHearingRequest) => void; recordUnsaved: boolean }) {
  const [closing, setClosing] = useState(false);
  if (!room) return null;
  const holds = may(roomRoleOf(room.selfRole ?? 'mediator'), 'hold_hearing');
  const hearing = room.hearing;
  if (!hearing && !holds) return null;
  const holder = hearing?.floor ? room.peers.find((p) => p.peerId === hearing.floor) : undefined;
  const floorState = !hearing || hearing.phase !== 'open' ? null : !hearing.quiet ? 'open' : holder ? 'given' : 'judge';
  const parties = room.peers.filter((p) => isParty(roomRoleOf(p.role)));

  return (
    <section className="hearing-controls" data-testid="hearing-controls" data-phase={hearing?.phase ?? 'none'} aria-label="庭审 Hearing">
      <h3>
        <Bi zh="在线庭审" en="Online hearing" />
      </h3>
      {!hearing && (
        <>
          <p className="hearing-note">
            <Bi zh="开庭后全程录音录像，并征求各方同意；您掌握发言权。" en="A hearing is recorded throughout, with everyone's consent asked; you hold the floor." />
          </p>
          <button type="button" data-testid="hearing-open" onClick={() => act({ t: 'room.hearing', step: 'open' })}>
            <Bi zh="以庭审方式开庭" en="Open as a hearing" />
          </button>
        </>
      )}
      {floorState && (
        <p className={`hearing-floor hearing-floor-${floorState}`} role="status" data-testid="hearing-floor" data-floor={floorState === 'given' ? roomRoleOf(holder!.role) : floorState}>
          {floorState === 'open' && <Bi zh="发言：各方均可发言" en="Floor: everyone may speak" />}
          {floorState === 'judge' && <Bi zh="发言：全体静音，仅审判员发言" en="Floor: all muted, only the judge speaks" />}
          {floorState === 'given' && <Bi zh={`发言：${roomRoleLabels[holder!.role].zh}（其他人静音）`} en={`Floor: ${roomRoleLabels[holder!.role].en} (others muted)`} />}
        </p>
      )}
      {holds && hearing?.phase === 'open' && !closing && (
        <div className="hearing-buttons">
          <button type="button" className="secondary" data-testid="hearing-mute-all" aria-pressed={floorState === 'judge'} onClick={() => act({ t: 'room.hearing', step: 'mute_all' })}>
            <Bi zh="全体静音" en="Mute all" />
          </button>
          <button type="button" className="secondary" data-testid="hearing-open-floor" aria-pressed={floorState === 'open'} onClick={() => act({ t: 'room.hearing', step: 'open_floor' })}>
            <Bi zh="开放发言" en="Open the floor" />
          </button>
          {parties.map((p) => (
            <button
              key={p.peerId}
              type="button"
              className="secondary"
              data-testid={`hearing-give-floor-${roomRoleOf(p.role)}`}
              aria-pressed={hearing.floor === p.peerId}
              onClick={() => act({ t: 'room.hearing', step: 'give_floor', peerId: p.peerId })}
            >
              <Bi zh={`请${roomRoleLabels[p.role].zh}发言`} en={`Floor to ${roomRoleLabels[p.role].en}`} />
            </button>
          ))}
          <button type="button" className="danger" data-testid="hearing-close" onClick={() => setClosing(true)}>
            <Bi zh="闭庭" en="Close the hearing" />
          </button>
        </div>
      )}
      {holds && hearing?.phase === 'open' && closing && (
        <div className="hearing-closing" role="alertdialog" aria-labelledby="hearing-closing-title">
          <p id="hearing-closing-title">
            <Bi zh="闭庭后录制停止，笔录最新保存的一稿将送各方阅读签名。" en="Closing stops the recording and sends the last saved version of the record to every party to read and sign." />
          </p>
          {recordUnsaved && (
            <p className="notice" role="alert" data-testid="hearing-close-unsaved">
              <Bi zh="笔录有尚未保存的修改，请先保存。" en="The record has changes not yet saved: save it first." />
            </p>
          )}
          <div className="hearing-buttons">
            <button type="button" className="secondary" onClick={() => setClosing(false)}>
              <Bi zh="继续庭审" en="Back to the hearing" />
            </button>
            <button
              type="button"
              className="danger"
              data-testid="hearing-close-confirm"
              disabled={recordUnsaved}
              onClick={() => {
                setClosing(false);
                act({ t: 'room.hearing', step: 'close' });
              }}
            >
              <Bi zh="确认闭庭" en="Close the hearing" />
            </button>
          </div>
        </div>
      )}
      {hearing?.phase === 'closed' && (
        <p className="hearing-note" role="status" data-testid="hearing-closed">
          <Bi zh="已闭庭。笔录已送各方签名。" en="The hearing is closed. The record went to the parties to sign." />
        </p>
      )}
    </section>
  );
}
