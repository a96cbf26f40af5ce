import type { CallEndReason, CallState } from '../../shared/call.js';
import type { TerminalJoinAnswer } from '../../shared/rooms/joining.js';

// The resident's side of a video call as one explicit state machine: consent, a short preflight
// of camera and microphone, waiting in the queue, joining, the call itself, and a calm ending.
// A party joining another call by its meeting code starts one step earlier, at the code.
// Pure: the screen renders from this state and sends it events; hooks do the I/O.

type CallPhase = 'code' | 'consent' | 'preflight' | 'requesting' | 'queued' | 'joining' | 'live' | 'ended';

/** Why a meeting code (or the name + ID ending given with it) was not taken: its reason an i18n key under `call.code.`, with tooMany the hub's seconds to wait when it said. */
export type CodeRefusal = Extract<TerminalJoinAnswer, { joined: false }>;

/** Who the party joining by code says they are: checked by the hub, then forgotten here. */
export interface JoinClaim {
  name: string;
  idLast4: string;
}

/** What the ending screen says, as an i18n key under `call.ended.`. */
export type EndedKey = 'cancelled' | 'youHungUp' | 'mediatorHungUp' | 'connectionLost' | 'noAnswer' | 'failed' | 'unavailable' | 'noDevices' | 'denied';

export interface CallFlowState {
  phase: CallPhase;
  callId: string | null;
  position: number | null;
  estimatedWaitS: number | null;
  mediatorName: string | null;
  ended: EndedKey | null;
  /**
   * Joining by code: the code, once entered (kept after a wrong name or ID ending, to try those
   * again), the name + ID ending until the join request takes them, and why the last try was refused.
   */
  code: string | null;
  claim: JoinClaim | null;
  codeRefused: CodeRefusal | null;
  /** The camera and microphone were agreed to (a code typed again skips asking twice). */
  consented: boolean;
}

export const initialCallFlow = (joinByCode = false): CallFlowState => ({
  phase: joinByCode ? 'code' : 'consent',
  callId: null,
  position: null,
  estimatedWaitS: null,
  mediatorName: null,
  ended: null,
  code: null,
  claim: null,
  codeRefused: null,
  consented: false,
});

export type CallFlowEvent =
  | { type: 'codeEntered'; code: string; claim: JoinClaim }
  | { type: 'codeRefused'; refusal: CodeRefusal }
  | { type: 'consented' }
  | { type: 'mediaFailed'; denied: boolean }
  | { type: 'callTapped' }
  | { type: 'requestFailed' }
  | { type: 'state'; state: CallState }
  | { type: 'mediaFlowing' }
  | { type: 'leaveTapped' }
  | { type: 'mediaGaveUp' };

const endedKeyFor: Record<CallEndReason, EndedKey> = {
  cancelled: 'cancelled',
  resident_hangup: 'youHungUp',
  mediator_hangup: 'mediatorHungUp',
  resident_lost: 'connectionLost',
  mediator_lost: 'connectionLost',
  queue_timeout: 'noAnswer',
  hub_restart: 'connectionLost',
  failed: 'failed',
};

const end = (state: CallFlowState, ended: EndedKey): CallFlowState => (state.phase === 'ended' ? state : { ...state, phase: 'ended', ended, claim: null });

/** A call whose picture and sound had flowed was lost, not "could not be connected" (issue 14 item 6). */
const failedOrLost = (state: CallFlowState): EndedKey => (state.phase === 'live' ? 'connectionLost' : 'failed');

export function callFlowReducer(state: CallFlowState, event: CallFlowEvent): CallFlowState {
  switch (event.type) {
    case 'codeEntered':
      return state.phase === 'code' ? { ...state, phase: state.consented ? 'preflight' : 'consent', code: event.code, claim: event.claim, codeRefused: null } : state;
    case 'codeRefused':
      // A wrong name or ID ending keeps the code (it stays usable until its tries run out); anything else starts again at the code.
      return state.phase === 'requesting' ? { ...state, phase: 'code', code: event.refusal.reason === 'badIdentity' ? state.code : null, claim: null, codeRefused: event.refusal } : state;
    case 'consented':
      return state.phase === 'consent' ? { ...state, phase: 'preflight', consented: true } : state;
    case 'mediaFailed':
      return end(state, event.denied ? 'denied' : 'noDevices');
    case 'callTapped':
      // The name and ID ending go with the request and leave the screen's state with it.
      return state.phase === 'preflight' ? { ...state, phase: 'requesting', claim: null } : state;
    case 'requestFailed':
      return state.phase === 'requesting' ? end(state, 'unavailable') : state;
    case 'state': {
      const s = event.state;
      if (state.phase === 'ended' || (state.callId !== null && s.callId !== state.callId)) return state;
      if (state.callId === null && state.phase !== 'requesting') return state; // not our call
      const base = { ...state, callId: s.callId };
      if (s.mediatorName) base.mediatorName = s.mediatorName;
      switch (s.state) {
        case 'queued':
          // Never back to the queue: the answer to "call now" can arrive after "a mediator answered".
          if (state.phase === 'joining' || state.phase === 'live') return base;
          return { ...base, phase: 'queued', position: s.position ?? null, estimatedWaitS: s.estimatedWaitS ?? null };
        case 'ringing':
        case 'connected':
          // Media decides when we are "live"; signalling only says the mediator is there.
          return { ...base, phase: state.phase === 'live' ? 'live' : 'joining' };
        case 'reconnecting':
          return state.phase === 'requesting' ? base : { ...base, phase: state.phase };
        case 'ended':
          return end(base, s.reason === 'failed' ? failedOrLost(state) : s.reason ? endedKeyFor[s.reason] : 'connectionLost');
      }
      return state;
    }
    case 'mediaFlowing':
      return state.phase === 'joining' ? { ...state, phase: 'live' } : state;
    case 'leaveTapped':
      if (state.phase === 'queued' || state.phase === 'requesting' || state.phase === 'code') return end(state, 'cancelled');
      if (state.phase === 'joining' || state.phase === 'live') return end(state, 'youHungUp');
      return end(state, 'cancelled');
    case 'mediaGaveUp':
      return end(state, failedOrLost(state));
  }
}
