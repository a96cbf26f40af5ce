import { z } from 'zod';

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
