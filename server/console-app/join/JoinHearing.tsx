import { useState } from 'react';
import type { CallRoom } from '../../../shared/call.js';
import type { RecordAnswer, RecordToSign } from '../../../shared/rooms/hearingRecord.js';
import { JoinSignaturePad } from './JoinSignaturePad.js';
import { roleLabel, type joinWords, type JoinLanguage } from './joinWords.js';

// An online hearing on the join page (shared/rooms/hearing.ts): who has the floor while it is
// open, and at its end the record (笔录) to read and sign by hand, or refuse, on the party's own
// phone, as at the kiosk. The page says "signed" only once the hub has answered.

type Words = (typeof joinWords)['zh-CN'];

export function JoinHearingBanner({ room, words, language }: { room: CallRoom | null; words: Words; language: JoinLanguage }) {
  const hearing = room?.hearing;
  if (!room || hearing?.phase !== 'open') return null;
  const holder = hearing.floor ? room.peers.find((p) => p.peerId === hearing.floor) : undefined;
  const state = hearing.silenced ? 'silenced' : hearing.floor === room.selfId ? 'yourTurn' : 'open';
  const floor = { silenced: words.hearingSilenced, yourTurn: words.hearingYourTurn, open: words.hearingOpen }[state];
  return (
    <div className={`join-hearing join-hearing-${state}`} role="status" data-testid="join-hearing" data-state={state}>
      <p className="join-hearing-title">{words.hearingTitle}</p>
      <p className="join-hearing-floor">{floor}</p>
      {state === 'silenced' && <p>{holder ? words.hearingFloorWith.replace('{role}', roleLabel(holder.role, language)) : words.hearingJudgeOnly}</p>}
    </div>
  );
}

type Stage = 'read' | 'pad' | 'refusing' | 'sending' | 'signed' | 'refused';

export interface JoinRecordSigningProps {
  record: RecordToSign;
  words: Words;
  onAnswer: (answer: RecordAnswer) => Promise<boolean>;
  onDone: () => void;
  /** The page's language switch, kept reachable over the room. */
  onSwitchLanguage: () => void;
}

export function JoinRecordSigning({ record, words, onAnswer, onDone, onSwitchLanguage }: JoinRecordSigningProps) {
  const [stage, setStage] = useState<Stage>('read');
  const [signature, setSignature] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const answer = async (kind: 'sign' | 'refuse') => {
    const from = kind === 'sign' ? 'pad' : 'refusing';
    if (kind === 'sign' && !signature) return setError(words.recordSignatureRequired);
    setError(null);
    setStage('sending');
    const base = { callId: record.callId, version: record.version };
    const ok = await onAnswer(kind === 'sign' ? { ...base, answer: 'sign', imagePngBase64: signature!.replace(/^data:image\/png;base64,/, '') } : { ...base, answer: 'refuse' });
    if (ok) return setStage(kind === 'sign' ? 'signed' : 'refused');
    setError(words.recordFailed);
    setStage(from);
  };

  const message = { sending: words.recordSending, signed: words.recordSigned, refused: words.recordRefused } as const;
  return (
    <section className="join-record" role="dialog" aria-modal="true" aria-labelledby="join-record-title" data-testid="join-record" data-stage={stage}>
      <div className="join-top">
        <h2 id="join-record-title">{words.recordTitle}</h2>
        <button type="button" className="join-lang" onClick={onSwitchLanguage}>
          {words.switchLanguage}
        </button>
      </div>
      {stage === 'read' && <p>{words.recordIntro}</p>}
      {stage === 'pad' && <p>{words.recordSignIntro}</p>}
      {stage === 'refusing' && <p className="join-record-warning">{words.recordRefuseBody}</p>}
      {(stage === 'read' || stage === 'refusing') && (
        <div className="join-record-text" data-testid="join-record-text" lang="zh-CN">
          <p className="join-record-version">{words.recordVersion.replace('{version}', String(record.version))}</p>
          {record.text.split('\n').map((line, i) => (line.trim() === '' ? <br key={i} /> : <p key={i}>{line}</p>))}
        </div>
      )}
      {stage === 'pad' && (
        <JoinSignaturePad
          words={{ canvasLabel: words.recordCanvas, clear: words.recordClear, line: words.recordSignHere }}
          onSigned={(png) => {
            setSignature(png);
            setError(null);
          }}
          onCleared={() => setSignature(null)}
        />
      )}
      {(stage === 'sending' || stage === 'signed' || stage === 'refused') && (
        <p className="join-record-message" role="status" data-testid="join-record-message" data-kind={stage}>
          {message[stage]}
        </p>
      )}
      {error && (
        <p className="join-error" role="alert" data-testid="join-record-error">
          {error}
        </p>
      )}
      <div className="join-record-actions">
        {stage === 'read' && (
          <>
            <button type="button" className="join-enter" data-testid="join-record-to-pad" onClick={() => setStage('pad')}>
              {words.recordToPad}
            </button>
            <button type="button" className="join-record-secondary" data-testid="join-record-refuse" onClick={() => setStage('refusing')}>
              {words.recordRefuse}
            </button>
          </>
        )}
        {stage === 'pad' && (
          <>
            <button type="button" className="join-enter" data-testid="join-record-sign" onClick={() => void answer('sign')}>
              {words.recordSign}
            </button>
            <button type="button" className="join-record-secondary" data-testid="join-record-reread" onClick={() => setStage('read')}>
              {words.recordReread}
            </button>
          </>
        )}
        {stage === 'refusing' && (
          <>
            <button type="button" className="join-recording-refuse" data-testid="join-record-refuse-confirm" onClick={() => void answer('refuse')}>
              {words.recordRefuseConfirm}
            </button>
            <button type="button" className="join-record-secondary" data-testid="join-record-refuse-back" onClick={() => setStage('read')}>
              {words.recordBack}
            </button>
          </>
        )}
        {(stage === 'signed' || stage === 'refused') && (
          <button type="button" className="join-enter" data-testid="join-record-done" onClick={onDone}>
            {words.recordOk}
          </button>
        )}
      </div>
    </section>
  );
}
