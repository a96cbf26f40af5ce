import { useEffect, useLayoutEffect, useRef } from 'react';
import type { CallRoom } from '../../../shared/call.js';
import { HEARING_RECORD_MAX_CHARS, RECORD_SAVE_PAUSE_MS } from '../../../shared/rooms/hearingRecord.js';
import { may, roomRoleOf } from '../../../shared/rooms/roleTable.js';
import { Bi } from '../bilingual.js';
import { mayAutosave, type RecordKeeping } from './recordKeeping.js';

// The record (笔录) beside the video, for whoever keeps it (the role table's 'keep_record': the
// judge, the clerk). Saved a pause after the last keystroke, or by the button; a save refused as
// stale shows the newest version beside the keeper's own text, which is never thrown away. Once
// the hearing is closed the box is read-only and each party's answer (signed / refused) arrives.

const answerWords = {
  waiting: { zh: '待签名', en: 'waiting' },
  signed: { zh: '已签名', en: 'signed' },
  refused: { zh: '拒绝签名', en: 'refused to sign' },
} as const;

export interface RecordPaneProps {
  room: CallRoom | null;
  record: RecordKeeping;
  onType: (text: string) => void;
  onSave: () => void;
  onResolve: (choice: 'takeLatest' | 'keepMine') => void;
}

export function RecordPane({ room, record, onType, onSave, onResolve }: RecordPaneProps) {
  const open = room?.hearing?.phase === 'open';
  const due = open && mayAutosave(record);
  // The desk re-renders with every speaker change: the pause is timed from the last keystroke only.
  const save = useRef(onSave);
  useLayoutEffect(() => {
    save.current = onSave;
  });
  useEffect(() => {
    if (!due) return;
    const timer = setTimeout(() => save.current(), RECORD_SAVE_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [due, record.draft]);

  if (!room?.hearing || !may(roomRoleOf(room.selfRole ?? 'mediator'), 'keep_record')) return null;
  const unsaved = record.draft !== record.saved;
  return (
    <section className="record-pane" data-testid="record-pane" data-version={record.version} aria-labelledby="record-pane-title">
      <div className="record-head">
        <h3 id="record-pane-title">
          <Bi zh="庭审笔录" en="Record of the hearing" />
        </h3>
        <span className="record-state" role="status" data-testid="record-state" data-state={record.saving ? 'saving' : record.failed ? 'failed' : unsaved ? 'unsaved' : 'saved'}>
          {record.version > 0 && <Bi zh={`第 ${record.version} 稿`} en={`version ${record.version}`} />}
          {' · '}
          {record.saving ? (
            <Bi zh="正在保存…" en="saving…" />
          ) : record.failed ? (
            <Bi zh="保存失败，文字仍在，请重试" en="not saved: your text is kept, try again" />
          ) : unsaved ? (
            <Bi zh="未保存" en="not saved yet" />
          ) : (
            <Bi zh="已保存" en="saved" />
          )}
        </span>
      </div>
      {record.conflict && (
        <div className="record-conflict" role="alert" data-testid="record-conflict">
          <p>
            <Bi
              zh={`另一处已保存了更新的第 ${record.conflict.version} 稿，您的这次保存未被采用。您的文字仍在下方，没有丢失。`}
              en={`A newer version (${record.conflict.version}) was saved elsewhere, so your save was refused. Your text is kept below.`}
            />
          </p>
          <p className="record-latest-label">
            <Bi zh="最新一稿：" en="The latest version:" />
          </p>
          <pre className="record-latest" data-testid="record-latest">
            {record.conflict.text}
          </pre>
          <div className="record-buttons">
            <button type="button" data-testid="record-take-latest" onClick={() => onResolve('takeLatest')}>
              <Bi zh="采用最新一稿" en="Use the latest version" />
            </button>
            <button type="button" className="secondary" data-testid="record-keep-mine" onClick={() => onResolve('keepMine')}>
              <Bi zh="保留我的文字，另存为新一稿" en="Keep my text and save it as the next version" />
            </button>
          </div>
        </div>
      )}
      <textarea
        className="record-text"
        data-testid="record-text"
        aria-labelledby="record-pane-title"
        maxLength={HEARING_RECORD_MAX_CHARS}
        value={record.draft}
        readOnly={!open || record.conflict !== null}
        placeholder="审判员：现在开庭……"
        onChange={(e) => onType(e.target.value)}
      />
      {open && (
        <div className="record-buttons">
          <button type="button" data-testid="record-save" disabled={!unsaved || record.saving || record.conflict !== null} onClick={onSave}>
            <Bi zh="保存" en="Save" />
          </button>
        </div>
      )}
      {room.hearing.phase === 'closed' && record.version === 0 && (
        <p className="notice" role="status">
          <Bi zh="本次庭审未保存笔录，无需签名。" en="No record was saved for this hearing: nothing to sign." />
        </p>
      )}
      {record.signing && (
        <div className="record-signing" data-testid="record-signing" data-stored={record.signing.stored}>
          <h4>
            <Bi zh={`各方签名（第 ${record.signing.version} 稿）`} en={`Signatures (version ${record.signing.version})`} />
          </h4>
          <ul>
            {record.signing.signers.map((s, i) => (
              <li key={i} data-testid="record-signer" data-answer={s.answer} className={`record-signer-${s.answer}`}>
                <strong>{s.label}</strong> <Bi {...answerWords[s.answer]} />
              </li>
            ))}
          </ul>
          {record.signing.stored && (
            <p className="record-stored" role="status" data-testid="record-stored">
              <Bi zh="签名后的笔录已存入案件。" en="The signed record is stored with the case." />
            </p>
          )}
        </div>
      )}
    </section>
  );
}
