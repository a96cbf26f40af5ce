import { courtDay } from '../../shared/courtTime.js';
import { contributionOf, eventDimensions, spanStartsOf } from '../../shared/dashboard/measures.js';
import type { AppendListener } from '../cases/appendListener.js';
import type { IntakeBatchHooks } from '../intake/store.js';
import { addContribution, holdContributions, storedEvent, writeHeldContributions } from './aggregateStore.js';

// The case store's append listener that keeps the dashboard's pre-aggregates: called with the
// transaction that appends each event, it adds what the event contributes (shared/dashboard/
// measures.ts) on the event's court day under the case's dimensions after it; a reopening
// "recorded in error" also takes away everything the voided event had added, on that event's own
// day and dimensions as stored. Because it runs in the append's transaction, the aggregates and
// the log commit or roll back together. `changed` is told (in the same transaction) that the
// figures moved, so the command centre's screens can be pushed.

export interface AggregateListenerOptions {
  changed?: (trx: Parameters<AppendListener>[0]) => Promise<void>;
}

export function aggregateListener(options: AggregateListenerOptions = {}): AppendListener {
  const dayOf = (iso: string) => courtDay(Date.parse(iso));
  return async (trx, { event, after }) => {
    const day = dayOf(event.at);
    const starts = spanStartsOf(after, dayOf);
    await addContribution(trx, day, eventDimensions(after), contributionOf({ type: event.type, caseKind: event.caseKind, payload: event.payload, courtDay: day }, starts), 1);
    if (event.type === 'case.reopened') {
      const reopened = event.payload as { cause: string; voidsEventId?: string };
      if (reopened.cause === 'recorded_in_error' && reopened.voidsEventId) {
        const voided = await storedEvent(trx, reopened.voidsEventId);
        if (!voided) throw new Error(`case ${event.caseId}: the voided event ${reopened.voidsEventId} is not in the log`);
        await addContribution(trx, voided.courtDay, voided.dims, contributionOf(voided, starts), -1);
      }
    }
    await options.changed?.(trx);
  };
}

/** A group-committed intake batch's contributions are summed and written once, before it commits (./aggregateStore.ts holdContributions). */
export const aggregatesOfBatch: IntakeBatchHooks = {
  begin: (trx) => holdContributions(trx.db),
  end: (trx) => writeHeldContributions(trx.db),
};
