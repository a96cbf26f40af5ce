import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import type { Language } from '../../shared/intake.js';
import type { ReceiptView } from '../../shared/receipt.js';

// The receipt's document (QR code, masked ID, next steps) and its printing, both from the agent:
// the renderer names the submission and the language, never the receipt's content.

/** The document in the language the resident reads now; null until the agent answers (or if it cannot). */
export function useReceiptView(api: KioskApi, submissionId: string, language: Language): ReceiptView | null {
  const [view, setView] = useState<ReceiptView | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('receipt.view', { submissionId, language }).then((r) => {
      if (live && r.ok) setView(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, submissionId, language]);
  return view;
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
export function useReceiptPrint(api: KioskApi, submissionId: string, language: Language): { state: PrintState; print: () => void } {
  const [state, setState] = useState<PrintState>({ phase: 'idle' });
  const live = useRef(true);
  const languageRef = useRef(language);
  languageRef.current = language;

  const run = useCallback(
    async (auto: boolean) => {
      setState({ phase: 'printing' });
      const r = await api.call('receipt.print', { submissionId, language: languageRef.current, ...(auto ? { auto } : {}) });
      if (!live.current) return;
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
      void run(true);
    }
    return () => {
      live.current = false;
    };
  }, [run, submissionId]);

  return { state, print: () => void run(false) };
}
