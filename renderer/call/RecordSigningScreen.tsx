import './hearing.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { RecordToSign } from '../../shared/rooms/hearingRecord.js';
import { scrollMotion } from '../ui/motion.js';
import { SignaturePadField } from '../ui/SignaturePadField.js';

// The end of an online hearing at the kiosk: the record (笔录) the clerk or judge kept, to read on
// a screen of its own (large type, scrolled by finger or by two big buttons) and then to sign by
// hand on the shared pad, or to refuse (asked once more: a refusal is written into the record).
// The answer goes to the hub through the agent; the screen says so only once the hub has it.

type Stage = 'read' | 'pad' | 'refusing' | 'sending' | 'signed' | 'refused';

export function RecordSigningScreen({ api, active }: { api: KioskApi; active: boolean }) {
  const [record, setRecord] = useState<RecordToSign | null>(null);
  useEffect(() => api.on('call.record', setRecord), [api]);
  if (!active || !record) return null;
  // A new version (the judge reopened nothing, but a late frame may repeat) starts the screen afresh.
  return <RecordSigning key={`${record.callId}:${record.version}`} api={api} record={record} onDone={() => setRecord(null)} />;
}

export function RecordSigning({ api, record, onDone }: { api: KioskApi; record: RecordToSign; onDone: () => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>('read');
  const [signature, setSignature] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Where the text is scrolled: the buttons that can do nothing more are disabled. */
  const [ends, setEnds] = useState({ top: true, bottom: true });
  const text = useRef<HTMLDivElement>(null);
  // Set after a refused answer, so the resident knows what to do again.
  const [failedFrom, setFailedFrom] = useState<'pad' | 'refusing' | null>(null);

  const measure = () => {
    const el = text.current;
    if (el) setEnds({ top: el.scrollTop <= 1, bottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 1 });
  };
  useEffect(measure, [stage]);
  const scroll = (direction: 1 | -1) => {
    const el = text.current;
    if (el) el.scrollBy({ top: direction * el.clientHeight * 0.8, behavior: scrollMotion() });
  };

  const answer = async (kind: 'sign' | 'refuse') => {
    const from = kind === 'sign' ? 'pad' : 'refusing';
    if (kind === 'sign' && !signature) return setError(t('call.record.signatureRequired'));
    setStage('sending');
    const base = { callId: record.callId, version: record.version };
    const r = await api.call('call.recordAnswer', kind === 'sign' ? { ...base, answer: 'sign', imagePngBase64: signature!.replace(/^data:image\/png;base64,/, '') } : { ...base, answer: 'refuse' });
    if (r.ok) return setStage(kind === 'sign' ? 'signed' : 'refused');
    setFailedFrom(from);
    setStage(from);
  };

  const lines = record.text.split('\n');
  return (
    <section className="record-signing-screen" role="dialog" aria-modal="true" aria-labelledby="record-signing-title" data-testid="record-signing" data-stage={stage}>
      <header className="record-signing-head">
        <h1 id="record-signing-title" className="screen-title">
          {t('call.record.title')}
        </h1>
        {stage === 'refusing' ? (
          <p className="record-signing-warning" role="alert">
            {t('call.record.refuseBody')}
          </p>
        ) : (
          <p className="screen-intro">
            {stage === 'read' && t('call.record.intro')}
            {stage === 'pad' && t('call.record.signIntro')}
          </p>
        )}
      </header>
      {(stage === 'read' || stage === 'refusing') && (
        <div className="record-signing-reader">
          <div ref={text} className="record-signing-text" data-testid="record-signing-text" lang="zh-CN" onScroll={measure}>
            <p className="record-signing-version">{t('call.record.version', { version: record.version })}</p>
            {lines.map((line, i) => (line.trim() === '' ? <br key={i} /> : <p key={i}>{line}</p>))}
          </div>
          <div className="record-signing-scroll">
            <button type="button" className="button button-secondary" data-testid="record-scroll-up" disabled={ends.top} onClick={() => scroll(-1)}>
              <span aria-hidden="true">▲</span> {t('call.record.scrollUp')}
            </button>
            <button type="button" className="button button-secondary" data-testid="record-scroll-down" disabled={ends.bottom} onClick={() => scroll(1)}>
              <span aria-hidden="true">▼</span> {t('call.record.scrollDown')}
            </button>
          </div>
        </div>
      )}
      {stage === 'pad' && (
        <SignaturePadField
          testId="record-signature"
          className="record-signing-pad"
          signature={signature}
          error={error}
          line={t('call.record.signHere')}
          onSigned={(png) => {
            setSignature(png);
            setError(null);
          }}
          onCleared={() => setSignature(null)}
        />
      )}
      {(stage === 'signed' || stage === 'refused' || stage === 'sending') && (
        <p className="record-signing-message" role="status" data-testid="record-signing-message" data-kind={stage}>
          {t(`call.record.${stage}`)}
        </p>
      )}
      {(error || failedFrom === stage) && (
        <p className="field-error record-signing-error" role="alert" data-testid="record-signing-error">
          {error ?? t('call.record.failed')}
        </p>
      )}
      <div className="action-bar">
        <div className="action-buttons">
          {stage === 'read' && (
            <>
              <button type="button" className="button button-secondary" data-testid="record-refuse" onClick={() => setStage('refusing')}>
                {t('call.record.refuse')}
              </button>
              <button type="button" className="button button-primary" data-testid="record-to-pad" onClick={() => setStage('pad')}>
                {t('call.record.toPad')}
              </button>
            </>
          )}
          {stage === 'pad' && (
            <>
              <button type="button" className="button button-secondary" data-testid="record-reread" onClick={() => setStage('read')}>
                {t('call.record.reread')}
              </button>
              <button type="button" className="button button-primary" data-testid="record-sign" onClick={() => void answer('sign')}>
                {t('call.record.sign')}
              </button>
            </>
          )}
          {stage === 'refusing' && (
            <>
              <button type="button" className="button button-secondary" data-testid="record-refuse-back" onClick={() => setStage('read')}>
                {t('call.record.back')}
              </button>
              <button type="button" className="button button-danger" data-testid="record-refuse-confirm" onClick={() => void answer('refuse')}>
                {t('call.record.refuseConfirm')}
              </button>
            </>
          )}
          {(stage === 'signed' || stage === 'refused') && (
            <button type="button" className="button button-primary record-signing-done" data-testid="record-signing-done" onClick={onDone}>
              {t('call.record.ok')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
