import { z } from 'zod';
import { HUB_API } from '../hubProtocol.js';
import { PendingRecordPrompt, RecordAnswer, RecordToSign } from './hearingRecord.js';
import { IdLast4, PartyName } from './joining.js';

// A party who joined a hearing from a phone (the join page) signs its record after the call: the
// same invite link, opened again on any device, offers the round still waiting for the party the
// link let in; the party gives their name + ID ending again (the kiosk's unlock rule and counting,
// server/hearing/recordUnlock.ts), reads, and signs or refuses. The hub keeps no session for it:
// every request carries the invite and the party's answer, so any instance, or a restarted hub,
// answers it alike.

/** How long after the hearing closed its invite link still opens the record to sign (then court staff help). */
export const RECORD_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

export const recordLinkPaths = {
  /** What the link's party still has to sign: no text. */
  waiting: `${HUB_API}/rooms/record/waiting`,
  /** The text, once the party's name + ID ending match. */
  unlock: `${HUB_API}/rooms/record/unlock`,
  /** The party's signature or refusal. */
  answer: `${HUB_API}/rooms/record/answer`,
} as const;

const InviteId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const RecordLinkWaitingRequest = z.strictObject({ invite: InviteId });
export const RecordLinkWaiting = z.strictObject({ records: z.array(PendingRecordPrompt) });
export type RecordLinkWaiting = z.infer<typeof RecordLinkWaiting>;

const Claim = { invite: InviteId, name: PartyName, idLast4: IdLast4 };
export const RecordLinkUnlockRequest = z.strictObject({ ...Claim, callId: z.uuid() });
export type RecordLinkUnlockRequest = z.infer<typeof RecordLinkUnlockRequest>;
export const RecordLinkUnlocked = z.strictObject({ record: RecordToSign });

/** The answer goes with the name + ID ending again: checked again, counted only when wrong. */
export const RecordLinkAnswerRequest = z.strictObject({ ...Claim, answer: RecordAnswer });
export type RecordLinkAnswerRequest = z.infer<typeof RecordLinkAnswerRequest>;
