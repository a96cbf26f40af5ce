import type { FastifyBaseLogger } from 'fastify';
import type { CourtApi } from '../courtApi/register.js';
import type { HubDb } from '../db/database.js';
import { errorLogFields } from '../http/errors.js';
import type { Vault } from '../personalData/vault.js';
import { notificationOutbox } from './outbox.js';
import { smsGateway, type SmsGatewayConfig } from './smsGateway.js';

// Plugs residents' notices into the hub: each case event may queue a notice (in the append's
// transaction), and with an SMS gateway the pending ones are sent on a timer, one run at a time.

export interface NoticeDelivery {
  /** Send the pending notices now (0 without an SMS gateway: the outbox keeps them). */
  deliverPending: () => Promise<number>;
  /** No further timed runs. */
  stop(): void;
  /** Settles once the run under way (if any) has ended. */
  settled(): Promise<void>;
}

export function registerNotifications(deps: {
  database: HubDb;
  courtApi: CourtApi;
  vault: Vault;
  sms: SmsGatewayConfig | null | undefined;
  intervalMs: number | undefined;
  log: FastifyBaseLogger;
  now: () => Date;
}): NoticeDelivery {
  const { courtApi, log } = deps;
  const outbox = notificationOutbox({ scope: deps.database, parties: courtApi.parties, vault: deps.vault, now: deps.now });
  courtApi.cases.onAppend(outbox.listener);
  const courier = deps.sms ? smsGateway(deps.sms) : null;
  let delivering: Promise<number> | null = null;
  const deliverPending = async (): Promise<number> => {
    if (!courier) return 0;
    delivering ??= outbox.deliverPending(courier).finally(() => (delivering = null));
    return delivering;
  };
  const deliveryTimer = courier ? setInterval(() => void deliverPending().catch((err: unknown) => log.error(errorLogFields(err), 'notice delivery failed')), deps.intervalMs ?? 30_000) : null;
  deliveryTimer?.unref();
  return {
    deliverPending,
    stop() {
      if (deliveryTimer) clearInterval(deliveryTimer);
    },
    async settled() {
      await delivering?.catch(() => undefined);
    },
  };
}
