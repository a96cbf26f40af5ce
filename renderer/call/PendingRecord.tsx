import './hearing.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { RecordToSign } from '../../shared/rooms/hearingRecord.js';
import { RecordSigning } from './RecordSigningScreen.js';

// A hearing's record this terminal's party still has to sign after the call is over (the kiosk was
// away when the judge closed the hearing, the call ended first, or the hub restarted). The agent
// holds what the hub sent (call.pendingRecord); it is offered only on the home screen with no
// resident's data in hand, so nobody filing or checking a case is interrupted. Whoever stands at
// the kiosk is asked first whether they were a party, so the record's text is not on show to a
// passer-by: "Not me" puts it away until the kiosk is home again.

export function PendingRecord({ api, enabled, onShown }: { api: KioskApi; enabled: boolean; onShown: (shown: boolean) => void }) {
  const [record, setRecord] = useState<RecordToSign | null>(null);
  const [reading, setReading] = useState(false);
  const [later, setLater] = useState(false);
  // Asked again after an answer, so a second waiting record follows the first.
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const ask = () =>
      void api.call('call.pendingRecord').then((r) => {
        if (live && r.ok) setRecord((shown) => shown ?? r.value);
      });
    ask();
    const stop = api.on('call.pendingRecord', ask);
    return () => {
      live = false;
      stop();
    };
  }, [api, enabled, asked]);

  const shown = enabled && !later && record !== null;
  useEffect(() => onShown(shown), [shown, onShown]);
  if (!shown) return null;
  if (reading) {
    const done = () => {
      setRecord(null);
      setReading(false);
      setAsked((n) => n + 1);
    };
    return <RecordSigning key={`${record.callId}:${record.version}`} api={api} record={record} onDone={done} />;
  }
  return <RecordWaiting onOpen={() => setReading(true)} onLater={() => setLater(true)} />;
}

function RecordWaiting({ onOpen, onLater }: { onOpen: () => void; onLater: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="record-signing-screen record-waiting" role="dialog" aria-modal="true" aria-labelledby="record-waiting-title" data-testid="record-waiting">
      <div className="record-waiting-body">
        <h1 id="record-waiting-title" className="screen-title">
          {t('call.record.waitingTitle')}
        </h1>
        <p className="screen-intro">{t('call.record.waitingBody')}</p>
      </div>
      <div className="action-bar">
        <div className="action-buttons">
          <button type="button" className="button button-secondary" data-testid="record-waiting-later" onClick={onLater}>
            {t('call.record.waitingLater')}
          </button>
          <button type="button" className="button button-primary" data-testid="record-waiting-open" onClick={onOpen}>
            {t('call.record.waitingOpen')}
          </button>
        </div>
      </div>
    </section>
  );
}
