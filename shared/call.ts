import { RecordingView } from './rooms/recordingConsent.js';
import { HearingView } from './rooms/hearing.js';
import { z } from 'zod';
import { Language, SubmissionId } from './intake.js';
import { roomRoles } from './rooms/roleTable.js';
import { RoomShare } from './rooms/roomShare.js';

// The video link's vocabulary, shared by the kiosk contract (renderer ⇄ agent), the hub's
// signalling protocol (agent ⇄ hub ⇄ mediator console) and the hub's call records.
// A call is a room with participants, not "two peers": today every room holds one resident and
// one mediator talking peer to peer; a later SFU or joint mediation adds participants, not shapes.

export const CallId = z.uuid();
/** One participant's presence in a room. A full rejoin gets a new one, so peers rebuild their link. */
export const PeerId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/**
 * 'resident' (a kiosk's caller) and 'mediator' came first; the room roles of shared/rooms/roleTable.ts
 * follow, so every old caller keeps working.
 */
export const participantRoles = ['resident', ...roomRoles] as const;
export const ParticipantRole = z.enum(participantRoles);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/** An SDP offer or answer as RTCSessionDescriptionInit carries it. */
export const SessionDescription = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(60_000),
});
export type SessionDescription = z.infer<typeof SessionDescription>;

/** RTCIceCandidateInit; `null` as a whole means "no more candidates". */
export const IceCandidate = z.strictObject({
  candidate: z.string().max(1_000),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof IceCandidate>;

/** One negotiation message to (outgoing) or from (incoming) the participant `peerId`. */
export const CallSignal = z
  .strictObject({
    callId: CallId,
    peerId: PeerId,
    description: SessionDescription.optional(),
    candidate: IceCandidate.nullable().optional(),
  })
  .refine((s) => (s.description === undefined) !== (s.candidate === undefined), {
    message: 'A signal carries either a description or a candidate',
  });
export type CallSignal = z.infer<typeof CallSignal>;

export const IceServer = z.strictObject({
  urls: z.union([z.string().max(500), z.array(z.string().max(500)).max(10)]),
  username: z.string().max(500).optional(),
  credential: z.string().max(500).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/** RTCConfiguration's ICE part, from the hub: TURN credentials are short-lived and per join. */
export const IceConfig = z.strictObject({
  iceServers: z.array(IceServer).max(10),
  iceTransportPolicy: z.enum(['all', 'relay']),
});
export type IceConfig = z.infer<typeof IceConfig>;

export const RoomPeer = z.strictObject({
  peerId: PeerId,
  role: ParticipantRole,
  /** Shown to the other side: a mediator's name; never a resident's (the kiosk is public). */
  displayName: z.string().max(100).optional(),
  /** Muted by the room's staff: the peer's own side turns its microphone off. */
  muted: z.boolean().optional(),
  /** Silenced by a hearing's floor (shared/rooms/hearing.ts): the hub pauses the peer's microphone. */
  silenced: z.boolean().optional(),
  /** The peer's link to the hub dropped; the hub keeps their place while they reconnect (the grace period). */
  reconnecting: z.boolean().optional(),
  /** The peer's media is not getting through although their link to the hub is up (shared/rooms/mediaState.ts). */
  mediaInterrupted: z.boolean().optional(),
  /** Came in by a meeting code alone at a terminal: the case holds no ID number to check the party against. */
  unverified: z.boolean().optional(),
  /** The peer turned their own camera off (shared/rooms/cameraState.ts): their tile says "camera off". */
  cameraOff: z.boolean().optional(),
});
export type RoomPeer = z.infer<typeof RoomPeer>;

/** The peer's microphone is off by rule (muted by the staff or silenced by the floor): the others' tiles say muted. */
export const micOffByRule = (peer: RoomPeer): boolean => peer.muted === true || peer.silenced === true;

/** Who is in the room besides you, and how to reach them. Sent on every change of membership. */
export const CallRoom = z.strictObject({
  callId: CallId,
  selfId: PeerId,
  peers: z.array(RoomPeer).max(16),
  ice: IceConfig,
  /** Your own role, when the room knows more than resident/mediator. */
  selfRole: ParticipantRole.optional(),
  /** The staff muted you: keep your microphone off until they lift it. */
  selfMuted: z.boolean().optional(),
  /** The room has your camera as off (shared/rooms/cameraState.ts); absent: on. */
  selfCameraOff: z.boolean().optional(),
  /** You exchange no media now: not yet admitted, or the mediator is in a caucus with others. */
  waiting: z.enum(['admission', 'caucus']).optional(),
  /** Who waits to be admitted (shown only to those who may admit). */
  lobby: z.array(RoomPeer).max(16).optional(),
  /** The peer ids in a caucus, while one is on (shown only to those who may hold one). */
  caucus: z.array(PeerId).max(16).optional(),
  /** Recording (shared/rooms/recordingConsent.ts): being asked (answer it if `mustAnswer`) or on; absent: off. */
  recording: RecordingView.optional(),
  /** 'sfu': media goes through the hub's SFU (shared/sfu.ts); absent: peer to peer with each peer. */
  media: z.literal('sfu').optional(),
  /** The room is a hearing (shared/rooms/hearing.ts): who holds the floor, whether you are silenced. */
  hearing: HearingView.optional(),
  /** A reference case shared into the room (shared/rooms/roomShare.ts), shown until each participant dismisses it. */
  shared: RoomShare.optional(),
});
export type CallRoom = z.infer<typeof CallRoom>;

/** Why a call ended, as stored on the call record and shown (translated) to the resident. */
export const callEndReasons = [
  'cancelled', // the resident left the queue
  'resident_hangup',
  'mediator_hangup',
  'resident_lost', // the kiosk stayed unreachable past the grace period
  'mediator_lost',
  'queue_timeout', // nobody answered in time
  'hub_restart', // the hub stopped while the call was open
  'failed', // media could not be (re)established
] as const;
export const CallEndReason = z.enum(callEndReasons);
export type CallEndReason = z.infer<typeof CallEndReason>;

/** What the mediator records when a call ends. */
export const callOutcomes = ['settled', 'scheduled', 'referred', 'resident_left'] as const;
export const CallOutcome = z.enum(callOutcomes);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const MAX_CALL_NOTES = 2_000;

/**
 * The call as the kiosk sees it. `queued` → `ringing` (a mediator accepted; joining) →
 * `connected` (in the room with the mediator) ⇄ `reconnecting` (the kiosk's link to the hub is
 * down; media may still flow peer to peer) → `ended`.
 */
export const callStates = ['queued', 'ringing', 'connected', 'reconnecting', 'ended'] as const;
export const CallStateName = z.enum(callStates);
export type CallStateName = z.infer<typeof CallStateName>;

export const CallState = z.strictObject({
  callId: CallId,
  state: CallStateName,
  /** 1 = next to be answered. */
  position: z.number().int().positive().optional(),
  /** null: nobody is on duty, so no honest estimate exists. */
  estimatedWaitS: z.number().int().nonnegative().nullable().optional(),
  mediatorName: z.string().max(100).optional(),
  reason: CallEndReason.optional(),
});
export type CallState = z.infer<typeof CallState>;

/** The longest case ticket (server/caseStatus/callTickets.ts) a call request may carry. */
export const CASE_TICKET_MAX_LENGTH = 400;
/**
 * The hub's ticket from check-my-case: the resident proved the intake theirs, so the call is about
 * its case (and, once answered, is recorded as a video session held on it). Opaque to the kiosk.
 */
export const CaseTicket = z.string().min(1).max(CASE_TICKET_MAX_LENGTH);

export const CallRequest = z.strictObject({
  /** The intake the resident has just filed, so the mediator sees it on answering. */
  submissionId: SubmissionId.optional(),
  /** Or the case the resident has just checked (a call about it). */
  caseTicket: CaseTicket.optional(),
  language: Language,
});
export type CallRequest = z.infer<typeof CallRequest>;

export const CallRef = z.strictObject({ callId: CallId });

/** The agent's current call, for a renderer that (re)starts while one is open. */
export const CallSnapshot = z.strictObject({
  state: CallState,
  room: CallRoom.nullable(),
});
export type CallSnapshot = z.infer<typeof CallSnapshot>;
