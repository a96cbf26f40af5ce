import { useEffect, useRef, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../shared/receipt.js';
import { ProvisionalNumber } from './ProvisionalNumber.js';
import type { PrintState } from './useReceipt.js';

// The agent's receipt document on screen: its rows (case number, the applicant masked, the masked
// ID number, the dispute type), the QR code for checking progress with the print button under it,
// what became of the print (under the number), and the next steps and time limits — the same words
// the printed receipt carries.

// The status row stands under the title instead (./DeliveryState.tsx): the table lay below the fold.
const SHOWN_ROWS = ['caseNumber', 'submittedAt', 'applicant', 'idNumber', 'phone', 'disputeType'] as const;
const rowTestIds: Partial<Record<string, string>> = {
  caseNumber: 'case-number',
  submittedAt: 'submitted-at',
  idNumber: 'receipt-masked-id',
  applicant: 'receipt-applicant',
  disputeType: 'receipt-dispute-type',
};

export function ReceiptRows({ view }: { view: ReceiptView }) {
  const { caseNumber } = view.document;
  const rows = SHOWN_ROWS.flatMap((key) => view.document.rows.filter((r) => r.key === key));
  return (
    <>
      {rows.map((r) => (
        <div className={`fact-row fact-row-${r.key}`} key={r.key}>
          <dt>{r.label}</dt>
          <dd data-testid={rowTestIds[r.key]} {...(r.key === 'caseNumber' ? { 'data-assigned': caseNumber !== null, className: caseNumber === null ? 'case-number-pending' : 'case-number' } : {})}>
            {r.value}
          </dd>
        </div>
      ))}
    </>
  );
}

export function ReceiptQrPanel({ view, print, onPrint }: { view: ReceiptView | null; print: PrintState; onPrint: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="receipt-qr-panel">
      {view && (
        <figure className="receipt-qr">
          <img src={view.qrDataUrl} alt={t('receipt.qrAlt')} data-testid="receipt-qr" width={220} height={220} />
          <figcaption>{view.document.qrCaption}</figcaption>
        </figure>
      )}
      <button
        type="button"
        className="button button-secondary receipt-print"
        data-testid="receipt-print"
        disabled={print.phase === 'printing'}
        aria-busy={print.phase === 'printing'}
        onClick={onPrint}
      >
        {print.phase === 'printed' ? t('receipt.printAgain') : t('receipt.print')}
      </button>
    </div>
  );
}

/**
 * What became of the print, right under the provisional number: in the first screenful of every
 * display, so the receipt opens at its top and the notice is seen there. Under the QR code it lay
 * below the fold of a 1280×800 display, and bringing it into view when the automatic print
 * answered opened the receipt scrolled past "Submitted" and the number (s17 walk, item 6).
 */
export function ReceiptPrintNotice({ provisionalNumber, print }: { provisionalNumber: string; print: PrintState }) {
  const { t } = useTranslation();
  const message = noticeText(t, provisionalNumber, print);
  // A resident who scrolled down and then tapped "print" sees its answer: brought into view when it
  // changes ('nearest': a notice already in view does not move the screen).
  const notice = useRef<HTMLParagraphElement>(null);
  const shown = message !== '';
  useEffect(() => {
    if (shown) notice.current?.scrollIntoView({ block: 'nearest' });
  }, [shown, print.phase]);
  // The notice's box has the room of its longest state from the start (every state drawn unseen in
  // the same cell): "printing…" growing to the failed print's lines moved the facts below it down
  // once, as the automatic print answered.
  return (
    <div className="receipt-print-notice">
      <p ref={notice} className={`receipt-print-message${print.phase === 'failed' ? ' is-failed' : ''}`} role="status" data-testid="receipt-print-message" data-phase={print.phase}>
        {message}
      </p>
      {ROOM_STATES.map((state) => (
        <p key={state.phase} className={`receipt-print-message receipt-print-room${state.phase === 'failed' ? ' is-failed' : ''}`} aria-hidden="true">
          {noticeText(t, provisionalNumber, state, true)}
        </p>
      ))}
    </div>
  );
}

/** Every state the notice can show (a failed print's longest with its "staff can print it" line). */
const ROOM_STATES: PrintState[] = [{ phase: 'printing' }, { phase: 'printed' }, { phase: 'failed', kept: true }];

/** What the notice says in `print`'s state; `room`: drawn unseen, only for its size. */
function noticeText(t: TFunction, provisionalNumber: string, print: PrintState, room = false): ReactNode {
  switch (print.phase) {
    case 'printed':
      return t('receipt.printed');
    case 'printing':
      return t('receipt.printing');
    case 'idle':
      return '';
    case 'failed':
      // A failed print's notice names the number by the number rule: sized to the column, broken only
      // after a hyphen when even its smallest size cannot hold it on one line.
      return (
        <>
          <Trans t={t} i18nKey="receipt.printFailed" values={{ number: provisionalNumber }} components={{ number: <ProvisionalNumber number={provisionalNumber} inline room={room} /> }} />
          {/* the notice ends at the number (no stop to fall on a line of its own): what follows is a line of its own */}
          {print.kept ? (
            <>
              <br />
              {t('receipt.printKept')}
            </>
          ) : (
            ''
          )}
        </>
      );
  }
}

export function ReceiptSections({ view }: { view: ReceiptView }) {
  return (
    <>
      {view.document.sections.map((s) => (
        <section key={s.key} className={`receipt-section receipt-section-${s.key}`} aria-labelledby={`receipt-section-${s.key}`}>
          <h2 id={`receipt-section-${s.key}`} className="receipt-next-title">
            {s.title}
          </h2>
          <ul className="receipt-next">
            {s.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
