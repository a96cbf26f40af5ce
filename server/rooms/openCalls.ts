import type { CallRecords } from '../signalling/callRecords.js';
import type { MediationDesk } from '../signalling/mediationDesk.js';

// What the room doors (invitations, the join page) need to know of a call: whether it is answered
// and still open, who answered it, the intake it was made with. On one instance the desk knows.
// With several (server/cluster/) the desk lives on the holder, and a join page or a desk's request
// may land on any instance: there the call records say the same, because the holder writes
// `answered` before it tells anyone a call was answered, and `ended` as it ends one.

export interface OpenCalls {
  isOpen(callId: string): Promise<boolean>;
  submissionOf(callId: string): Promise<string | null>;
  mediatorOf(callId: string): Promise<string | null>;
}

export function deskCalls(desk: MediationDesk): OpenCalls {
  return {
    isOpen: async (callId) => desk.isOpen(callId),
    submissionOf: async (callId) => desk.submissionOf(callId),
    mediatorOf: async (callId) => desk.mediatorOf(callId),
  };
}

export function recordedCalls(records: CallRecords): OpenCalls {
  const open = async (callId: string) => {
    const r = await records.get(callId);
    return r && r.answeredAt !== null && r.endedAt === null ? r : null;
  };
  return {
    isOpen: async (callId) => (await open(callId)) !== null,
    submissionOf: async (callId) => (await open(callId))?.submissionId ?? null,
    mediatorOf: async (callId) => (await open(callId))?.mediator ?? null,
  };
}
