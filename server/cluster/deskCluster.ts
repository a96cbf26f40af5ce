import { randomBytes } from 'node:crypto';
import type { GuestFrame, KioskFrame, MediatorFrame } from '../../shared/signalling.js';
import type { GuestPass, MediationDesk } from '../signalling/mediationDesk.js';
import type { FrameSocket } from '../signalling/signallingSocket.js';
import type { Relay, RelayMessage } from './pgRelay.js';

// Calls, presence and rooms across hub instances (issue 13 item 2).
//
// THE DESIGN. The mediation desk (server/signalling/mediationDesk.ts) is one state machine: the
// queue's order, who is on duty, every room's members, held frames, grace timers, all moved one
// event after another. Several instances share it by giving it ONE holder at a time, not by
// splitting it into rows:
//
// - The holder is the instance that holds a PostgreSQL advisory lock (session lock on its relay
//   connection, ./pgRelay.ts). Only the holder's desk has calls. Every other instance is an
//   "edge": it accepts kiosk, mediator and guest sockets as before (authenticated, rate-limited,
//   frames validated there), and relays each socket's opening, frames and closing to the holder;
//   the holder's desk sees a RemoteSocket whose `send` and `close` travel back to the edge that
//   holds the real socket. On the holder itself sockets go to the desk directly, exactly as on
//   one instance. So a kiosk on A and a desk on B meet in one queue and one room on whichever
//   instance holds, the queue's order is the holder's arrival order, presence is the holder's,
//   and `estimatedWaitS` counts mediators on every instance.
// - Relay messages go through PostgreSQL LISTEN/NOTIFY (no new service, as for server/bus/); a
//   message larger than a NOTIFY payload is cut into pieces sent in one transaction.
// - Liveness: every instance says `alive` every tick (1 s); the holder says it as holder. An edge
//   not heard for the lease (8 s) is taken as dead: its sockets are closed on the holder's desk,
//   so its mediators go away (presence) and its kiosks' calls end after the desk's grace period
//   unless they reconnect (through any instance) in time.
// - Failover: a dead holder's session ends and PostgreSQL releases the lock; the first edge to try
//   next (each tries every tick) holds, closes the call records left open (`hub_restart`, as a
//   restarted hub does), and says so; every edge then opens its sockets again on the new holder
//   (a kiosk hears `hello` with no call and a desk its presence, and they carry on from there).
//   Calls under way on a dead holder end; media that flowed peer to peer until then is cut when
//   the clients see the call ended. This is the "end cleanly with a clear message" branch of issue
//   13 item 3: the call's state died with its process.
// - PostgreSQL restarting drops every session, the holder's lock included. The holder tries again
//   the moment its connection is back; an edge waits a lease after its own reconnect before trying,
//   so the holder keeps its calls. If another instance got the lock anyway, the old holder is
//   "fenced": it closes its desk's sockets (clients reconnect and are relayed) and never holds
//   again until restarted, so two desks never run at once.
// - The SFU is per instance: a room on the SFU lives on the holder, whose SFU carries its media;
//   an edge's participants reach it through the relay like every other frame. The SFU's RTC ports
//   must therefore be reachable on every instance that may hold (HUB_SFU_ANNOUNCED_IP per instance).
// - On SQLite (one process) none of this exists: the desk is used directly, as before.
// - Join-page guest passes are rows (server/rooms/guestPasses.ts): a pass issued through one
//   instance opens a guest socket on any, which is relayed (its pass travels with it) like others.

/** What the signalling sockets call: the desk itself on one instance, this relay with several. */
export interface DeskDoor {
  kioskConnected(terminalId: string, socket: FrameSocket): Promise<void>;
  kioskDisconnected(terminalId: string, socket: FrameSocket): Promise<void>;
  kioskFrame(terminalId: string, socket: FrameSocket, frame: KioskFrame): Promise<void>;
  mediatorConnected(username: string, displayName: string, socket: FrameSocket): Promise<void>;
  mediatorDisconnected(username: string, socket: FrameSocket): Promise<void>;
  mediatorFrame(username: string, socket: FrameSocket, frame: MediatorFrame): Promise<void>;
  guestConnected(pass: GuestPass, socket: FrameSocket): Promise<void>;
  guestDisconnected(pass: GuestPass, socket: FrameSocket): Promise<void>;
  guestFrame(pass: GuestPass, socket: FrameSocket, frame: GuestFrame): Promise<void>;
  intakeArrived(submissionId: string): Promise<void>;
}

type Who = { kind: 'kiosk'; terminalId: string } | { kind: 'mediator'; username: string; displayName: string } | { kind: 'guest'; pass: GuestPass };

type Message =
  | { k: 'alive'; from: string; holder: boolean }
  | { k: 'open'; from: string; sid: string; who: Who }
  | { k: 'frame'; from: string; sid: string; frame: KioskFrame | MediatorFrame | GuestFrame }
  | { k: 'gone'; from: string; sid: string }
  | { k: 'intake'; from: string; submissionId: string }
  | { k: 'send'; from: string; to: string; sid: string; frame: object }
  | { k: 'shut'; from: string; to: string; sid: string; code: number; reason: string };

export interface DeskClusterOptions {
  desk: MediationDesk;
  relay: Relay;
  /** Closes the call records a dead holder left open; run when this instance starts to hold. */
  closeDangling: () => Promise<unknown>;
  onError: (event: string, error: unknown) => void;
  /** Between `alive` notices and lock attempts (default 1 s). */
  tickMs?: number;
  /** An instance not heard for this long is dead (default 8 s). */
  leaseMs?: number;
}

export interface DeskCluster {
  readonly door: DeskDoor;
  /** Settles after the first attempt to hold (a lone instance holds before it serves a socket). */
  readonly started: Promise<void>;
  /** Whether this instance's desk holds the calls now. */
  holding(): boolean;
  /** Stops at once, as a killed instance would (tests): nothing more is relayed, the lock goes. */
  halt(): void;
  close(): Promise<void>;
}

interface Remote {
  from: string;
  sid: string;
  who: Who;
  socket: FrameSocket & { gone: boolean };
}

export function deskCluster(o: DeskClusterOptions): DeskCluster {
  const { desk, relay } = o;
  const tickMs = o.tickMs ?? 1_000;
  const leaseMs = o.leaseMs ?? 8_000;
  const self = relay.instanceId;
  const post = (m: DistributiveOmit<Message, 'from'>) => relay.post(m);
  let holding = false;
  let fenced = false;
  let stopped = false;
  /** While the relay connection is down (the lock with it, if this instance held). */
  let down = false;
  /** An edge does not try to hold before this (a lease after its own reconnect: the holder goes first). */
  let holdNotBefore = 0;
  let holderId: string | null = null;
  const heard = new Map<string, number>();
  /** This instance's own sockets, by a relay id. */
  const local = new Map<string, { who: Who; socket: FrameSocket }>();
  const sidOf = new WeakMap<FrameSocket, string>();
  /** The holder's view of sockets held by edges, by `from/sid`. */
  const remotes = new Map<string, Remote>();

  const sidFor = (socket: FrameSocket): string => {
    let sid = sidOf.get(socket);
    if (!sid) sidOf.set(socket, (sid = randomBytes(9).toString('base64url')));
    return sid;
  };

  // ---------- the desk, for a socket wherever it is ----------

  const connected = (who: Who, socket: FrameSocket): Promise<void> =>
    who.kind === 'kiosk'
      ? desk.kioskConnected(who.terminalId, socket)
      : who.kind === 'mediator'
        ? desk.mediatorConnected(who.username, who.displayName, socket)
        : desk.guestConnected(who.pass, socket);
  const disconnected = (who: Who, socket: FrameSocket): Promise<void> =>
    who.kind === 'kiosk' ? desk.kioskDisconnected(who.terminalId, socket) : who.kind === 'mediator' ? desk.mediatorDisconnected(who.username, socket) : desk.guestDisconnected(who.pass, socket);
  const framed = (who: Who, socket: FrameSocket, frame: KioskFrame | MediatorFrame | GuestFrame): Promise<void> =>
    who.kind === 'kiosk'
      ? desk.kioskFrame(who.terminalId, socket, frame as KioskFrame)
      : who.kind === 'mediator'
        ? desk.mediatorFrame(who.username, socket, frame as MediatorFrame)
        : desk.guestFrame(who.pass, socket, frame as GuestFrame);

  // ---------- this instance's sockets ----------

  const opened = async (who: Who, socket: FrameSocket): Promise<void> => {
    const sid = sidFor(socket);
    local.set(sid, { who, socket });
    if (holding) return connected(who, socket);
    post({ k: 'open', sid, who });
  };
  const closed = async (who: Who, socket: FrameSocket): Promise<void> => {
    const sid = sidFor(socket);
    local.delete(sid);
    if (holding) return disconnected(who, socket);
    post({ k: 'gone', sid });
  };
  const frame = async (who: Who, socket: FrameSocket, f: KioskFrame | MediatorFrame | GuestFrame): Promise<void> => {
    if (holding) return framed(who, socket, f);
    post({ k: 'frame', sid: sidFor(socket), frame: f });
  };

  // ---------- the holder's side ----------

  const remoteSocket = (from: string, sid: string): Remote['socket'] => {
    const socket = {
      gone: false,
      get open() {
        return !socket.gone;
      },
      send: (f: object) => {
        if (!socket.gone) post({ k: 'send', to: from, sid, frame: f });
      },
      close: (code: number, reason: string) => {
        if (!socket.gone) post({ k: 'shut', to: from, sid, code, reason });
      },
    };
    return socket;
  };
  const forget = (key: string): void => {
    const remote = remotes.get(key);
    if (!remote) return;
    remotes.delete(key);
    remote.socket.gone = true;
    void disconnected(remote.who, remote.socket);
  };

  const become = async (): Promise<void> => {
    // Before any call of ours is recorded: those records are the dead holder's.
    await o.closeDangling().catch((error: unknown) => o.onError('cluster.records', error));
    holding = true;
    holderId = self;
    post({ k: 'alive', holder: true });
    // Each is queued in the desk's turn now, before any later frame of the same socket.
    for (const { who, socket } of local.values()) void connected(who, socket);
  };
  const fence = (): void => {
    holding = false;
    fenced = true;
    for (const key of [...remotes.keys()]) remotes.get(key)!.socket.close(1012, 'the call desk moved to another instance');
    remotes.clear();
    // The desk's own sockets close; their clients reconnect and are relayed to the new holder.
    desk.close();
    o.onError('cluster.fenced', new Error('another instance holds the call desk'));
  };

  relay.onMessage((raw: RelayMessage) => {
    const m = raw as unknown as Message;
    heard.set(m.from, Date.now());
    switch (m.k) {
      case 'alive':
        if (m.holder && m.from !== holderId) {
          holderId = m.from;
          // A new holder has no sockets: open ours there again.
          if (!holding) for (const [sid, { who }] of local) post({ k: 'open', sid, who });
        }
        return;
      case 'send':
      case 'shut': {
        if (m.to !== self) return;
        const mine = local.get(m.sid);
        if (m.k === 'send') mine?.socket.send(m.frame);
        else mine?.socket.close(m.code, m.reason);
        return;
      }
      case 'intake':
        if (holding) void desk.intakeArrived(m.submissionId);
        return;
    }
    if (!holding) return;
    const key = `${m.from}/${m.sid}`;
    if (m.k === 'open') {
      if (remotes.has(key)) return;
      const remote: Remote = { from: m.from, sid: m.sid, who: m.who, socket: remoteSocket(m.from, m.sid) };
      remotes.set(key, remote);
      void connected(remote.who, remote.socket);
    } else if (m.k === 'frame') {
      const remote = remotes.get(key);
      if (remote) void framed(remote.who, remote.socket, m.frame);
    } else forget(key);
  });

  relay.onConnection((up) => {
    if (!up) return void (down = true);
    down = false;
    if (holding) {
      // The lock went with the connection: take it again, or step aside for whoever has it.
      relay.tryHold().then(
        (held) => {
          if (!held && holding) fence();
        },
        (error: unknown) => o.onError('cluster.hold', error),
      );
    } else holdNotBefore = Date.now() + leaseMs;
  });

  let trying = false;
  const tryToHold = async (): Promise<void> => {
    trying = true;
    await relay
      .tryHold()
      .then((held) => (held && !stopped ? become() : undefined))
      .catch((error: unknown) => o.onError('cluster.hold', error))
      .finally(() => (trying = false));
  };
  const tick = setInterval(() => {
    if (stopped) return;
    post({ k: 'alive', holder: holding });
    const now = Date.now();
    if (holding) {
      for (const [key, remote] of remotes) if (now - (heard.get(remote.from) ?? 0) > leaseMs) forget(key);
      return;
    }
    if (fenced || down || trying || now < holdNotBefore) return;
    void tryToHold();
  }, tickMs);
  tick.unref();

  const door: DeskDoor = {
    kioskConnected: (terminalId, socket) => opened({ kind: 'kiosk', terminalId }, socket),
    kioskDisconnected: (terminalId, socket) => closed({ kind: 'kiosk', terminalId }, socket),
    kioskFrame: (terminalId, socket, f) => frame({ kind: 'kiosk', terminalId }, socket, f),
    mediatorConnected: (username, displayName, socket) => opened({ kind: 'mediator', username, displayName }, socket),
    mediatorDisconnected: (username, socket) => closed({ kind: 'mediator', username, displayName: username }, socket),
    mediatorFrame: (username, socket, f) => frame({ kind: 'mediator', username, displayName: username }, socket, f),
    guestConnected: (pass, socket) => opened({ kind: 'guest', pass }, socket),
    guestDisconnected: (pass, socket) => closed({ kind: 'guest', pass }, socket),
    guestFrame: (pass, socket, f) => frame({ kind: 'guest', pass }, socket, f),
    async intakeArrived(submissionId) {
      if (holding) return desk.intakeArrived(submissionId);
      post({ k: 'intake', submissionId });
    },
  };

  return {
    door,
    started: tryToHold(),
    holding: () => holding,
    halt() {
      stopped = true;
      clearInterval(tick);
      relay.halt();
    },
    async close() {
      stopped = true;
      clearInterval(tick);
      await relay.close();
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
