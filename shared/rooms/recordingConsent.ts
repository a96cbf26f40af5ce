import { z } from 'zod';

// Recording with consent (issue 12 item 6): ONE rule, read by the hub's rooms, the consent prompts
// and the tests. Someone whose role may start recording asks; every participant present (admitted
// to the room) answers; the recording starts only when all of them have consented, and one
// refusal ends the round with nothing recorded. Participants are named by their identity (a
// staff username, terminal id or join pass), which survives a rejoin, not by their peer id.
// While it is on, someone new in the room (admitted or joined) stops it:
// a newcomer never appears on a recording they were not asked about.

export const recordingSteps = ['ask', 'consent', 'refuse', 'stop'] as const;
export const RecordingStep = z.enum(recordingSteps);
export type RecordingStep = z.infer<typeof RecordingStep>;

export type ConsentState = { phase: 'off' } | { phase: 'asking'; askedBy: string; consented: ReadonlySet<string> } | { phase: 'on'; present: ReadonlySet<string> };

/** What a step or a change of presence did, for the case's events and the recorder. */
export type ConsentEffect =
  | { kind: 'requested'; by: string }
  | { kind: 'consented'; by: string }
  | { kind: 'refused'; by: string }
  | { kind: 'started' }
  | { kind: 'stopped'; cause: 'stopped' | 'participant_changed' | 'room_closed' };

export type ConsentResult = { ok: true; state: ConsentState; effects: ConsentEffect[] } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string };

export const consentOff: ConsentState = { phase: 'off' };

/** Starts the recording if every participant present has consented. */
function settle(askedBy: string, consented: ReadonlySet<string>, present: readonly string[], effects: ConsentEffect[]): ConsentResult {
  if (present.every((p) => consented.has(p))) return { ok: true, state: { phase: 'on', present: new Set(present) }, effects: [...effects, { kind: 'started' }] };
  return { ok: true, state: { phase: 'asking', askedBy, consented }, effects };
}

/**
 * One participant's step. `mayRecord`: the role table's 'start_recording' for the actor (asking
 * and stopping need it; answering does not). `present`: identities admitted to the room now.
 */
export function consentStep(state: ConsentState, step: RecordingStep, actor: { identity: string; mayRecord: boolean }, present: readonly string[]): ConsentResult {
  const by = actor.identity;
  switch (step) {
    case 'ask':
      if (!actor.mayRecord) return { ok: false, code: 'FORBIDDEN', message: 'Your role may not start recording' };
      if (state.phase !== 'off') return { ok: false, code: 'CONFLICT', message: state.phase === 'on' ? 'The room is already being recorded' : 'Consent is already being asked' };
      // Asking is the asker's own consent.
      return settle(by, new Set([by]), present, [{ kind: 'requested', by }]);
    case 'consent':
    case 'refuse': {
      if (state.phase !== 'asking') return { ok: false, code: 'CONFLICT', message: 'Nobody is asking to record now' };
      if (!present.includes(by)) return { ok: false, code: 'FORBIDDEN', message: 'Only participants in the room answer' };
      if (step === 'refuse') return { ok: true, state: consentOff, effects: [{ kind: 'refused', by }] };
      if (state.consented.has(by)) return { ok: true, state, effects: [] };
      return settle(state.askedBy, new Set([...state.consented, by]), present, [{ kind: 'consented', by }]);
    }
    case 'stop':
      if (!actor.mayRecord) return { ok: false, code: 'FORBIDDEN', message: 'Your role may not stop recording' };
      if (state.phase === 'off') return { ok: false, code: 'CONFLICT', message: 'The room is not being recorded' };
      return { ok: true, state: consentOff, effects: state.phase === 'on' ? [{ kind: 'stopped', cause: 'stopped' }] : [] };
  }
}

/** Who is present changed: an ask waits for the newcomers too; a recording on stops. */
export function consentAfterPresence(state: ConsentState, present: readonly string[]): { state: ConsentState; effects: ConsentEffect[] } {
  if (state.phase === 'on') {
    // Someone leaving takes nothing from the others' consent; someone new was never asked.
    const newcomer = present.some((p) => !state.present.has(p));
    return newcomer ? { state: consentOff, effects: [{ kind: 'stopped', cause: 'participant_changed' }] } : { state, effects: [] };
  }
  if (state.phase === 'asking') {
    // Someone who left no longer blocks the round; whoever answered for it still counts.
    const r = settle(state.askedBy, state.consented, present, []);
    return r.ok ? { state: r.state, effects: r.effects } : { state, effects: [] };
  }
  return { state, effects: [] };
}

/** What a participant's screen shows: the prompt (until they answer) and the "recording" sign. */
export const RecordingView = z.strictObject({
  phase: z.enum(['asking', 'on']),
  /** asking: you have not answered yet (show the prompt). */
  mustAnswer: z.boolean().optional(),
});
export type RecordingView = z.infer<typeof RecordingView>;

export function recordingViewFor(state: ConsentState, identity: string): RecordingView | undefined {
  if (state.phase === 'off') return undefined;
  if (state.phase === 'on') return { phase: 'on' };
  return state.consented.has(identity) ? { phase: 'asking' } : { phase: 'asking', mustAnswer: true };
}

/** A participant's answer to the prompt, as the kiosk's renderer gives it to its agent (contract `call.recording`). */
export const RecordingAnswer = z.strictObject({ callId: z.uuid(), step: z.enum(['consent', 'refuse']) });
export type RecordingAnswer = z.infer<typeof RecordingAnswer>;
