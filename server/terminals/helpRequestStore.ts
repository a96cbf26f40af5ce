import type { HelpRequest, HelpRequestView } from '../../shared/terminals/helpRequest.js';
import type { DbScope } from '../db/engine.js';

// The kiosks' help requests as the hub keeps them (server/DATA.md terminal_help_requests): one row
// per (terminal, request id), so a resend after a lost answer replaces, never doubles; a handled
// request keeps its row with who handled it and when. The only SQL over that table.

type Row = { terminal_id: string; name: string | null; request_id: string; reason: string; screen: string; at: string; received_at: string; handled_at: string | null; handled_by: string | null };

const view = (r: Row): HelpRequestView =>
  ({
    terminalId: r.terminal_id,
    terminalName: r.name,
    requestId: r.request_id,
    reason: r.reason,
    screen: r.screen,
    at: r.at,
    receivedAt: r.received_at,
    handledAt: r.handled_at,
    handledBy: r.handled_by,
  }) as HelpRequestView;

export const helpRequestStore = {
  async record({ db }: DbScope, terminalId: string, request: HelpRequest, receivedAt: string): Promise<void> {
    await db
      .insertInto('terminal_help_requests')
      .values({ terminal_id: terminalId, request_id: request.requestId, reason: request.reason, screen: request.screen, at: request.at, received_at: receivedAt, handled_at: null, handled_by: null })
      .onConflict((oc) => oc.columns(['terminal_id', 'request_id']).doNothing())
      .execute();
  },

  /** Requests no one has handled yet, oldest first (the one waiting longest is seen first). */
  async open({ db }: DbScope): Promise<HelpRequestView[]> {
    const rows = await db
      .selectFrom('terminal_help_requests as h')
      .leftJoin('terminals as t', 't.terminal_id', 'h.terminal_id')
      .select(['h.terminal_id', 't.name', 'h.request_id', 'h.reason', 'h.screen', 'h.at', 'h.received_at', 'h.handled_at', 'h.handled_by'])
      .where('h.handled_at', 'is', null)
      .orderBy('h.received_at', 'asc')
      .orderBy('h.request_id', 'asc')
      .execute();
    return rows.map(view);
  },

  /** Marks one handled; null when there is no such request. Handling it twice keeps the first. */
  async handle({ db }: DbScope, terminalId: string, requestId: string, by: string, at: string): Promise<HelpRequestView | null> {
    await db
      .updateTable('terminal_help_requests')
      .set({ handled_at: at, handled_by: by })
      .where('terminal_id', '=', terminalId)
      .where('request_id', '=', requestId)
      .where('handled_at', 'is', null)
      .execute();
    const row = await db
      .selectFrom('terminal_help_requests as h')
      .leftJoin('terminals as t', 't.terminal_id', 'h.terminal_id')
      .select(['h.terminal_id', 't.name', 'h.request_id', 'h.reason', 'h.screen', 'h.at', 'h.received_at', 'h.handled_at', 'h.handled_by'])
      .where('h.terminal_id', '=', terminalId)
      .where('h.request_id', '=', requestId)
      .executeTakeFirst();
    return row ? view(row) : null;
  },
};
export type HelpRequestStore = typeof helpRequestStore;
