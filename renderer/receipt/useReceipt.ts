import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import type { Language } from '../../shared/intake.js';
import type { ReceiptView } from '../../shared/receipt.js';

// The receipt's document (QR code, masked ID, next steps) and its printing, both from the agent:
// the renderer names the submission and the language, never the receipt's content.

/**
 * The document in the language the resident reads now; null until the agent answers (or if it
 * cannot). It follows the submission's delivery: every sync status event (a delivery, the hub
 * lost or found) asks the agent again, so the screen says what the paper would say now.
 */
export function useReceiptView(api: KioskApi, submissionId: string, language: Language): { view: ReceiptView | null; refresh: () => void } {
  const [view, setView] = useState<ReceiptView | null>(null);
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  useEffect(() => api.on('sync.status', refresh), [api, refresh]);
  useEffect(() => {
    let live = true;
    void api.call('receipt.view', { submissionId, language }).then((r) => {
      if (live && r.ok) setView(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, submissionId, language, asked]);
  return { view, refresh };
}

export type PrintState = { phase: 'idle' } | { phase: 'printing' } | { phase: 'printed' } | { phase: 'failed'; kept: boolean };

/**
 * Submissions whose receipt this renderer already printed by itself. Module-level, so a remount
 * (React's strict mode, a language switch) never prints a second copy; the agent refuses a
 * second automatic print of the same submission as well.
 */
const printedAutomatically = new Set<string>();

/**
 * Printing the receipt: once automatically when the receipt appears (a resident should not have
 * to know to ask for their paper), then again on request. Without a printer the automatic print
 * leaves nothing behind and the screen says to photograph or note the number.
 */
export function useReceiptPrint(api: KioskApi, submissionId: string, language: Language, onPrinted: () => void): { state: PrintState; print: () => void } {
  // A receipt not yet printed automatically is about to be: the screen says "printing" from the start.
  const [state, setState] = useState<PrintState>(() => (printedAutomatically.has(submissionId) ? { phase: 'idle' } : { phase: 'printing' }));
  const live = useRef(true);
  const languageRef = useRef(language);
  const onPrintedRef = useRef(onPrinted);
  useLayoutEffect(() => {
    languageRef.current = language;
    onPrintedRef.current = onPrinted;
  });

  const send = useCallback(
    async (auto: boolean) => {
      const r = await api.call('receipt.print', { submissionId, language: languageRef.current, ...(auto ? { auto } : {}) });
      if (!live.current) return;
      // The paper was built from the store just now: the screen catches up with it if it moved on.
      onPrintedRef.current();
      if (!r.ok) return setState({ phase: 'failed', kept: false });
      if (r.value.printed) return setState({ phase: 'printed' });
      if (r.value.reason === 'already_printed') return setState({ phase: 'idle' });
      setState({ phase: 'failed', kept: r.value.spooledTo !== undefined });
    },
    [api, submissionId],
  );

  useEffect(() => {
    live.current = true;
    if (!printedAutomatically.has(submissionId)) {
      printedAutomatically.add(submissionId);
      void send(true);
    }
    return () => {
      live.current = false;
    };
  }, [send, submissionId]);

  const print = () => {
    setState({ phase: 'printing' });
    void send(false);
  };
  return { state, print };
}
