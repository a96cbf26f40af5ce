import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { Language, Receipt } from '../../shared/intake.js';
import { CallMediatorButton } from '../call/CallMediatorButton.js';
import { courtDateTime } from '../i18n/courtTime.js';
import { ReceiptQrPanel, ReceiptRows, ReceiptSections } from './ReceiptDetails.js';
import { useReceiptPrint, useReceiptView } from './useReceipt.js';
import './receipt.css';

/** Shown only with a receipt the agent returned after its durable commit. */
interface ReceiptScreenProps {
  api: KioskApi;
  receipt: Receipt;
  language: Language;
  autoReturnMs: number;
  onDone: () => void;
  onCallMediator?: () => void;
}

export function ReceiptScreen({ api, receipt, language, autoReturnMs, onDone, onCallMediator }: ReceiptScreenProps) {
  const { t, i18n } = useTranslation();
  const { view, refresh } = useReceiptView(api, receipt.submissionId, language);
  const printing = useReceiptPrint(api, receipt.submissionId, language, refresh);
  // The resident asked for video mediation now: talking to a mediator is the next thing to do.
  const videoNow = view?.document.processMode === 'video_now' && onCallMediator !== undefined;
  const [deadline] = useState(() => Date.now() + autoReturnMs);
  const [secondsLeft, setSecondsLeft] = useState(Math.ceil(autoReturnMs / 1000));

  useEffect(() => {
    const timer = setInterval(
      () => {
        const left = deadline - Date.now();
        if (left <= 0) {
          clearInterval(timer);
          onDone();
        } else {
          setSecondsLeft(Math.ceil(left / 1000));
        }
      },
      Math.min(250, autoReturnMs),
    );
    return () => clearInterval(timer);
  }, [deadline, autoReturnMs, onDone]);

  return (
    <section className="screen screen-receipt" aria-labelledby="receipt-title" data-testid="receipt">
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (axe scrollable-region-focusable) */}
      <div className="receipt-scroll" tabIndex={0}>
        <div className="receipt-card">
          <div className="receipt-heading">
            <div className="receipt-check" aria-hidden="true" />
            <h1 id="receipt-title" className="receipt-title">
              {t('receipt.title')}
            </h1>
          </div>
          <div className="receipt-body">
            <div className="receipt-main">
              <div className="receipt-number">
                <span className="receipt-number-label">{t('receipt.provisionalNumber')}</span>
                <span className="provisional-number" data-testid="provisional-number">
                  {receipt.provisionalNumber}
                </span>
              </div>
              {/* Polite: a change of delivery state (sent, delivered) is read out without interrupting. */}
              <dl className="fact-list" aria-live="polite">
                {view ? (
                  <ReceiptRows view={view} />
                ) : (
                  <>
                    <div className="fact-row">
                      <dt>{t('receipt.statusLabel')}</dt>
                      <dd data-testid="receipt-status" data-state="saved">
                        {t('receipt.savedHere')}
                      </dd>
                    </div>
                    <div className="fact-row">
                      <dt>{t('receipt.submittedAt')}</dt>
                      <dd data-testid="submitted-at">{courtDateTime(receipt.submittedAt, i18n.language)}</dd>
                    </div>
                  </>
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
                <li>{t('receipt.nextSteps.contact')}</li>
                <li>{t('receipt.nextSteps.phone')}</li>
                <li>{t('receipt.nextSteps.keepNumber')}</li>
              </ul>
            </>
          )}
        </div>
      </div>
      <div className="action-bar receipt-actions">
        <p className="receipt-auto-return">{t('receipt.autoReturn', { seconds: secondsLeft })}</p>
        {onCallMediator && !videoNow && <CallMediatorButton onCall={onCallMediator} />}
        <button type="button" className={`button ${videoNow ? 'button-secondary' : 'button-primary'}`} data-testid="done" onClick={onDone}>
          {t('receipt.done')}
        </button>
        {videoNow && onCallMediator && <CallMediatorButton onCall={onCallMediator} variant="primary" />}
      </div>
    </section>
  );
}
