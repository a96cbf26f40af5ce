import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CallId } from '../../shared/call.js';
import { guidancePaths, mayGuide, type OpenRooms } from '../../shared/rooms/guidance.js';
import type { JoinAnswer } from '../../shared/rooms/joining.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { CaseStore } from '../cases/caseStore.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import type { GuestPasses } from '../rooms/guestPasses.js';
import type { OpenCalls } from '../rooms/openCalls.js';
import type { StaffSessions } from '../staff/sessions.js';
import type { StaffProfile } from '../staff/store.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import type { OpenRoomBoard } from './openRoomBoard.js';
import { passwordChangeRequired } from '../staff/passwordChange.js';

// The guidance desk's hub side (issue 12 item 4): the mediation rooms open now, as a list and as
// a live stream of server-sent events (the whole list again whenever a room opens, closes or
// someone joins), and joining one as guiding judge: a pass for the room's guest socket, so the
// judge takes part through the same room code as everyone else. Staff sign in as for the console
// (the staff cookie); only judges and the court admin (`guideMediation`) get in; views and joins
// are audited. The list is the one the desk's holder writes (./openRoomBoard.ts) and a room is
// open as its call record says (server/rooms/openCalls.ts), so every hub instance answers alike.

export interface GuidanceRouteDeps {
  scope: DbScope;
  rooms: OpenRoomBoard;
  calls: OpenCalls;
  passes: GuestPasses;
  cases: CaseStore;
  audit: AuditStore;
  sessions: StaffSessions;
  profiles: (username: string) => Promise<StaffProfile | null>;
}

/** A comment now and then keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 25_000;

export function registerGuidanceRoutes(app: FastifyInstance, deps: GuidanceRouteDeps): void {
  const { scope, rooms, calls, audit } = deps;

  async function guide(request: FastifyRequest): Promise<StaffProfile> {
    const username = await deps.sessions.user(request.headers.cookie);
    const profile = username ? await deps.profiles(username) : null;
    if (!profile) throw new HubError(401, hubErrorCodes.unauthorized, 'Staff sign-in required');
    // the role first, audited (server/staff/staffGate.ts): a role that may not guide is told so whatever its password
    if (!mayGuide(profile.role)) {
      await audit.record(scope.db, staffOf(profile, request), { action: 'guidance.open', outcome: 'denied' });
      throw new HubError(403, hubErrorCodes.forbidden, 'Only judges guide mediation');
    }
    // then an account still on a password an admin set may only change it (as the court API and the mediator desk)
    if (profile.mustChangePassword) throw passwordChangeRequired();
    return profile;
  }

  app.get(guidancePaths.rooms, async (request) => {
    const profile = await guide(request);
    await audit.record(scope.db, staffOf(profile, request), { action: 'guidance.rooms', outcome: 'ok' });
    return rooms.read();
  });

  app.get(guidancePaths.events, async (request, reply) => {
    const profile = await guide(request);
    await audit.record(scope.db, staffOf(profile, request), { action: 'guidance.rooms', outcome: 'ok' });
    stream(reply, rooms, (err) => request.log.error({ event: 'guidance.rooms', errName: (err as Error).name }, 'the guidance list could not be read'));
  });

  app.post(guidancePaths.join(':callId'), async (request, reply) => {
    refuseCrossSite(request, { required: true });
    const profile = await guide(request);
    const callId = parseOrThrow(CallId, (request.params as { callId: string }).callId, 'Room');
    if (!(await calls.isOpen(callId))) throw new HubError(404, hubErrorCodes.notFound, 'This room is not open now');
    const submissionId = await calls.submissionOf(callId);
    const caseId = submissionId ? ((await deps.cases.bySubmission(scope, submissionId))?.caseId ?? null) : null;
    await audit.record(scope.db, staffOf(profile, request), { action: 'room.guide', outcome: 'ok', caseId, recordKind: 'call', recordId: callId });
    const pass = await deps.passes.issue({ callId, identity: profile.username, role: 'guiding_judge', displayName: profile.displayName || profile.username, caseId, entersDirectly: true });
    const answer: JoinAnswer = { pass, callId, role: 'guiding_judge' };
    return reply.code(201).send(answer);
  });
}

const staffOf = (p: StaffProfile, request: FastifyRequest) => ({ kind: 'staff' as const, id: p.username, role: p.role, source: request.ip });

/** Holds the response open and writes the list whenever it changes (`event: rooms`), on any instance. */
function stream(reply: FastifyReply, rooms: OpenRoomBoard, onError: (error: unknown) => void): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'keep-alive' });
  let last = '';
  let reading: Promise<void> = Promise.resolve();
  // Reads one after the other, so an older list never follows a newer one.
  const send = () => {
    reading = reading
      .then(async () => {
        const list: OpenRooms = await rooms.read();
        const data = JSON.stringify(list);
        if (data === last || res.destroyed) return;
        last = data;
        res.write(`event: rooms\ndata: ${data}\n\n`);
      })
      .catch(onError);
  };
  send();
  const stop = rooms.watch(send);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  res.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
