import type { RoomRecordSigningFrame } from '../../../shared/rooms/hearingRecord.js';

// The keeper's record (笔录) on the desk as pure state: what is typed, the version it was typed on,
// and what the hub said of the last save. A save names its base version; the hub refuses a stale
// one (another tab or keeper saved first) and sends the latest: the keeper's text is never thrown
// away, the latest is offered beside it, and the keeper picks (take the latest, or keep theirs and
// save it over the latest). The signing round's progress, once the hearing is closed, rides along.

export interface RecordKeeping {
  /** The version `saved` is (0: nothing saved yet). */
  version: number;
  /** The text of `version` as the hub holds it. */
  saved: string;
  /** What the keeper's box shows. */
  draft: string;
  saving: boolean;
  /** A save was refused as stale: the newest version, shown beside the keeper's own text. */
  conflict: { version: number; text: string } | null;
  /** The last save failed (line down, hub could not write): the draft is kept, to save again. */
  failed: boolean;
  /** Who has signed the record, once the hearing is closed. */
  signing: RoomRecordSigningFrame | null;
}

export type RecordEvent =
  | { type: 'typed'; text: string }
  | { type: 'saving' }
  | { type: 'saved'; version: number; text: string }
  /** The hub's latest version, unasked: on joining, or after a stale save. */
  | { type: 'latest'; version: number; text: string }
  | { type: 'stale' }
  | { type: 'failed' }
  /** Take the latest version in place of the keeper's text. */
  | { type: 'takeLatest' }
  /** Keep the keeper's text, to be saved as the version after the latest. */
  | { type: 'keepMine' }
  | { type: 'signing'; frame: RoomRecordSigningFrame }
  /** Another call: nothing of the last one's record. */
  | { type: 'reset' };

export const recordKeepingStart: RecordKeeping = { version: 0, saved: '', draft: '', saving: false, conflict: null, failed: false, signing: null };

export function recordKeepingReducer(state: RecordKeeping, event: RecordEvent): RecordKeeping {
  switch (event.type) {
    case 'typed':
      return { ...state, draft: event.text, failed: false };
    case 'saving':
      return { ...state, saving: true, failed: false };
    case 'saved':
      // Keystrokes typed while the save was on its way stay in the draft (saved next).
      return { ...state, saving: false, version: event.version, saved: event.text, conflict: null };
    case 'latest':
      if (event.version <= state.version) return state;
      // Nothing of the keeper's own is unsaved: simply follow the hub.
      if (state.draft === state.saved && !state.saving) return { ...state, version: event.version, saved: event.text, draft: event.text, conflict: null };
      return { ...state, conflict: { version: event.version, text: event.text } };
    case 'stale':
      return { ...state, saving: false };
    case 'failed':
      return { ...state, saving: false, failed: true };
    case 'takeLatest':
      return state.conflict ? { ...state, version: state.conflict.version, saved: state.conflict.text, draft: state.conflict.text, conflict: null } : state;
    case 'keepMine':
      return state.conflict ? { ...state, version: state.conflict.version, saved: state.conflict.text, conflict: null } : state;
    case 'signing':
      return { ...state, signing: event.frame };
    case 'reset':
      return recordKeepingStart;
  }
}

/** Whether the box holds text the hub does not have, and may be saved now (never over an unresolved conflict). */
export function mayAutosave(state: RecordKeeping): boolean {
  return state.draft !== state.saved && !state.saving && state.conflict === null && !state.failed;
}
