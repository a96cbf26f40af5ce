import { z } from 'zod';
import { CallEndReason, CallId, CaseTicket, CallOutcome, CallRoom, CallSignal, CallState, IceCandidate, MAX_CALL_NOTES, ParticipantRole, PeerId, SessionDescription } from './call.js';
import { Language, SubmissionId } from './intake.js';
import { HUB_API } from './hubProtocol.js';
import { RecordingStep } from './rooms/recordingConsent.js';
import { RoomMediaFrame } from './rooms/mediaState.js';
import { RoomCameraFrame } from './rooms/cameraState.js';
import { RoomHearingFrame } from './rooms/hearing.js';
import { IdLast4, JoinCode, PartyName } from './rooms/joining.js';
import { RoomRecordFrame, RoomRecordPendingFrame, RoomRecordSaveFrame, RoomRecordSigningFrame, RoomRecordSignFrames, RoomRecordUnlockFrame } from './rooms/hearingRecord.js';
import { ReferenceCaseId } from './referenceCases/referenceCase.js';
import { SfuPushFrames, SfuReplyFrame, SfuRequestFrames } from './sfu.js';

// The hub's signalling WebSocket protocol: JSON text frames, one object each, discriminated by
// `t`. Kiosk agents connect with `Authorization: Bearer <terminal credential>`; the mediator
// console connects with its staff session cookie from the hub's own origin. The hub parses every
// frame with these schemas and closes the socket with 1008 on abuse; nothing in a frame is trusted.

/** The mediator desk's HTTP side: the app itself, and its sign-in and records (JSON). */
export const mediatorPaths = {
  app: '/mediator',
  login: `${HUB_API}/mediator/login`,
  logout: `${HUB_API}/mediator/logout`,
  session: `${HUB_API}/mediator/session`,
  calls: `${HUB_API}/mediator/calls`,
} as const;

export const signallingPaths = {
  kiosk: `${HUB_API}/signalling/kiosk`,
  mediator: `${HUB_API}/signalling/mediator`,
  /** The join page's guests: `?pass=` from server/rooms' join answer. */
  guest: `${HUB_API}/signalling/guest`,
} as const;

/** Largest frame either side accepts (an SDP with many codecs is ~10 KB). */
export const MAX_SIGNALLING_FRAME_BYTES = 64 * 1024;

/** Close codes the hub uses besides 1000/1001. */
export const closeCodes = {
  policy: 1008, // malformed frames, flooding, or a frame this role may not send
  replaced: 4001, // the same terminal or mediator connected again; the newer socket wins
  signedOut: 4003, // the staff session ended
} as const;

const signalFields = {
  callId: CallId,
  peerId: PeerId,
  description: SessionDescription.optional(),
  candidate: IceCandidate.nullable().optional(),
};
const Signal = z.strictObject({ t: z.literal('signal'), ...signalFields });
const hasOnePayload = (s: { description?: unknown; candidate?: unknown }) => (s.description === undefined) !== (s.candidate === undefined);

/** Correlates a request with the hub's answer (`error.ref` or the first `call.state`). */
const Ref = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31);

/**
 * A request to the room (admit, mute, remove, caucus); the role table decides (refused: error
 * FORBIDDEN with the same ref, and audited).
 */
export const RoomActFrame = z.discriminatedUnion('action', [
  z.strictObject({ t: z.literal('room.act'), ref: Ref, callId: CallId, action: z.enum(['admit', 'mute', 'unmute', 'remove']), peerId: PeerId }),
  z.strictObject({ t: z.literal('room.act'), ref: Ref, callId: CallId, action: z.literal('caucus'), peerIds: z.array(PeerId).min(1).max(15) }),
  z.strictObject({ t: z.literal('room.act'), ref: Ref, callId: CallId, action: z.literal('end_caucus') }),
]);
export type RoomActFrame = z.infer<typeof RoomActFrame>;
/** A room.act as a page asks for it: the socket adds the call and the ref. */
export type RoomActRequest = RoomActFrame extends infer F ? (F extends unknown ? Omit<F, 'ref' | 'callId'> : never) : never;
/** A step of recording with consent (shared/rooms/recordingConsent.ts): ask, answer, stop; answered by room.done or error. */
export const RoomRecordingFrame = z.strictObject({ t: z.literal('room.recording'), ref: Ref, callId: CallId, step: RecordingStep });
export type RoomRecordingFrame = z.infer<typeof RoomRecordingFrame>;
/** A recording step as a page asks for it: the socket adds the call and the ref. */
export type RoomRecordingRequest = Omit<RoomRecordingFrame, 'ref' | 'callId'>;
/** Shares a published reference case into the room (shared/rooms/guidance.ts); the role table decides ('share_reference'). */
export const RoomShareFrame = z.strictObject({ t: z.literal('room.share'), ref: Ref, callId: CallId, referenceCaseId: ReferenceCaseId });
export type RoomShareFrame = z.infer<typeof RoomShareFrame>;
/** The hub did what a room.act asked. */
export const RoomDoneFrame = z.strictObject({ t: z.literal('room.done'), ref: Ref });

// ---------- kiosk agent → hub ----------

export const KioskFrame = z
  .discriminatedUnion('t', [
    z.strictObject({ t: z.literal('call.request'), ref: Ref, submissionId: SubmissionId.optional(), caseTicket: CaseTicket.optional(), language: Language }),
    /**
     * Joins another call's waiting room by an invitation's code and the party's name + ID ending (answered like call.request, or error NOT_FOUND / FORBIDDEN / RATE_LIMITED / CODE_LOCKED).
     * `knows`: the error codes newer than the first agents that this agent reads (CODE_LOCKED); an agent that does not say so is answered a code it knows.
     */
    z.strictObject({
      t: z.literal('call.join'),
      ref: Ref,
      code: JoinCode,
      name: PartyName,
      idLast4: IdLast4,
      language: Language,
      knows: z.array(z.string().max(40)).max(16).optional(),
    }),
    z.strictObject({ t: z.literal('call.cancel'), callId: CallId }),
    z.strictObject({ t: z.literal('call.hangup'), callId: CallId }),
    z.strictObject({ t: z.literal('call.rejoin'), callId: CallId }),
    RoomRecordingFrame,
    RoomMediaFrame,
    RoomCameraFrame,
    RoomHearingFrame,
    ...RoomRecordSignFrames,
    RoomRecordUnlockFrame,
    RoomShareFrame,
    Signal,
    ...SfuRequestFrames,
  ])
  .refine((f) => f.t !== 'signal' || hasOnePayload(f), { message: 'A signal carries either a description or a candidate' });
export type KioskFrame = z.infer<typeof KioskFrame>;

// ---------- mediator console → hub ----------

export const presenceChoices = ['available', 'away'] as const;
export const PresenceChoice = z.enum(presenceChoices);
export type PresenceChoice = z.infer<typeof PresenceChoice>;
/** What others see: `busy` is set by the hub while the mediator is in a call. */
export const PresenceStatus = z.enum(['available', 'busy', 'away']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const MediatorFrame = z
  .discriminatedUnion('t', [
    z.strictObject({ t: z.literal('presence.set'), status: PresenceChoice }),
    z.strictObject({ t: z.literal('call.accept'), ref: Ref, callId: CallId }),
    /** Ends the call if it is still open, and stores the outcome on its record (again allowed: a correction). */
    z.strictObject({
      t: z.literal('call.end'),
      ref: Ref,
      callId: CallId,
      outcome: CallOutcome,
      notes: z.string().max(MAX_CALL_NOTES).default(''),
    }),
    z.strictObject({ t: z.literal('call.rejoin'), callId: CallId }),
    RoomActFrame,
    RoomRecordingFrame,
    RoomMediaFrame,
    RoomCameraFrame,
    RoomHearingFrame,
    RoomRecordSaveFrame,
    RoomShareFrame,
    Signal,
    ...SfuRequestFrames,
  ])
  .refine((f) => f.t !== 'signal' || hasOnePayload(f), { message: 'A signal carries either a description or a candidate' });
export type MediatorFrame = z.infer<typeof MediatorFrame>;

// ---------- hub → both ----------

export const ErrorFrame = z.strictObject({
  t: z.literal('error'),
  ref: Ref.optional(),
  // CODE_LOCKED: a meeting code wrong names or ID endings locked (the join page's 410): only a new code helps.
  // A code this kiosk does not know yet (a newer hub's) is read as REFUSED, so the frame still
  // answers its request rather than being dropped (./hubAnswer.ts).
  code: z.enum(['INVALID_FRAME', 'NOT_FOUND', 'CONFLICT', 'NOT_ON_DUTY', 'ALREADY_TAKEN', 'FORBIDDEN', 'RATE_LIMITED', 'CODE_LOCKED', 'UNAVAILABLE', 'REFUSED']).catch('REFUSED'),
  message: z.string(),
  /** With RATE_LIMITED where the hub knows it: whole seconds until a try is taken again (HTTP's Retry-After). */
  retryAfterS: z.int().positive().optional(),
});
export type ErrorFrame = z.infer<typeof ErrorFrame>;

export const RoomFrame = z.strictObject({ t: z.literal('room'), room: CallRoom });
export const SignalFrame = z.strictObject({ t: z.literal('signal'), signal: CallSignal });

// ---------- hub → kiosk agent ----------

export const KioskCallSnapshot = z.strictObject({ state: CallState, room: CallRoom.nullable() });

export const HubToKioskFrame = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('hello'), terminalId: z.string(), call: KioskCallSnapshot.nullable() }),
  z.strictObject({ t: z.literal('call.state'), ref: Ref.optional(), state: CallState }),
  RoomFrame,
  RoomDoneFrame,
  RoomRecordFrame,
  RoomRecordPendingFrame,
  SignalFrame,
  ErrorFrame,
  SfuReplyFrame,
  ...SfuPushFrames,
]);
export type HubToKioskFrame = z.infer<typeof HubToKioskFrame>;

// ---------- hub → mediator console ----------

/** What a mediator sees of an intake: the console's own listing fields (mobile masked). */
export const IntakeSummary = z.strictObject({
  submissionId: SubmissionId,
  /** Null until the court numbers the case (the provisional number is the reference until then). */
  caseNumber: z.string().nullable(),
  provisionalNumber: z.string(),
  receivedAt: z.string(),
  disputeType: z.string(),
  disputeLabel: z.strictObject({ zh: z.string(), en: z.string() }),
  applicantName: z.string(),
  mobileMasked: z.string(),
  description: z.string(),
});
export type IntakeSummary = z.infer<typeof IntakeSummary>;

export const TerminalSummary = z.strictObject({ terminalId: z.string(), name: z.string(), location: z.string() });
export type TerminalSummary = z.infer<typeof TerminalSummary>;

/** A waiting call as the queue shows it, oldest first. */
export const QueueEntry = z.strictObject({
  callId: CallId,
  queuedAt: z.string(),
  terminal: TerminalSummary,
  language: Language,
  /** The filed intake; null with `intakePending` while it is still on its way from the kiosk. */
  intake: IntakeSummary.nullable(),
  intakePending: z.boolean(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

/** The call a mediator has answered (repeated on reconnect). */
export const MediatorCall = z.strictObject({
  callId: CallId,
  queuedAt: z.string(),
  answeredAt: z.string(),
  terminal: TerminalSummary,
  language: Language,
  intake: IntakeSummary.nullable(),
  intakePending: z.boolean(),
  /** Set once the call is over and waits for (or has) its outcome. */
  endedReason: CallEndReason.nullable(),
});
export type MediatorCall = z.infer<typeof MediatorCall>;

export const HubToMediatorFrame = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('hello'),
    user: z.strictObject({ username: z.string(), displayName: z.string() }),
    presence: PresenceStatus,
    call: MediatorCall.nullable(),
  }),
  z.strictObject({ t: z.literal('presence'), status: PresenceStatus }),
  z.strictObject({ t: z.literal('queue'), calls: z.array(QueueEntry), onDuty: z.number().int().nonnegative() }),
  z.strictObject({ t: z.literal('call'), call: MediatorCall }),
  z.strictObject({ t: z.literal('call.recorded'), ref: Ref, callId: CallId }),
  RoomDoneFrame,
  RoomRecordFrame,
  RoomRecordSigningFrame,
  RoomFrame,
  SignalFrame,
  ErrorFrame,
  SfuReplyFrame,
  ...SfuPushFrames,
]);
export type HubToMediatorFrame = z.infer<typeof HubToMediatorFrame>;

// ---------- a guest on the join page ⇄ hub ----------

/** A phone or PC browser admitted to one call by an invitation (server/rooms): it only talks in the room (mesh signals, or SFU steps when the room is on the SFU). */
export const GuestFrame = z
  .discriminatedUnion('t', [
    z.strictObject({ t: z.literal('call.rejoin'), callId: CallId }),
    RoomActFrame,
    RoomRecordingFrame,
    RoomMediaFrame,
    RoomCameraFrame,
    RoomShareFrame,
    RoomHearingFrame,
    RoomRecordSaveFrame,
    ...RoomRecordSignFrames,
    Signal,
    ...SfuRequestFrames,
  ])
  .refine((f) => f.t !== 'signal' || hasOnePayload(f), { message: 'A signal carries either a description or a candidate' });
export type GuestFrame = z.infer<typeof GuestFrame>;

export const HubToGuestFrame = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('hello'), callId: CallId, role: ParticipantRole }),
  /** The call is over, or the staff removed you from it. */
  z.strictObject({ t: z.literal('call.ended'), callId: CallId }),
  RoomDoneFrame,
  RoomRecordFrame,
  RoomRecordSigningFrame,
  RoomFrame,
  SignalFrame,
  ErrorFrame,
  SfuReplyFrame,
  ...SfuPushFrames,
]);
export type HubToGuestFrame = z.infer<typeof HubToGuestFrame>;
