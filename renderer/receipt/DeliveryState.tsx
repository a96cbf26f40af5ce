import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';
import type { ReceiptView } from '../../shared/receipt.js';
import { readAloud } from '../speech/readAloud.js';

// Where the filing is (saved and on its way, delivered at 11:51, sent when the network returns):
// the news the receipt exists to tell, so it stands under "Submitted", in the first screenful of
// every display. In the facts table it lay below the fold of a 1280×800 display (s18 walk). The
// words are the document's own status row, the same the paper prints; until the agent answers,
// the receipt the agent returned says only that the filing is saved here.

/** The status row's words and state, from the agent's document once it has answered. */
export function deliveryOf(view: ReceiptView | null, savedHere: string): { state: ReceiptView['document']['state']; words: string } {
  const row = view?.document.rows.find((r) => r.key === 'status');
  return view && row ? { state: view.document.state, words: row.value } : { state: 'saved', words: savedHere };
}

export function DeliveryState({ view, elderly }: { view: ReceiptView | null; elderly: boolean }) {
  const { t } = useTranslation();
  const { state, words } = deliveryOf(view, t('receipt.savedHere'));
  // Elderly mode reads every screen aloud: the receipt says "submitted" and where the filing is, and
  // says it again when that changes (delivered) or the resident picks another language. Read once
  // the agent's document is here (in the language it was asked in), so what is heard is what is printed.
  const spoken: Language | null = view?.document.language ?? null;
  useEffect(() => {
    if (elderly && spoken) readAloud([t('receipt.title', { lng: spoken }), words], spoken, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read on arrival and on a change of state, mode or language, not on every refresh
  }, [elderly, spoken, state]);
  return (
    <p className={`receipt-delivery receipt-state receipt-state-${state}`} role="status" data-testid="receipt-status" data-state={state}>
      {words}
    </p>
  );
}
