import { z } from 'zod';
import { IdLast4, PartyName } from './joining.js';

// The record (笔录) of a hearing, kept in the room by whoever the role table lets keep it (the
// clerk or the judge: 'keep_record'). The keeper's page saves it as it is typed, a pause after the
// last keystroke; every save names the version it was typed on, so a save from a stale page (a
// second tab, a reconnect that missed a save) is refused with the latest sent back, never merged
// or lost. On (re)joining, a keeper is sent the latest version.

/** A frame carries at most 64 KiB; CJK takes 3 bytes a character in UTF-8. */
export const HEARING_RECORD_MAX_CHARS = 20_000;
/** How long the keeper's page waits after the last keystroke before it saves. */
export const RECORD_SAVE_PAUSE_MS = 800;

const Ref = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31);
const RecordText = z.string().max(HEARING_RECORD_MAX_CHARS);

/** keeper → hub: save `text` as the version after `baseVersion` (0: the first). Answered by room.record (with the ref) or error. */
export const RoomRecordSaveFrame = z.strictObject({ t: z.literal('room.record.save'), ref: Ref, callId: z.uuid(), baseVersion: z.int().min(0), text: RecordText });
export type RoomRecordSaveFrame = z.infer<typeof RoomRecordSaveFrame>;

/** hub → keeper: the latest version (the answer to a save, or sent on joining and after a refused save). */
export const RoomRecordFrame = z.strictObject({ t: z.literal('room.record'), ref: Ref.optional(), callId: z.uuid(), version: z.int().min(0), text: RecordText });
export type RoomRecordFrame = z.infer<typeof RoomRecordFrame>;

/**
 * hub → kiosk: a record this terminal's party still has to sign from a hearing whose call the kiosk
 * is no longer in (the call ended, or the hub restarted, while it was away). Sent when the kiosk's
 * socket connects and when its call ends, only for rounds that name this terminal as a signer. It
 * carries no text (a village kiosk is public): the party unlocks it with room.record.unlock, then
 * answers by room.record.sign / room.record.refuse with the same callId.
 */
export const RoomRecordPendingFrame = z.strictObject({ t: z.literal('room.record.pending'), callId: z.uuid(), version: z.int().positive() });
export type RoomRecordPendingFrame = z.infer<typeof RoomRecordPendingFrame>;

/**
 * kiosk → hub: the party's name and ID ending for a pending record, checked like a join by code
 * (server/rooms/partyIdentity.ts's matchesParty) against the party the round names. Answered by
 * room.record (with the ref: the text to read and sign) or error FORBIDDEN (no match, counted),
 * RATE_LIMITED (too many tries), NOT_FOUND (nothing waiting) or CONFLICT (the case holds no ID
 * number for that party: it cannot be read at a kiosk, court staff help).
 */
export const RoomRecordUnlockFrame = z.strictObject({ t: z.literal('room.record.unlock'), ref: Ref, callId: z.uuid(), name: PartyName, idLast4: IdLast4 });
export type RoomRecordUnlockFrame = z.infer<typeof RoomRecordUnlockFrame>;

/** Tries to unlock pending records: per terminal and per signing round, in an hour. */
export const RECORD_UNLOCK_TRIES = 5;
export const RECORD_UNLOCK_WINDOW_MS = 60 * 60_000;

/** A PNG of a hand signature in base64: the agreement's rule (shared/courtApi/agreements.ts), at most 200 KB. */
const SignaturePng = z
  .base64()
  .min(12)
  .max(Math.ceil((200 * 1024) / 3) * 4);

/**
 * party → hub, once the hearing is closed: sign the record's `version` as read by hand, or refuse to
 * sign it (the refusal is recorded on the signed record). Answered by room.done or error.
 */
export const RoomRecordSignFrames = [
  z.strictObject({ t: z.literal('room.record.sign'), ref: Ref, callId: z.uuid(), version: z.int().positive(), imagePngBase64: SignaturePng }),
  z.strictObject({ t: z.literal('room.record.refuse'), ref: Ref, callId: z.uuid(), version: z.int().positive() }),
] as const;
export type RoomRecordSignFrame = z.infer<(typeof RoomRecordSignFrames)[number]>;

/**
 * A party's answer as the kiosk's renderer gives it to its agent (contract `call.recordAnswer`),
 * which passes it on as room.record.sign / room.record.refuse.
 */
export const RecordAnswer = z.discriminatedUnion('answer', [
  z.strictObject({ callId: z.uuid(), version: z.int().positive(), answer: z.literal('sign'), imagePngBase64: SignaturePng }),
  z.strictObject({ callId: z.uuid(), version: z.int().positive(), answer: z.literal('refuse') }),
]);
export type RecordAnswer = z.infer<typeof RecordAnswer>;

/** A pending record as the kiosk's renderer is told of it before the party has shown who they are: no text. */
export const PendingRecordPrompt = z.strictObject({ callId: z.uuid(), version: z.int().positive() });
export type PendingRecordPrompt = z.infer<typeof PendingRecordPrompt>;

/** The name + ID ending the kiosk's party gives for a pending record (contract `call.unlockRecord`). */
export const RecordUnlockRequest = z.strictObject({ callId: z.uuid(), name: PartyName, idLast4: IdLast4 });
export type RecordUnlockRequest = z.infer<typeof RecordUnlockRequest>;

/** Why a pending record was not unlocked (the kiosk's translated message). */
export const recordUnlockRefusals = ['badIdentity', 'tooMany', 'notHeld', 'gone'] as const;
export type RecordUnlockRefusal = (typeof recordUnlockRefusals)[number];
export const RecordUnlockAnswer = z.discriminatedUnion('unlocked', [
  z.strictObject({ unlocked: z.literal(true), record: z.lazy(() => RecordToSign) }),
  /** `retryAfterS` with tooMany, when the hub said: whole seconds until a try is taken again. */
  z.strictObject({ unlocked: z.literal(false), reason: z.enum(recordUnlockRefusals), retryAfterS: z.int().positive().optional() }),
]);
export type RecordUnlockAnswer = z.infer<typeof RecordUnlockAnswer>;

/** The record a party is asked to sign (the kiosk's contract event `call.record`): room.record without the wire's fields. */
export const RecordToSign = z.strictObject({ callId: z.uuid(), version: z.int().positive(), text: RecordText });
export type RecordToSign = z.infer<typeof RecordToSign>;

export const signerAnswers = ['waiting', 'signed', 'refused'] as const;

/**
 * hub → the record's keepers (the judge, the clerk): who has answered so far, sent when the
 * signing starts and after each answer; `stored` once the signed record is with the case.
 */
export const RoomRecordSigningFrame = z.strictObject({
  t: z.literal('room.record.signing'),
  callId: z.uuid(),
  version: z.int().positive(),
  signers: z.array(z.strictObject({ label: z.string().max(40), answer: z.enum(signerAnswers) })).max(16),
  stored: z.boolean(),
});
export type RoomRecordSigningFrame = z.infer<typeof RoomRecordSigningFrame>;

/** One signer of the record: a party as the case names them (`role:index`), and what they did. */
export interface RecordSigner {
  signer: string;
  label: string;
  refused: boolean;
}

/**
 * The signed record as a court document (drawn by the hub's PDF renderer with the signature images
 * keyed by `signer`): the text as kept, line by line, then each party's signature place; a refusal
 * is written where the signature would be.
 */
export function hearingRecordDocument(r: { court: string; caseNumber: string | null; text: string; version: number; signers: readonly RecordSigner[] }) {
  return {
    title: '庭审笔录',
    reference: r.caseNumber,
    blocks: [
      { kind: 'paragraph' as const, text: `${r.court}（第 ${r.version} 稿）` },
      ...r.text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => ({ kind: 'paragraph' as const, text: line })),
      { kind: 'signatures' as const, places: r.signers.filter((s) => !s.refused).map((s) => ({ signer: s.signer, label: s.label })) },
      ...(r.signers.some((s) => s.refused) ? [{ kind: 'closing' as const, lines: r.signers.filter((s) => s.refused).map((s) => `${s.label}：拒绝签名`) }] : []),
    ],
  };
}
