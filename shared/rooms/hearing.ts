import { z } from 'zod';

// Online hearing mode (在线庭审, issue 12 item 5): ONE rule, read by the hub's rooms, the desk's
// hearing controls, the parties' screens and the tests. A judge (the role table's 'hold_hearing')
// opens a room as a hearing; from then on the judge holds the floor: "mute all" silences everyone
// but the judge, "give the floor" lets one participant speak besides the judge, "open the floor"
// lets everyone speak again. Whoever the rule silences cannot unmute themselves: the hub pauses
// their microphone on the SFU and refuses to resume it. Recording is mandatory in a hearing: the
// room asks for consent as the hearing opens (shared/rooms/recordingConsent.ts), so a refusal is
// recorded and the judge decides; nothing is recorded silently. Participants are named by identity
// (staff username, terminal id, join pass), which survives a rejoin.

export const hearingSteps = ['open', 'mute_all', 'give_floor', 'open_floor', 'close'] as const;
export const HearingStepName = z.enum(hearingSteps);
export type HearingStepName = z.infer<typeof HearingStepName>;

export type HearingStep = { step: 'open' | 'mute_all' | 'open_floor' | 'close' } | { step: 'give_floor'; to: string };

export type HearingState =
  | { phase: 'none' }
  /** `quiet`: only the judge and `floor` (if any) may speak. */
  | { phase: 'open'; judge: string; floor: string | null; quiet: boolean }
  | { phase: 'closed'; judge: string };

export const hearingNone: HearingState = { phase: 'none' };

/** What a step did, for the case's events (hearing.opened, floor.given, hearing.closed). */
export type HearingEffect = { kind: 'opened'; by: string } | { kind: 'floor'; by: string; to: string | null; quiet: boolean } | { kind: 'closed'; by: string };

export type HearingResult = { ok: true; state: HearingState; effects: HearingEffect[] } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND'; message: string };

/**
 * One step by `actor`. `mayHold`: the role table's 'hold_hearing' for the actor. `present`:
 * identities admitted to the room now (the floor goes only to someone in it).
 */
export function hearingStep(state: HearingState, step: HearingStep, actor: { identity: string; mayHold: boolean }, present: readonly string[]): HearingResult {
  if (!actor.mayHold) return { ok: false, code: 'FORBIDDEN', message: 'Only the judge holds a hearing' };
  const by = actor.identity;
  if (step.step === 'open') {
    if (state.phase === 'open') return { ok: false, code: 'CONFLICT', message: 'The hearing is already open' };
    if (state.phase === 'closed') return { ok: false, code: 'CONFLICT', message: 'This hearing is closed; open a new room for another' };
    return { ok: true, state: { phase: 'open', judge: by, floor: null, quiet: false }, effects: [{ kind: 'opened', by }] };
  }
  if (state.phase !== 'open') return { ok: false, code: 'CONFLICT', message: 'No hearing is open in this room' };
  switch (step.step) {
    case 'mute_all':
      return floor(state, by, null, true);
    case 'open_floor':
      return floor(state, by, null, false);
    case 'give_floor':
      if (!present.includes(step.to)) return { ok: false, code: 'NOT_FOUND', message: 'No such participant in this room' };
      return floor(state, by, step.to, true);
    case 'close':
      return { ok: true, state: { phase: 'closed', judge: state.judge }, effects: [{ kind: 'closed', by }] };
  }
}

function floor(state: Extract<HearingState, { phase: 'open' }>, by: string, to: string | null, quiet: boolean): HearingResult {
  return { ok: true, state: { ...state, floor: to, quiet }, effects: [{ kind: 'floor', by, to, quiet }] };
}

/**
 * Whether `identity` may speak now. Outside an open hearing the rule says nothing (the staff's
 * ordinary mute still applies); in one, the judge always may, the others only when the floor is
 * open or theirs.
 */
export function maySpeak(state: HearingState, identity: string): boolean {
  if (state.phase !== 'open' || !state.quiet) return true;
  return identity === state.judge || identity === state.floor;
}

/** What a participant's screen shows of the hearing. */
export const HearingView = z.strictObject({
  phase: z.enum(['open', 'closed']),
  /** The peer id holding the floor, while one does. */
  floor: z.string().max(64).optional(),
  /** Only the judge (and the floor) speak now. */
  quiet: z.boolean().optional(),
  /** You are silenced by the rule: your microphone is paused by the hub until the judge lets you speak. */
  silenced: z.boolean().optional(),
});
export type HearingView = z.infer<typeof HearingView>;

export function hearingViewFor(state: HearingState, identity: string, peerIdOf: (identity: string) => string | null): HearingView | undefined {
  if (state.phase === 'none') return undefined;
  if (state.phase === 'closed') return { phase: 'closed' };
  const view: HearingView = { phase: 'open' };
  const holder = state.floor ? peerIdOf(state.floor) : null;
  if (holder) view.floor = holder;
  if (state.quiet) view.quiet = true;
  if (!maySpeak(state, identity)) view.silenced = true;
  return view;
}

/** A hearing step as a page sends it; `peerId` names who gets the floor. Answered by room.done or error. */
export const RoomHearingFrame = z
  .strictObject({
    t: z.literal('room.hearing'),
    ref: z
      .number()
      .int()
      .nonnegative()
      .max(2 ** 31),
    callId: z.uuid(),
    step: HearingStepName,
    peerId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
  })
  .refine((f) => (f.step === 'give_floor') === (f.peerId !== undefined), { message: 'give_floor names one participant (peerId); the other steps name none' });
export type RoomHearingFrame = z.infer<typeof RoomHearingFrame>;
/** A hearing step as a page asks for it: the socket adds the call and the ref. */
export type RoomHearingRequest = Omit<RoomHearingFrame, 'ref' | 'callId'>;
