import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import { COUNTER_IDLE_SIGN_OUT_MS, type CounterState } from '../../shared/counter/counterSession.js';
import type { Language, Receipt } from '../../shared/intake.js';
import { translateErrorKey } from '../i18n/index.js';
import { ReceiptScreen } from '../receipt/ReceiptScreen.js';
import { parseApplication, type SignatureValue } from '../wizard/applicationCandidate.js';
import { CameraDialog } from '../wizard/evidence/CameraDialog.js';
import { PhotoShelf } from '../wizard/evidence/photoShelf.js';
import { attachmentsOf } from '../wizard/submitApplication.js';
import type { AppDraft } from '../wizard/questions.js';
import { counterAnswer, counterSteps, fillFromCard, firstIncompleteStep, newCounterApplication, stepIssues, type CardTarget, type CounterStep } from './counterForm.js';
import { ClaimsForm, EvidenceForm } from './CounterDispute.js';
import { ApplicantForm, RespondentsForm } from './CounterParties.js';
import { SignaturePadField } from '../ui/SignaturePadField.js';
import { CounterSignIn } from './CounterSignIn.js';
import { ResidentDeclaration } from './ResidentDeclaration.js';
import './counter.css';

// Counter staff mode (远程服务柜台): sign in, then one screen per part of the application for the
// clerk's keyboard (Enter goes on, errors beside their fields), the resident's declaration and
// signature by touch, then the receipt. The filing goes through the agent's durable outbox as the
// signed-in clerk's. Signing out, idling or finishing leaves nothing of the resident on screen or disk.

interface Filing {
  submissionId: string;
  app: AppDraft;
  signature: SignatureValue | null;
}
/** The receipt stays until the clerk starts the next filing, or this long (the clerk is there: no elderly extension). */
const RECEIPT_SHOWN_MS = 120_000;
const newFiling = (): Filing => ({ submissionId: crypto.randomUUID(), app: newCounterApplication(), signature: null });

export function CounterScreen({ api, language, onExit }: { api: KioskApi; language: Language; onExit: () => void }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<CounterState | null>(null);
  const [filing, setFiling] = useState<Filing>(newFiling);
  const [step, setStep] = useState<CounterStep>('applicant');
  // Paths whose errors the clerk has been shown; each stays until its field is right.
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [cardPhoto, setCardPhoto] = useState<{ target: string; dataUrl: string } | null>(null);
  const [camera, setCamera] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const photos = useMemo(() => new PhotoShelf(api), [api]);

  useEffect(() => {
    void api.call('counter.state').then((r) => r.ok && setState(r.value));
  }, [api]);

  const startAfresh = useCallback(() => {
    photos.clear();
    setFiling(newFiling());
    setStep('applicant');
    setShown(new Set());
    setReceipt(null);
    setCardPhoto(null);
    setNotice(null);
  }, [photos]);

  const signOut = useCallback(async () => {
    startAfresh();
    const r = await api.call('counter.signOut');
    if (r.ok) setState(r.value);
  }, [api, startAfresh]);

  // Idle sign-out: untouched for COUNTER_IDLE_SIGN_OUT_MS, everything goes (the agent wipes the rest).
  const signedIn = state?.staff != null;
  useEffect(() => {
    if (!signedIn) return;
    let timer = setTimeout(() => void signOut(), COUNTER_IDLE_SIGN_OUT_MS);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void signOut(), COUNTER_IDLE_SIGN_OUT_MS);
    };
    const events = ['keydown', 'pointerdown'] as const;
    events.forEach((e) => window.addEventListener(e, touch, true));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, touch, true));
    };
  }, [signedIn, signOut]);

  const errors = useMemo(
    () =>
      shown.size === 0
        ? {}
        : Object.fromEntries(
            stepIssues(step, filing.app, filing.signature)
              .filter((i) => shown.has(i.path))
              .map((i) => [i.path, i.message]),
          ),
    [shown, step, filing],
  );

  const answer = useCallback((path: string, value: unknown) => setFiling((f) => ({ ...f, app: counterAnswer(f.app, path, value) })), []);

  if (!state) return null;
  if (!state.staff) return <CounterSignIn api={api} onSignedIn={setState} onCancel={onExit} />;
  if (receipt) return <ReceiptScreen api={api} receipt={receipt} language={language} autoReturnMs={RECEIPT_SHOWN_MS} elderly={false} onDone={startAfresh} />;

  const goOn = async (e?: FormEvent) => {
    e?.preventDefault();
    const issues = stepIssues(step, filing.app, filing.signature);
    setShown(new Set(issues.map((i) => i.path)));
    if (issues.length > 0) {
      document.getElementById(`counter-${issues[0]!.path.replaceAll('.', '-')}`)?.focus();
      return;
    }
    if (step !== 'sign') {
      setStep(counterSteps[counterSteps.indexOf(step) + 1]!);
      return;
    }
    const stuck = firstIncompleteStep(filing.app, filing.signature);
    const application = parseApplication(filing.app, filing.signature);
    if (stuck || !application) return setStep(stuck ?? 'applicant');
    setBusy(true);
    const attachments = attachmentsOf(application);
    const r = await api.call('counter.submit', { submissionId: filing.submissionId, language, application, ...(attachments.length > 0 ? { attachments } : {}) });
    setBusy(false);
    if (r.ok) {
      photos.clear();
      setCardPhoto(null);
      setReceipt(r.value);
    } else setNotice(r.error.issues?.[0]?.message ?? 'counter.errors.submit');
  };

  const readCard = async (target: CardTarget) => {
    const r = await api.call('idCard.read');
    if (!r.ok) return setNotice(r.error.issues?.[0]?.message ?? 'counter.card.readerFault');
    setNotice(null);
    setFiling((f) => ({ ...f, app: fillFromCard(f.app, r.value, target) }));
    setCardPhoto({ target: target.party === 'applicant' ? 'applicant' : `respondent-${target.index}`, dataUrl: r.value.photoDataUrl });
  };

  const common = { app: filing.app, errors, onAnswer: answer };
  const party = { ...common, onReadCard: state.reader ? (target: CardTarget) => void readCard(target) : null, cardPhoto };
  const title = t(`counter.steps.${step}`);
  const index = counterSteps.indexOf(step);

  return (
    <section className="screen counter-screen" aria-labelledby="counter-step-title">
      <header className="counter-bar">
        <p className="counter-who" data-testid="counter-who">
          {t('counter.signedInAs', { name: state.staff.displayName, site: state.staff.siteName })}
        </p>
        <button type="button" className="button button-secondary" data-testid="counter-sign-out" onClick={() => void signOut()}>
          {t('counter.signOut')}
        </button>
      </header>
      <nav className="counter-progress" aria-label={t('counter.progress')}>
        <ol>
          {counterSteps.map((s, i) => (
            <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'is-current' : i < index ? 'is-done' : ''}>
              {t(`counter.steps.${s}`)}
            </li>
          ))}
        </ol>
      </nav>
      <form className="counter-card" onSubmit={(e) => void goOn(e)} noValidate data-testid={`counter-step-${step}`}>
        <h1 id="counter-step-title" className="counter-title">
          {title}
        </h1>
        {notice && (
          <p className="counter-error" role="alert" data-testid="counter-notice">
            {notice.startsWith('errors.') ? translateErrorKey(i18n, notice) : t(notice)}
          </p>
        )}
        {step === 'applicant' && <ApplicantForm {...party} />}
        {step === 'respondents' && (
          <RespondentsForm
            {...party}
            onAdd={() => answer(`respondents.${filing.app.respondents?.length ?? 0}`, { kind: 'person' })}
            onRemove={(i) =>
              answer(
                'respondents',
                (filing.app.respondents ?? []).filter((_, j) => j !== i),
              )
            }
          />
        )}
        {step === 'claims' && <ClaimsForm {...common} />}
        {step === 'evidence' && <EvidenceForm {...common} onPhoto={setCamera} />}
        {step === 'sign' && (
          <>
            <ResidentDeclaration {...common} />
            <SignaturePadField
              testId="counter-signature"
              className="counter-signature"
              signature={filing.signature?.pngDataUrl ?? null}
              error={errors.signature ? translateErrorKey(i18n, errors.signature) : null}
              onSigned={(pngDataUrl) => setFiling((f) => ({ ...f, signature: { pngDataUrl, signedAt: new Date().toISOString() } }))}
              onCleared={() => setFiling((f) => ({ ...f, signature: null }))}
            />
            {errors.signature && (
              <p className="counter-error" data-testid="counter-error-signature">
                {translateErrorKey(i18n, errors.signature)}
              </p>
            )}
          </>
        )}
        <div className="counter-actions">
          {index > 0 && (
            <button type="button" className="button button-secondary" onClick={() => setStep(counterSteps[index - 1]!)}>
              {t('counter.back')}
            </button>
          )}
          <button type="submit" className="button button-primary" data-testid="counter-next" disabled={busy}>
            {step === 'sign' ? t('counter.submit') : t('counter.next')}
          </button>
        </div>
      </form>
      {camera !== null && (
        <CameraDialog
          title={t('counter.takePhoto')}
          onCapture={async (jpeg) => {
            const sha = await photos.add(filing.submissionId, jpeg);
            if (sha) answer(`evidence.${camera}.photos`, [...(filing.app.evidence?.[camera]?.photos ?? []), sha]);
            return sha !== null;
          }}
          onClose={() => setCamera(null)}
        />
      )}
    </section>
  );
}
