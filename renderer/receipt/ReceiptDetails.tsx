import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../shared/receipt.js';
import { ProvisionalNumber } from './ProvisionalNumber.js';
import type { PrintState } from './useReceipt.js';

// The agent's receipt document on screen: its rows (delivery state, case number, the applicant
// masked, the masked ID number, the dispute type), the QR code for checking progress with the print
// button under it, and the next steps and time limits — the same words the printed receipt carries.

const SHOWN_ROWS = ['status', 'caseNumber', 'submittedAt', 'applicant', 'idNumber', 'phone', 'disputeType'] as const;
const rowTestIds: Partial<Record<string, string>> = {
  status: 'receipt-status',
  caseNumber: 'case-number',
  submittedAt: 'submitted-at',
  idNumber: 'receipt-masked-id',
  applicant: 'receipt-applicant',
  disputeType: 'receipt-dispute-type',
};

export function ReceiptRows({ view }: { view: ReceiptView }) {
  const { state, caseNumber } = view.document;
  const rows = SHOWN_ROWS.flatMap((key) => view.document.rows.filter((r) => r.key === key));
  return (
    <>
      {rows.map((r) => (
        <div className={`fact-row fact-row-${r.key}`} key={r.key}>
          <dt>{r.label}</dt>
          <dd
            data-testid={rowTestIds[r.key]}
            {...(r.key === 'status' ? { 'data-state': state, className: `receipt-state receipt-state-${state}` } : {})}
            {...(r.key === 'caseNumber' ? { 'data-assigned': caseNumber !== null, className: caseNumber === null ? 'case-number-pending' : 'case-number' } : {})}
          >
            {r.value}
          </dd>
        </div>
      ))}
    </>
  );
}

export function ReceiptQrPanel({ view, provisionalNumber, print, onPrint }: { view: ReceiptView | null; provisionalNumber: string; print: PrintState; onPrint: () => void }) {
  const { t } = useTranslation();
  // A failed print's notice names the number (it can scroll the number above out of view), by the
  // number rule: sized to the column, broken only after a hyphen when even its smallest size cannot
  // hold it on one line (the column keeps its width: an 80-character terminal id squeezed the card).
  const message =
    print.phase === 'printed' ? (
      t('receipt.printed')
    ) : print.phase === 'failed' ? (
      <>
        <Trans i18nKey="receipt.printFailed" values={{ number: provisionalNumber }} components={{ number: <ProvisionalNumber number={provisionalNumber} inline /> }} />
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
    ) : print.phase === 'printing' ? (
      t('receipt.printing')
    ) : (
      ''
    );
  // On a short screen (1280×800, elderly type) the notice under the print button sits below the fold,
  // behind the button bar: bring it into view when it appears, so the resident sees what happened.
  const notice = useRef<HTMLParagraphElement>(null);
  const shown = message !== '';
  // Again when the receipt above it changes (it arrives, or saved → delivered adds the court's
  // answer), which can push the notice back under the bar. Only then: every sync status event
  // gives a new view object, and following it pulled a resident reading the end back up. And when
  // the scrolling area gets shorter (the "more below" band takes its row as the receipt grows): the
  // notice brought into view just before was under the band (1920×1080 elderly English).
  const delivery = view?.document.state;
  useEffect(() => {
    const el = notice.current;
    if (!shown || !el) return;
    el.scrollIntoView({ block: 'nearest' });
    const area = el.closest<HTMLElement>('.receipt-scroll');
    if (!area) return;
    let height = area.clientHeight;
    const resized = new ResizeObserver(() => {
      if (area.clientHeight < height) el.scrollIntoView({ block: 'nearest' });
      height = area.clientHeight;
    });
    resized.observe(area);
    return () => resized.disconnect();
  }, [shown, print.phase, delivery]);
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
      <p ref={notice} className={`receipt-print-message${print.phase === 'failed' ? ' is-failed' : ''}`} role="status" data-testid="receipt-print-message" data-phase={print.phase}>
        {message}
      </p>
    </div>
  );
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
