import './hearing.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { Language } from '../../shared/intake.js';
import type { PendingRecordPrompt, RecordToSign } from '../../shared/rooms/hearingRecord.js';
import { PartyIdentityForm, type PartyClaim } from './PartyIdentityForm.js';
import { RecordSigning } from './RecordSigningScreen.js';
import { recordUnlockMessage, type RecordUnlockRefused } from './recordUnlockWords.js';

// A hearing's record this terminal's party still has to sign after the call is over (the kiosk was
// away when the judge closed the hearing, the call ended first, or the hub restarted). The agent
// holds only that one is waiting (call.pendingRecord: no names, no text); it is offered only on the
// home screen with no resident's data in hand, so nobody filing or checking a case is interrupted.
// A village kiosk is public: whoever taps "Read and sign" gives the party's name and ID ending
// (./PartyIdentityForm.tsx), the hub checks them against the party the round waits for
// (server/hearing/recordUnlock.ts), and only then is the text sent, straight to this screen.
// "Not me" puts the prompt away until the kiosk is home again.

/** `tries`: a refused claim starts the form afresh, so wrong digits are not left on show. */
type Step = { at: 'waiting' } | { at: 'identity'; refused: RecordUnlockRefused | null; busy: boolean; tries: number } | { at: 'reading'; record: RecordToSign };

interface PendingRecordProps {
  api: KioskApi;
  enabled: boolean;
  language: Language;
  elderly: boolean;
  onShown: (shown: boolean) => void;
  /** Past the prompt (the party's identity being typed, or the record on screen): the kiosk's idle wipe must run. */
  onHolding: (holding: boolean) => void;
}

export function PendingRecord({ api, enabled, language, elderly, onShown, onHolding }: PendingRecordProps) {
  const { t } = useTranslation();
  const [prompt, setPrompt] = useState<PendingRecordPrompt | null>(null);
  const [step, setStep] = useState<Step>({ at: 'waiting' });
  const [later, setLater] = useState(false);
  // Asked again after an answer, so a second waiting record follows the first.
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const ask = () =>
      void api.call('call.pendingRecord').then((r) => {
        if (live && r.ok) setPrompt((shown) => shown ?? r.value);
      });
    ask();
    const stop = api.on('call.pendingRecord', ask);
    return () => {
      live = false;
      stop();
    };
  }, [api, enabled, asked]);

  const shown = enabled && !later && prompt !== null;
  useEffect(() => onShown(shown), [shown, onShown]);
  // A village kiosk is public: typed digits or an unlocked record must not stay for the next person.
  const holding = shown && step.at !== 'waiting';
  useEffect(() => {
    onHolding(holding);
    return () => onHolding(false);
  }, [holding, onHolding]);
  if (!shown) return null;
  const done = () => {
    setPrompt(null);
    setStep({ at: 'waiting' });
    setAsked((n) => n + 1);
  };
  if (step.at === 'reading') return <RecordSigning key={`${step.record.callId}:${step.record.version}`} api={api} record={step.record} onDone={done} />;
  if (step.at === 'identity') {
    const claim = (c: PartyClaim) => {
      const { tries } = step;
      setStep({ ...step, busy: true });
      void api.call('call.unlockRecord', { callId: prompt.callId, ...c }).then((r) => {
        if (!r.ok) return setStep({ at: 'identity', refused: null, busy: false, tries });
        if (r.value.unlocked) return setStep({ at: 'reading', record: r.value.record });
        if (r.value.reason === 'gone') return done();
        setStep({ at: 'identity', refused: r.value, busy: false, tries: tries + 1 });
      });
    };
    return (
      <div className="record-signing-screen record-identity" role="dialog" aria-modal="true" aria-labelledby="call-identity-title" data-testid="record-identity">
        <PartyIdentityForm
          key={step.tries}
          language={language}
          elderly={elderly}
          title={t('call.record.identityTitle')}
          hint={t('call.record.identityHint')}
          refused={step.refused ? { reason: step.refused.reason, message: recordUnlockMessage(t, step.refused) } : null}
          busy={step.busy}
          onClaim={claim}
          onBack={() => setStep({ at: 'waiting' })}
        />
      </div>
    );
  }
  return <RecordWaiting onOpen={() => setStep({ at: 'identity', refused: null, busy: false, tries: 0 })} onLater={() => setLater(true)} />;
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
