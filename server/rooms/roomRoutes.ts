import { deskRoomRole } from '../../shared/rooms/deskRoles.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkedRoles, inviteLink, InvitationRequest, JoinRequest, roomPaths, type Invitation, type JoinAnswer } from '../../shared/rooms/joining.js';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { CaseStore } from '../cases/caseStore.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { linkAddressLimit, type GuessStore } from '../rateLimit/guessStore.js';
import type { StaffSessions } from '../staff/sessions.js';
import { passwordChangeRequired } from '../staff/passwordChange.js';
import type { StaffProfile } from '../staff/store.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { CODE_LOCKED_MESSAGE, codeLimitAnswer, lockedByWrongAnswers } from './codeLock.js';
import type { GuestPasses } from './guestPasses.js';
import type { InvitationStore } from './invitationStore.js';
import type { OpenCalls } from './openCalls.js';
import type { PartyIdentity } from './partyIdentity.js';
import type { JoinLimits } from './terminalJoin.js';

// Bringing parties in over HTTP (shared/rooms/joining.ts): the mediator in a call asks for an
// invitation; a party redeems its code with their name and the last 4 of their ID number. Every
// refusal is the same for a wrong, used or expired code (no oracle for guessing) — except a code
// locked by wrong names or ID endings (410 CODE_LOCKED): the party who typed them knows the code
// was right, and must be told that waiting will not help, a new code will — tries are
// limited per address and per code (429 + Retry-After), wrong guesses per address over every link
// route and per code, and both outcomes are audited. The address is Fastify's `request.ip`: the
// peer's, or X-Forwarded-For's only from a proxy HUB_TRUST_PROXY names.

export interface RoomRouteDeps {
  scope: DbScope;
  /** Audits an account whose role does not work at the desk asking to invite (server/signalling/mediatorRoutes.ts DeskRefused). */
  deskRefused: (profile: StaffProfile, source: string, action: string) => Promise<void>;
  /** The calls rooms are open in, as any instance sees them (./openCalls.ts). */
  calls: OpenCalls;
  invitations: InvitationStore;
  passes: GuestPasses;
  /** Tries per source and per code, shared with terminals joining by code (server/rooms/terminalJoin.ts). */
  limits: JoinLimits;
  /** Wrong guesses (a code that lets nobody in, a wrong party) per client address, shared with the record links. */
  guesses: GuessStore;
  cases: CaseStore;
  /** The name + ID-ending check against the case (./partyIdentity.ts), shared with terminals joining by code. */
  identity: PartyIdentity;
  audit: AuditStore;
  sessions: StaffSessions;
  profiles: (username: string) => Promise<StaffProfile | null>;
  now: () => Date;
}

const NO_SUCH_CODE = 'This meeting code is not valid: it may be mistyped, used or expired';

export function registerRoomRoutes(app: FastifyInstance, deps: RoomRouteDeps): void {
  const { scope, calls, invitations, audit, now } = deps;

  const limited = (retryAfterS: number) => new HubError(429, 'RATE_LIMITED', 'Too many tries; wait and try again', undefined, undefined, retryAfterS);
  const codeLocked = () => new HubError(410, hubErrorCodes.codeLocked, CODE_LOCKED_MESSAGE);
  /** The code's tries this minute are used up (./codeLock.ts decides what that try is told). */
  const codeLimitHit = async (code: string, codeWait: number) => {
    const answer = codeLimitAnswer(await invitations.byCode(scope, code), now(), codeWait);
    return answer.kind === 'locked' ? codeLocked() : limited(answer.retryAfterS);
  };

  app.post(roomPaths.invitations, async (request, reply) => {
    refuseCrossSite(request, { required: true });
    const username = await deps.sessions.user(request.headers.cookie);
    const profile = username ? await deps.profiles(username) : null;
    if (!profile) throw new HubError(401, hubErrorCodes.unauthorized, 'Mediator sign-in required');
    // only the desk's roles hold calls to invite into (as the desk's own routes), whatever the password
    if (deskRoomRole(profile.role) === null) {
      await deps.deskRefused(profile, request.ip, 'room.invited');
      throw new HubError(403, hubErrorCodes.forbidden, 'This account does not take calls');
    }
    if (profile.mustChangePassword) throw passwordChangeRequired();
    const body = parseOrThrow(InvitationRequest, request.body, 'Invitation');
    if ((await calls.mediatorOf(body.callId)) !== profile.username) throw new HubError(404, hubErrorCodes.notFound, 'You are not in a call with this id');
    const submissionId = await calls.submissionOf(body.callId);
    const caseId = submissionId ? ((await deps.cases.bySubmission(scope, submissionId))?.caseId ?? null) : null;
    if (!caseId && checkedRoles.includes(body.role)) {
      throw new HubError(409, 'CONFLICT', 'This call has no case yet, so a party cannot be identified; invite by role without a case is not possible');
    }
    const created = await invitations.create(scope, { callId: body.callId, caseId, role: body.role, createdBy: profile.username, at: now() });
    await audit.record(
      scope.db,
      { kind: 'staff', id: profile.username, role: profile.role, source: request.ip },
      { action: 'room.invited', outcome: 'ok', caseId, recordKind: 'call', recordId: body.callId },
    );
    const answer: Invitation = { inviteId: created.inviteId, code: created.code, link: inviteLink(created.inviteId), role: body.role, expiresAt: created.expiresAt };
    return reply.code(201).send(answer);
  });

  app.post(roomPaths.join, async (request: FastifyRequest) => {
    refuseCrossSite(request, { required: false });
    const wait = await deps.limits.source(request.ip);
    if (wait > 0) throw limited(wait);
    const body = parseOrThrow(JoinRequest, request.body, 'Joining');
    const codeWait = await deps.limits.code(body.code);
    if (codeWait > 0) throw await codeLimitHit(body.code, codeWait);
    const at = now();
    // A code that lets nobody in and a name + ID ending that do not match are both wrong guesses
    // from this address, counted with the record links' (shared/wrongGuesses.ts): a turn is taken
    // before either is looked at, and given back when the code and the party are right.
    const judged = await deps.guesses.judge(
      [linkAddressLimit(request.ip)],
      async () => {
        const invitation = await invitations.byCode(scope, body.code);
        const usable =
          invitation && invitation.usedAt === null && invitation.expiresAt > at.toISOString() && (!body.invite || body.invite === invitation.inviteId) && (await calls.isOpen(invitation.callId));
        if (!invitation || !usable) return { kind: 'noCode' as const };
        if (lockedByWrongAnswers(invitation, at)) return { kind: 'codeLocked' as const };
        const who = { kind: 'anonymous' as const, id: null, role: invitation.role as RoomRole, source: request.ip };
        const check = await deps.identity(invitation, { code: body.code, name: body.name, idLast4: body.idLast4, who, unheldPasses: false });
        return { kind: 'checked' as const, invitation, who, check };
      },
      (found) => found.kind === 'noCode' || found.kind === 'codeLocked' || found.check.kind === 'refused',
    );
    if (!judged.ok) throw limited(judged.retryAfterS);
    const found = judged.value;
    if (found.kind === 'noCode') throw new HubError(404, hubErrorCodes.notFound, NO_SUCH_CODE);
    // The code's turns are used up (or being used) by wrong answers: it will not open again.
    if (found.kind === 'codeLocked' || found.check.kind === 'locked') throw codeLocked();
    const { invitation, who, check } = found;
    const role = invitation.role as RoomRole;
    if (check.kind === 'refused') throw new HubError(403, hubErrorCodes.forbidden, 'The name or the ID number does not match this case');
    const identity = check.kind === 'confirmed' ? `join:${role}:${check.partyIndex}` : `join:${role}:${invitation.inviteId}`;
    if (!(await invitations.use(scope, body.code, identity, at))) throw new HubError(404, hubErrorCodes.notFound, NO_SUCH_CODE);
    await audit.record(scope.db, { ...who, id: identity }, { action: 'room.join', outcome: 'ok', caseId: invitation.caseId, recordKind: 'call', recordId: invitation.callId });
    // Parties are shown by their role (the room may be seen at a public terminal); helpers by name.
    const displayName = checkedRoles.includes(role) ? '' : body.name;
    const pass = await deps.passes.issue({ callId: invitation.callId, identity, role: role, displayName, caseId: invitation.caseId });
    const answer: JoinAnswer = { pass, callId: invitation.callId, role: role };
    return answer;
  });
}
