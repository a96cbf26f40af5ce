import { useEffect, useState } from 'react';
import { keptDeadline, receiptShownMs, remaining } from './receiptCountdown.js';
import { useTranslation } from 'react-i18next';
import { nextStepOnFiling } from '../../shared/cases/residentStage.js';
import type { KioskApi } from '../../shared/contract.js';
import type { Language, Receipt } from '../../shared/intake.js';
import { CallMediatorButton } from '../call/CallMediatorButton.js';
import { courtDateTime } from '../i18n/courtTime.js';
import { DeliveryState } from './DeliveryState.js';
import { ProvisionalNumber } from './ProvisionalNumber.js';
import { ReceiptPrintNotice, ReceiptQrPanel, ReceiptRows, ReceiptSections } from './ReceiptDetails.js';
import { ScrollArea } from '../ui/ScrollArea.js';
import { useReceiptPrint, useReceiptView } from './useReceipt.js';
import './receipt.css';

/** Shown only with a receipt the agent returned after its durable commit. */
interface ReceiptScreenProps {
  api: KioskApi;
  receipt: Receipt;
  language: Language;
  /** The standard time on screen; elderly mode gets longer (receiptCountdown.ts). */
  autoReturnMs: number;
  elderly: boolean;
  onDone: () => void;
  onCallMediator?: () => void;
}

export function ReceiptScreen({ api, receipt, language, autoReturnMs, elderly, onDone, onCallMediator }: ReceiptScreenProps) {
  const { t, i18n } = useTranslation();
  const { view, refresh } = useReceiptView(api, receipt.submissionId, language);
  const printing = useReceiptPrint(api, receipt.submissionId, language, refresh);
  // The resident asked for video mediation now: talking to a mediator is the next thing to do.
  const videoNow = view?.document.processMode === 'video_now' && onCallMediator !== undefined;
  const shownMs = receiptShownMs(autoReturnMs, elderly);
  const [deadline, setDeadline] = useState(() => Date.now() + shownMs);
  const [now, setNow] = useState(() => Date.now());
  const keep = () => setDeadline((d) => keptDeadline(d, shownMs, Date.now()));
  // Elderly mode switched on while the receipt is up: its longer time counts from now (adjusted
  // while rendering, React's way for state that follows a prop).
  const [shownFor, setShownFor] = useState(shownMs);
  if (shownFor !== shownMs) {
    setShownFor(shownMs);
    setDeadline((d) => keptDeadline(d, shownMs, Date.now()));
  }

  useEffect(() => {
    const timer = setInterval(
      () => {
        const at = Date.now();
        if (at >= deadline) {
          clearInterval(timer);
          onDone();
        } else {
          setNow(at);
        }
      },
      Math.min(250, shownMs),
    );
    return () => clearInterval(timer);
  }, [deadline, shownMs, onDone]);
  const left = remaining(deadline, now);

  return (
    <section className="screen screen-receipt" aria-labelledby="receipt-title" data-testid="receipt">
      {/* What to do next and the time limits lie below the fold on a 1280×800 display in elderly mode. */}
      <ScrollArea className="receipt-scroll">
        <div className="receipt-card">
          <div className="receipt-heading">
            <div className="receipt-heading-title">
              <div className="receipt-check" aria-hidden="true" />
              <h1 id="receipt-title" className="receipt-title">
                {t('receipt.title')}
              </h1>
            </div>
            <DeliveryState view={view} elderly={elderly} />
          </div>
          <div className="receipt-body">
            <div className="receipt-main">
              <div className="receipt-number">
                <span className="receipt-number-label">{t('receipt.provisionalNumber')}</span>
                <ProvisionalNumber number={receipt.provisionalNumber} />
              </div>
              <ReceiptPrintNotice provisionalNumber={receipt.provisionalNumber} print={printing.state} />
              {/* Polite: the case number the court's acknowledgement brings is read out without interrupting. */}
              <dl className="fact-list" aria-live="polite">
                {view ? (
                  <ReceiptRows view={view} />
                ) : (
                  <div className="fact-row">
                    <dt>{t('receipt.submittedAt')}</dt>
                    <dd data-testid="submitted-at">{courtDateTime(receipt.submittedAt, i18n.language)}</dd>
                  </div>
                )}
              </dl>
            </div>
            <ReceiptQrPanel view={view} print={printing.state} onPrint={printing.print} />
          </div>
          {view ? (
            <ReceiptSections view={view} />
          ) : (
            <>
              <h2 className="receipt-next-title">{t('receipt.nextStepsTitle')}</h2>
              <ul className="receipt-next">
                <li>{t(`receipt.nextSteps.${nextStepOnFiling}`)}</li>
                <li>{t('receipt.nextSteps.keepNumber')}</li>
              </ul>
            </>
          )}
        </div>
      </ScrollArea>
      <div className="action-bar receipt-actions">
        <div className="receipt-auto-return">
          <p data-testid="receipt-auto-return" data-seconds={left.totalSeconds}>
            {left.minutes > 0 ? t('receipt.autoReturnMinutes', { minutes: left.minutes, seconds: left.seconds }) : t('receipt.autoReturn', { seconds: left.seconds })}
          </p>
          <button type="button" className="button button-secondary receipt-keep" data-testid="receipt-keep" onClick={keep}>
            {t('receipt.keep')}
          </button>
        </div>
        {onCallMediator && !videoNow && <CallMediatorButton onCall={onCallMediator} />}
        <button type="button" className={`button ${videoNow ? 'button-secondary' : 'button-primary'}`} data-testid="done" onClick={onDone}>
          {t('receipt.done')}
        </button>
        {videoNow && onCallMediator && <CallMediatorButton onCall={onCallMediator} variant="primary" />}
      </div>
    </section>
  );
}
