import type { Transaction } from 'kysely';
import type { CaseEvent } from '../../shared/cases/caseEvents.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import type { HubDatabase } from '../db/schema.js';

// What the case store (server/cases/caseStore.ts, the only writer of case_events and cases) tells
// the features registered at composition (server/hub.ts) about every event it appends: the event
// as stored and the case's fold before and after it, inside the SAME transaction. A listener
// that throws rolls the append back, so what it keeps (the dashboard's daily aggregates) can
// never disagree with the log.

export interface AppendedEvent {
  /** The stored envelope (shared/cases/caseEvents.ts). */
  event: CaseEvent;
  /** The case before the event; null when the event opened it. */
  before: CaseFile | null;
  after: CaseFile;
}

export type AppendListener = (trx: Transaction<HubDatabase>, appended: AppendedEvent) => Promise<void>;
