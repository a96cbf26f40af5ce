import { deskRoomRole } from '../../shared/rooms/deskRoles.js';
import type { HearingRecords } from '../hearing/hearingRecords.js';
import type { RecordSigning } from '../hearing/recordSigning.js';
import type { RecordUnlock } from '../hearing/recordUnlock.js';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { GuestFrame, KioskFrame, MAX_SIGNALLING_FRAME_BYTES, MediatorFrame, signallingPaths } from '../../shared/signalling.js';
import { errorLogFields } from '../http/errors.js';
import { cookieValue, SESSION_COOKIE, type StaffSessions } from '../staff/sessions.js';
import type { StaffStore } from '../staff/store.js';
import { terminalOfAuthorization } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import { isDatabaseUnavailable } from '../db/failures.js';
import { DATABASE_RETRY_AFTER_S } from '../http/errors.js';
import { sameOrigin } from '../web/sameOrigin.js';
import type { CallTickets } from '../caseStatus/callTickets.js';
import type { CallSessions } from '../rooms/callSessions.js';
import type { CallRecords } from './callRecords.js';
import type { Directory } from './directory.js';
import type { RoomLog } from '../rooms/roomLog.js';
import type { PublishedLookup } from '../guidance/roomShare.js';
import type { GuestPasses } from '../rooms/guestPasses.js';
import type { TerminalJoin } from '../rooms/terminalJoin.js';
import { MediationDesk } from './mediationDesk.js';
import { registerMediatorRoutes, type DeskRefused } from './mediatorRoutes.js';
import { frameSocket, type FrameSocket } from './signallingSocket.js';
import { checkIceOptions, type IceOptions } from './turnCredentials.js';
import type { SfuOptions } from '../sfu/options.js';
import { startSfu, type Sfu } from '../sfu/sfu.js';
import type { Recordings } from '../sfu/recordings.js';
import { SfuRoomMedia } from '../sfu/roomMedia.js';
import { deskCluster, type DeskCluster, type DeskDoor } from '../cluster/deskCluster.js';
import type { Relay } from '../cluster/pgRelay.js';

// Plugs the video link into the hub: the mediator console's HTTP routes, and the signalling
// WebSocket on the hub's own HTTP server. The upgrade is authenticated before any WebSocket
// exists — kiosks by their bearer credential, mediators by their staff session cookie sent from
// the hub's own origin — so an unauthenticated or forged client never gets a socket at all.

/** RFC 6455 "going away": the kiosk reconnects at once (through nginx, to a surviving instance). */
const GOING_AWAY = 1001;
/** A client refused during shutdown may try again at once: nginx sends it to another instance. */
const GOING_AWAY_RETRY_S = 1;

export interface SignallingOptions {
  ice?: IceOptions;
  /** How long a dropped kiosk or console keeps its call (default 30 s). */
  graceMs?: number;
  /** How long a call may wait unanswered (default 10 min). */
  maxQueueWaitMs?: number;
  /** How long a participant's media may stay interrupted before it is written on the case (default shared/rooms/mediaState.ts). */
  mediaInterruptionLoggedMs?: number;
  /** Socket heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** Where the built console lives (default dist/console). */
  consoleDir?: string;
  /** Run rooms' media on the hub's SFU (server/sfu/); absent or null: every call peer to peer. */
  sfu?: SfuOptions | null;
  /** Several instances (server/cluster/deskCluster.ts): its tick and lease (tests shorten them). */
  cluster?: { tickMs?: number; leaseMs?: number };
  /** Recording rows' heartbeat and stale limit (server/sfu/interruptedRecordings.ts; tests shorten them). */
  recordingBeats?: { heartbeatMs?: number; staleMs?: number };
}

export interface Signalling {
  desk: MediationDesk;
  records: CallRecords;
  /** The SFU, when it runs (null: no worker, or switched off). */
  sfu: Sfu | null;
  /** What sockets call: the desk, or the relay to whichever instance holds it (server/cluster/). */
  door: DeskDoor;
  /** Several instances on PostgreSQL; null on one. */
  cluster: DeskCluster | null;
  recordings: Recordings | null;
  /** Open signalling sockets (tests cut them to simulate a network failure). */
  sockets(): { kiosks: WebSocket[]; mediators: WebSocket[]; guests: WebSocket[] };
  /** Every path a WebSocket upgrade is accepted at (server/staff/routeAccess.ts classifies each). */
  upgradePaths: readonly string[];
}

export interface SignallingDeps {
  terminals: TerminalStore;
  staff: StaffStore;
  sessions: StaffSessions;
  records: CallRecords;
  directory: Directory;
  now: () => Date;
  /** Rooms' case events and refusals (server/rooms/roomLog.ts). */
  roomLog?: RoomLog;
  /** Passes the join page's guests were given (server/rooms/guestPasses.ts). */
  guests?: GuestPasses;
  /** Instances sharing one PostgreSQL database: the desk is held by one of them (server/cluster/). */
  relay?: Relay | undefined;
  /** Recording rooms with consent (server/sfu/recordings.ts), made once the SFU is known. */
  recordings?: ((sfu: Sfu | null) => Recordings) | undefined;
  /** A hearing's record kept in the room (server/hearing/hearingRecords.ts). */
  hearingRecords?: HearingRecords | undefined;
  /** The parties sign the record when the hearing closes (server/hearing/recordSigning.ts). */
  recordSigning?: RecordSigning | undefined;
  /** A pending record is read only after its party's name + ID ending (server/hearing/recordUnlock.ts); absent: it cannot be read at a kiosk. */
  recordUnlock?: RecordUnlock | undefined;
  /** Published reference cases a room may be shown (server/guidance/roomShare.ts). */
  referenceCases?: PublishedLookup | undefined;
  /** Kiosks joining another call by its code (server/rooms/terminalJoin.ts). */
  terminalJoin?: TerminalJoin | undefined;
  /** Checks check-my-case's case tickets on call requests (server/caseStatus/callTickets.ts). */
  tickets?: CallTickets | undefined;
  /** Answered calls about a case become sessions held (server/rooms/callSessions.ts). */
  callSessions?: CallSessions | undefined;
  /** Audits an account whose role does not work at the desk asking its routes (absent: not audited). */
  deskRefused?: DeskRefused | undefined;
}

export async function registerSignalling(app: FastifyInstance, deps: SignallingDeps, options: SignallingOptions = {}): Promise<Signalling> {
  checkIceOptions(options.ice);
  const { records, sessions, now } = deps;
  const profiles = (username: string) => deps.staff.profile(username);
  const onError = (event: string, error: unknown) => app.log.error({ event, errName: errorLogFields(error).errName }, 'signalling error');
  const sfu = options.sfu ? await startSfu(options.sfu, app.log) : null;
  const media = sfu ? (callId: string) => new SfuRoomMedia(sfu, callId) : null;
  const recordings = deps.recordings?.(sfu) ?? null;
  const callSessions = deps.callSessions;
  // Calls a stopped hub left open: the answered ones about a case are sessions held till now.
  const closeDangling = (at: string) => (callSessions ? callSessions.closeDangling(records, new Date(at)) : records.closeDangling(at));
  const desk = await MediationDesk.open({
    // With several instances only the instance that comes to hold the desk closes dangling records.
    records: { ...records, closeDangling: deps.relay ? async () => 0 : closeDangling },
    directory: deps.directory,
    ice: options.ice,
    now,
    onError,
    graceMs: options.graceMs,
    maxQueueWaitMs: options.maxQueueWaitMs,
    mediaInterruptionLoggedMs: options.mediaInterruptionLoggedMs,
    roomLog: deps.roomLog,
    media,
    recordings,
    hearingRecords: deps.hearingRecords,
    recordSigning: deps.recordSigning,
    recordUnlock: deps.recordUnlock,
    deskRole: async (username) => deskRoomRole((await profiles(username))?.role ?? '') ?? 'mediator',
    referenceCases: deps.referenceCases,
    terminalJoin: deps.terminalJoin,
    tickets: deps.tickets,
    callSessions,
  });
  const cluster = deps.relay ? deskCluster({ desk, relay: deps.relay, closeDangling: () => closeDangling(now().toISOString()), onError, ...options.cluster }) : null;
  const door: DeskDoor = cluster?.door ?? desk;
  await cluster?.started;
  registerMediatorRoutes(app, { sessions, profiles, records, consoleDir: options.consoleDir, refused: deps.deskRefused });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SIGNALLING_FRAME_BYTES });
  const open = { kiosks: new Set<WebSocket>(), mediators: new Set<WebSocket>(), guests: new Set<WebSocket>() };
  const track = (set: Set<WebSocket>, ws: WebSocket) => {
    set.add(ws);
    ws.once('close', () => set.delete(ws));
  };
  // Once the hub begins to close, no upgrade completes: one accepted while preClose runs would reach
  // a closed desk and be cut; refused with Retry-After 1, its kiosk moves to a survivor at once.
  let closing = false;
  const socketOptions = { heartbeatMs: options.heartbeatMs, onHandlerError: (e: unknown) => onError('signalling.frame', e) };

  /** Completes an upgrade, unless the hub began closing while it was being authenticated. */
  function accept(req: IncomingMessage, socket: Duplex, head: Buffer, opened: (ws: WebSocket) => void): void {
    if (socket.destroyed) return;
    if (closing) return refuse(socket, 503, 'Service Unavailable', GOING_AWAY_RETRY_S);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // handleUpgrade may finish after closing began: such a socket is told to go elsewhere at once.
      if (closing) return ws.close(GOING_AWAY, 'server going away');
      opened(ws);
    });
  }

  function refuse(socket: Duplex, status: number, text: string, retryAfterS?: number): void {
    const retry = retryAfterS ? `Retry-After: ${retryAfterS}\r\n` : '';
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${retry}Content-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
    setTimeout(() => socket.destroy(), 1_000).unref();
  }

  async function upgradeKiosk(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const terminalId = await terminalOfAuthorization(deps.terminals, req.headers.authorization);
    if (!terminalId) return refuse(socket, 401, 'Unauthorized');
    accept(req, socket, head, (ws) => {
      track(open.kiosks, ws);
      const fs: FrameSocket = frameSocket(ws, {
        ...socketOptions,
        schema: KioskFrame,
        onFrame: (frame) => void door.kioskFrame(terminalId, fs, frame),
        onClose: () => void door.kioskDisconnected(terminalId, fs),
      });
      void door.kioskConnected(terminalId, fs);
    });
  }

  async function upgradeMediator(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Cross-site WebSocket hijacking: a page elsewhere could open this socket with our cookie.
    if (!sameOrigin(req.headers.origin, req.headers.host)) return refuse(socket, 403, 'Forbidden');
    const cookie = req.headers.cookie;
    const username = await sessions.user(cookie);
    const profile = username ? await profiles(username) : null;
    if (!profile) return refuse(socket, 401, 'Unauthorized');
    if (deskRoomRole(profile.role) === null) {
      // audited as the desk's HTTP routes audit it (desk.open, NOT_A_DESK_ROLE): every refusal of a role leaves a row
      await deps.deskRefused?.(profile, req.socket.remoteAddress ?? 'unknown', 'desk.open');
      return refuse(socket, 403, 'Forbidden');
    }
    // a password still to change takes no calls (staff/passwordChange.ts); the desk's HTTP routes say why
    if (profile.mustChangePassword) return refuse(socket, 403, 'Forbidden');
    const token = cookieValue(cookie, SESSION_COOKIE);
    accept(req, socket, head, (ws) => {
      track(open.mediators, ws);
      const fs: FrameSocket = frameSocket(ws, {
        ...socketOptions,
        schema: MediatorFrame,
        onFrame: (frame) => void door.mediatorFrame(profile.username, fs, frame),
        onClose: () => {
          clearInterval(sessionCheck);
          void door.mediatorDisconnected(profile.username, fs);
        },
      });
      // Signing out (or the session expiring) also ends the live socket; while the database cannot
      // answer, the socket stays (the session is not known to have ended).
      const sessionCheck = setInterval(() => {
        sessions.user(`${SESSION_COOKIE}=${token}`).then(
          (user) => {
            if (user !== profile.username) fs.close(4003, 'signed out');
          },
          (error: unknown) => onError('signalling.session', error),
        );
      }, 30_000);
      sessionCheck.unref();
      void door.mediatorConnected(profile.username, profile.displayName || profile.username, fs);
    });
  }

  /** A join-page guest: its pass (from server/rooms) names the one call it may be in. */
  async function upgradeGuest(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!sameOrigin(req.headers.origin, req.headers.host)) return refuse(socket, 403, 'Forbidden');
    const pass = (await deps.guests?.get(new URL(req.url ?? '/', 'http://hub').searchParams.get('pass'))) ?? null;
    if (!pass) return refuse(socket, 401, 'Unauthorized');
    accept(req, socket, head, (ws) => {
      track(open.guests, ws);
      const fs: FrameSocket = frameSocket(ws, {
        ...socketOptions,
        schema: GuestFrame,
        onFrame: (frame) => void door.guestFrame(pass, fs, frame),
        onClose: () => void door.guestDisconnected(pass, fs),
      });
      void door.guestConnected(pass, fs);
    });
  }

  /** The hub's only WebSocket doors, by path; any other path is answered 404. */
  const upgrades: Readonly<Record<string, (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>>> = {
    [signallingPaths.kiosk]: upgradeKiosk,
    [signallingPaths.mediator]: upgradeMediator,
    [signallingPaths.guest]: upgradeGuest,
  };
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closing) return refuse(socket, 503, 'Service Unavailable', GOING_AWAY_RETRY_S);
    const upgrade = async () => {
      const path = new URL(req.url ?? '/', 'http://hub').pathname;
      const door = Object.hasOwn(upgrades, path) ? upgrades[path] : undefined;
      return door ? door(req, socket, head) : refuse(socket, 404, 'Not Found');
    };
    upgrade().catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) return refuse(socket, 503, 'Service Unavailable', DATABASE_RETRY_AFTER_S);
      onError('signalling.upgrade', error);
      return refuse(socket, 400, 'Bad Request');
    });
  });

  app.addHook('preClose', async () => {
    closing = true;
    desk.close();
    // Recordings under way are sealed and recorded before their router goes.
    await recordings?.close();
    sfu?.close();
    await cluster?.close();
    for (const ws of [...open.kiosks, ...open.mediators, ...open.guests]) ws.terminate();
    wss.close();
  });

  return {
    desk,
    door,
    cluster,
    records,
    sfu,
    recordings,
    sockets: () => ({ kiosks: [...open.kiosks], mediators: [...open.mediators], guests: [...open.guests] }),
    upgradePaths: Object.keys(upgrades),
  };
}
