import pg from 'pg';
import { busChannels, busListeners, type BusChannel, type HubBus } from './hubBus.js';
import { reconnect } from './reconnect.js';

// The bus over PostgreSQL (./hubBus.ts says why): one connection of its own per instance LISTENs
// on every channel (a pooled connection would be handed to other queries); notices are sent with
// pg_notify through a short-lived pool query. A lost listening connection is opened again with a
// growing pause (1 s … 10 s), and on its return every subscriber is told once, since what was sent
// meanwhile is gone.

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 10_000;

/** PostgreSQL channel names are identifiers: `dashboard.figures` → `court_hub_dashboard_figures`. */
export const pgChannel = (channel: BusChannel): string => `court_hub_${channel.replace(/\W/g, '_')}`;

export async function postgresBus(url: string, onError: (error: unknown) => void): Promise<HubBus> {
  const listeners = busListeners();
  const byPgChannel = new Map(busChannels.map((c) => [pgChannel(c), c]));
  const sender = new pg.Pool({ connectionString: url, max: 2, application_name: 'court-hub bus', connectionTimeoutMillis: 5_000 });
  sender.on('error', () => undefined);
  sender.on('connect', (c) => c.on('error', () => undefined)); // as in ../db/postgres.ts: a checked-out connection dropped must not crash
  let client: pg.Client | null = null;
  let closed = false;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'court-hub bus listener' });
    c.on('error', () => undefined);
    c.on('notification', (n) => {
      const channel = byPgChannel.get(n.channel);
      if (channel) listeners.deliver(channel);
    });
    c.once('end', () => {
      if (client === c) client = null;
      if (!closed) again.later();
    });
    await c.connect();
    try {
      for (const name of byPgChannel.keys()) await c.query(`LISTEN ${name}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
  };
  const again = reconnect({ connect, back: () => listeners.deliverAll(), onError, minMs: RECONNECT_MIN_MS, maxMs: RECONNECT_MAX_MS });

  await connect();
  return {
    publish(channel) {
      if (closed) return;
      sender.query('select pg_notify($1, $2)', [pgChannel(channel), '']).catch(onError);
    },
    subscribe: (channel, listener) => listeners.add(channel, listener),
    async close() {
      closed = true;
      again.stop();
      listeners.clear();
      await Promise.all([client?.end().catch(() => undefined), sender.end().catch(() => undefined)]);
      client = null;
    },
  };
}
