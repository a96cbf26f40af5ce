import type { CallEndReason, CallState, ParticipantRole } from '../../shared/call.js';
import type { FrameSocket } from './signallingSocket.js';
import type { IntakeSummary, MediatorCall, QueueEntry, TerminalSummary } from '../../shared/signalling.js';
import { estimateWaitS, type WaitEstimateInput } from './callQueue.js';
import type { Room } from './rooms.js';

// A call as the desk holds it, and how each side sees it: the kiosk its place in the line, the
// mediator the terminal and the intake. Pure functions of the desk's state.

export interface Call {
  callId: string;
  terminalId: string;
  /** Where the kiosk stands, read once when the call is queued. */
  terminal: TerminalSummary;
  submissionId: string | null;
  /** `submissionId` came with a case ticket (check-my-case), possibly filed at another terminal. */
  caseTicket: boolean;
  language: 'zh-CN' | 'en';
  queuedAt: Date;
  intake: IntakeSummary | null;
  answeredAt: Date | null;
  /** The staff member who answered, and the role they hold in the room (a judge may hold a hearing). */
  mediator: { username: string; displayName: string; role?: ParticipantRole } | null;
  room: Room | null;
  /** Guests from the join page (server/rooms), by identity: their current socket. */
  guests: Map<string, { socket: FrameSocket | null; role: ParticipantRole }>;
  timers: Map<string, NodeJS.Timeout>;
  lastPushed: string;
}

/** The kiosk's view: its place in the queue and an honest wait, or that a mediator answered. */
export function kioskState(call: Call, position: number, staffing: Omit<WaitEstimateInput, 'position'>): CallState {
  if (call.mediator) return { callId: call.callId, state: 'ringing', mediatorName: call.mediator.displayName };
  return { callId: call.callId, state: 'queued', position, estimatedWaitS: estimateWaitS({ position, ...staffing }) };
}

export function mediatorCall(call: Call, terminal: TerminalSummary, endedReason: CallEndReason | null): MediatorCall {
  return {
    callId: call.callId,
    queuedAt: call.queuedAt.toISOString(),
    answeredAt: (call.answeredAt ?? call.queuedAt).toISOString(),
    terminal,
    language: call.language,
    intake: call.intake,
    intakePending: call.submissionId !== null && call.intake === null,
    endedReason,
  };
}

export function queueEntry(call: Call, terminal: TerminalSummary): QueueEntry {
  return {
    callId: call.callId,
    queuedAt: call.queuedAt.toISOString(),
    terminal,
    language: call.language,
    intake: call.intake,
    intakePending: call.submissionId !== null && call.intake === null,
  };
}
