import type { Transaction } from 'kysely';
import type { CaseEvent } from '../../shared/cases/caseEvents.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import type { HubDatabase } from '../db/schema.js';

// What another feature hears of each event the case store appends, inside the same transaction:
// the dashboard keeps its daily aggregates this way (so they can never disagree with the log),
// and the notifier queues residents' notices. A listener that throws rolls the event back: it is
// part of the append, not an afterthought. Listeners are registered at composition (server/hub.ts).

export interface AppendedEvent {
  event: CaseEvent;
  /** The case before the event (null for the event that opens it). */
  before: CaseFile | null;
  after: CaseFile;
}

export type AppendListener = (trx: Transaction<HubDatabase>, appended: AppendedEvent) => Promise<void>;
