import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { reconnect } from '../bus/reconnect.js';

// Messages between hub instances that carry data (the desk's relayed frames, ./deskCluster.ts
// says what), over PostgreSQL: LISTEN/NOTIFY on one channel, and the desk holder's advisory lock.
//
// - One connection of its own LISTENs and holds the lock: the lock is a session lock, so it goes
//   with that connection — when the holder's process dies (SIGKILL, a lost machine), PostgreSQL
//   drops the session and the lock with it, and a survivor takes it on its next try.
// - One connection of its own sends, every message in turn: NOTIFYs of one session arrive in the
//   order they were committed, so a socket's frames reach the holder in the order they were sent.
// - A NOTIFY payload is limited to 8000 bytes; an SDP offer with simulcast is close to it and a
//   frame may be 64 KiB. A message is written as ASCII JSON (non-ASCII as \u escapes) and cut
//   into pieces of 7000 characters sent in one transaction, delivered together and in order, and
//   put back together by the receiver. Why not a table row per large frame: no writes and no
//   clean-up of rows on the hot path, and nothing stays behind when an instance dies.
// - Messages sent while PostgreSQL is unreachable are dropped (reported): clients retry, and the
//   desk's own timers end what cannot go on.

export interface RelayMessage {
  /** The sending instance. */
  from: string;
  [key: string]: unknown;
}

export interface Relay {
  readonly instanceId: string;
  /** Sends to every other instance, in order; failures are reported, never thrown. */
  post(message: Omit<RelayMessage, 'from'>): void;
  onMessage(listener: (message: RelayMessage) => void): void;
  /** Called with false when the listening connection is lost (the lock with it) and true when it is back. */
  onConnection(listener: (up: boolean) => void): void;
  /** Takes the desk holder's lock if it is free (true: this instance holds it, until its connection ends). */
  tryHold(): Promise<boolean>;
  /** Stops at once, as a killed process would: nothing more is sent or heard, the lock is released. */
  halt(): void;
  close(): Promise<void>;
}

const CHANNEL = 'court_hub_desk_relay';
/** pg_try_advisory_lock(1, HOLDER_KEY): a class of its own (the migrator locks with one bigint). */
const HOLDER_KEY = 13;
const PIECE_CHARS = 7_000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 2_000;

const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export async function postgresRelay(url: string, onError: (error: unknown) => void): Promise<Relay> {
  const instanceId = randomBytes(6).toString('hex');
  const messageListeners: Array<(m: RelayMessage) => void> = [];
  const connectionListeners: Array<(up: boolean) => void> = [];
  /** Pieces of messages not yet whole, by sender and message number. */
  const partial = new Map<string, string[]>();
  let listener: pg.Client | null = null;
  let sender: pg.Client | null = null;
  let sending: Promise<void> = Promise.resolve();
  let sent = 0;
  let stopped = false;

  const receive = (payload: string): void => {
    // `from|number|index|count|piece`
    const [from, number, index, count] = payload.split('|', 4) as [string, string, string, string];
    if (from === instanceId) return;
    const piece = payload.slice(from.length + number.length + index.length + count.length + 4);
    const key = `${from}|${number}`;
    const pieces = Number(count) === 1 ? [] : (partial.get(key) ?? []);
    pieces[Number(index)] = piece;
    if (pieces.filter((p) => p !== undefined).length < Number(count)) return void partial.set(key, pieces);
    partial.delete(key);
    let message: RelayMessage;
    try {
      message = JSON.parse(pieces.join('')) as RelayMessage;
    } catch (error) {
      return onError(error);
    }
    for (const l of messageListeners) {
      try {
        l(message);
      } catch (error) {
        onError(error);
      }
    }
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'court-hub desk relay', connectionTimeoutMillis: 5_000 });
    c.on('error', () => undefined);
    c.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) receive(n.payload);
    });
    c.once('end', () => {
      if (listener !== c) return;
      listener = null;
      partial.clear();
      for (const l of connectionListeners) l(false);
      again.later();
    });
    await c.connect();
    try {
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await c.end().catch(() => undefined));
    listener = c;
  };
  const again = reconnect({
    connect,
    back: () => {
      for (const l of connectionListeners) l(true);
    },
    onError,
    minMs: RECONNECT_MIN_MS,
    maxMs: RECONNECT_MAX_MS,
  });

  const senderClient = async (): Promise<pg.Client> => {
    if (sender) return sender;
    const c = new pg.Client({ connectionString: url, application_name: 'court-hub desk relay sender', connectionTimeoutMillis: 5_000 });
    c.on('error', () => undefined);
    c.once('end', () => {
      if (sender === c) sender = null;
    });
    await c.connect();
    if (stopped) {
      await c.end().catch(() => undefined);
      throw new Error('relay stopped');
    }
    return (sender = c);
  };

  const send = async (text: string, number: number): Promise<void> => {
    const c = await senderClient();
    const count = Math.max(1, Math.ceil(text.length / PIECE_CHARS));
    const pieces = Array.from({ length: count }, (_, i) => `${instanceId}|${number}|${i}|${count}|${text.slice(i * PIECE_CHARS, (i + 1) * PIECE_CHARS)}`);
    if (count === 1) return void (await c.query('select pg_notify($1, $2)', [CHANNEL, pieces[0]]));
    try {
      await c.query('begin');
      for (const p of pieces) await c.query('select pg_notify($1, $2)', [CHANNEL, p]);
      await c.query('commit');
    } catch (error) {
      await c.query('rollback').catch(() => undefined);
      throw error;
    }
  };

  const stop = (): Array<Promise<void>> => {
    stopped = true;
    again.stop();
    messageListeners.length = 0;
    connectionListeners.length = 0;
    const ends = [listener, sender].map((c) => c?.end().catch(() => undefined) ?? Promise.resolve());
    listener = sender = null;
    return ends;
  };

  await connect();
  return {
    instanceId,
    post(message) {
      if (stopped) return;
      const text = asciiJson({ ...message, from: instanceId });
      const number = sent++;
      sending = sending.then(() => send(text, number)).catch(onError);
    },
    onMessage: (l) => void messageListeners.push(l),
    onConnection: (l) => void connectionListeners.push(l),
    async tryHold() {
      if (!listener || stopped) return false;
      try {
        const r = await listener.query<{ held: boolean }>('select pg_try_advisory_lock(1, $1) as held', [HOLDER_KEY]);
        return r.rows[0]?.held === true;
      } catch (error) {
        onError(error);
        return false;
      }
    },
    halt: () => void stop(),
    async close() {
      await sending;
      await Promise.all(stop());
    },
  };
}
