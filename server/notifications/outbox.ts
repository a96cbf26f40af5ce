import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { AppendListener } from '../cases/appendListener.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { DbScope } from '../db/engine.js';
import type { HubDatabase } from '../db/schema.js';
import type { Vault } from '../personalData/vault.js';
import { noticeFor, type Notice, type NoticeTemplate } from './notices.js';

// The notifier: notices to residents are queued in `notification_outbox` by an append listener,
// in the very transaction of the event (a notice is never lost, nor sent for an event that rolled
// back), one row per contact phone of the applicant side, the phone sealed. A courier then
// delivers pending rows: in development none — the outbox is where notices end up, and nothing of
// them is logged — or an SMS gateway (./smsGateway.ts). A failed delivery is tried again later, up
// to MAX_ATTEMPTS; what is kept of a failure is its HTTP status, never the message. Every hub
// instance delivers; a notice is claimed before it is sent, so only one of them sends it.

export const MAX_ATTEMPTS = 5;

/** How long an instance holds a notice it is delivering: well past the courier's own timeout (10 s). */
export const CLAIM_MS = 120_000;

/** Delivers one notice to one phone; throws with a short reason (no content) when it could not. */
export interface Courier {
  deliver(to: string, notice: Notice): Promise<void>;
}

export interface OutboxDeps {
  scope: DbScope;
  parties: PartyStore;
  vault: Vault;
  now: () => Date;
}

export function notificationOutbox(deps: OutboxDeps) {
  const { parties, vault, now } = deps;

  /** The append listener that queues notices (register with the case store at composition). */
  const listener: AppendListener = async (trx, appended) => {
    const notice = noticeFor(appended);
    if (!notice) return;
    const scope: DbScope = { engine: deps.scope.engine, db: trx };
    const phones = [...new Set(await parties.contactPhones(scope, appended.after.caseId))];
    for (const phone of phones) {
      await trx
        .insertInto('notification_outbox')
        .values({
          notification_id: randomUUID(),
          case_id: appended.after.caseId,
          template: notice.template,
          params_json: JSON.stringify(notice.params),
          recipient_sealed: vault.seal('notification.recipient', phone),
          created_at: appended.event.at,
        })
        .execute();
    }
  };

  return {
    listener,
    /** Delivers up to `limit` pending notices through `courier`; how many were sent. */
    async deliverPending(courier: Courier, limit = 50): Promise<number> {
      const db = deps.scope.db;
      const unclaimed = (at: string) => (eb: ExpressionBuilder<HubDatabase, 'notification_outbox'>) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]);
      const rows = await db.selectFrom('notification_outbox').selectAll().where('status', '=', 'pending').where(unclaimed(now().toISOString())).orderBy('created_at').limit(limit).execute();
      let sent = 0;
      for (const row of rows) {
        // Claimed first, by one conditional UPDATE: another instance delivering at the same moment
        // skips it. An instance that dies holding a claim leaves the notice to the next after CLAIM_MS.
        const at = now();
        const claimed = await db
          .updateTable('notification_outbox')
          .set({ claimed_until: new Date(at.getTime() + CLAIM_MS).toISOString() })
          .where('notification_id', '=', row.notification_id)
          .where('status', '=', 'pending')
          .where(unclaimed(at.toISOString()))
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        const notice: Notice = { template: row.template as NoticeTemplate, params: JSON.parse(row.params_json) as Notice['params'] };
        const attempts = row.attempts + 1;
        try {
          await courier.deliver(vault.open('notification.recipient', row.recipient_sealed), notice);
          await db
            .updateTable('notification_outbox')
            .set({ status: 'sent', attempts, sent_at: now().toISOString(), last_error: null, claimed_until: null })
            .where('notification_id', '=', row.notification_id)
            .execute();
          sent++;
        } catch (err) {
          const reason = err instanceof CourierError ? err.reason : 'error';
          await db
            .updateTable('notification_outbox')
            .set({ status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, last_error: reason, claimed_until: null })
            .where('notification_id', '=', row.notification_id)
            .execute();
        }
      }
      return sent;
    },
  };
}
export type NotificationOutbox = ReturnType<typeof notificationOutbox>;

/** A delivery that failed, with a reason fit to keep (a status, a network failure's kind). */
export class CourierError extends Error {
  constructor(readonly reason: string) {
    super(`delivery failed: ${reason}`);
    this.name = 'CourierError';
  }
}
