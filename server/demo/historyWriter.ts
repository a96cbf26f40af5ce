import type { AppendedEvent, AppendListener } from '../cases/appendListener.js';
import { caseStore } from '../cases/caseStore.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { EventActor } from '../../shared/cases/caseEvents.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { defaultCourt } from '../../shared/cases/caseNumber.js';
import type { CaseEventType, CaseKind } from '../../shared/cases/lifecycle.js';
import { courtDay } from '../../shared/courtTime.js';

// The real case store (server/cases/caseStore.ts) driven event by event at chosen instants: its
// clock is set to each event's time before the append, so a test or the demo generator can write
// months of history through the one writer of case_events, with the listeners given.

export interface AppendInput {
  /** Null opens a new case of `kind` with the kind's opening event. */
  caseId: string | null;
  kind?: CaseKind;
  type: CaseEventType;
  payload: unknown;
  at: string;
  siteId?: string | null;
  actor?: EventActor;
}

export interface CaseEventWriter {
  append(input: AppendInput): Promise<AppendedEvent>;
  caseFile(caseId: string): Promise<CaseFile | null>;
  /** Runs `work` with every append in one transaction (a thousand appends commit once, not a thousand times). */
  batch<T>(work: () => Promise<T>): Promise<T>;
}

export function caseStoreWriter(scope: DbScope, listeners: readonly AppendListener[]): CaseEventWriter {
  let clock = new Date(0);
  let current = scope;
  const store = caseStore({ now: () => clock, courtCode: defaultCourt.code });
  for (const listener of listeners) store.onAppend(listener);
  return {
    caseFile: (caseId) => store.load(current, caseId),
    batch: (work) =>
      inTransaction(scope, async (trx) => {
        current = trx;
        try {
          return await work();
        } finally {
          current = scope;
        }
      }),
    async append(input) {
      clock = new Date(input.at);
      const proposal = { type: input.type, payload: input.payload, actor: input.actor ?? { kind: 'system' as const }, siteId: input.siteId ?? null };
      const ctx = { today: courtDay(clock.getTime()) };
      return input.caseId === null ? store.open(current, input.kind ?? 'dispute', proposal, ctx) : store.append(current, input.caseId, proposal, ctx);
    },
  };
}
