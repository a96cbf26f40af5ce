import { useCallback, useLayoutEffect, useReducer, useRef } from 'react';
import type { RoomRecordSaveFrame } from '../../../shared/rooms/hearingRecord.js';
import { recordKeepingReducer, recordKeepingStart, type RecordEvent, type RecordKeeping } from './recordKeeping.js';

// The record (笔录) a keeper types, wherever they sit (the desk, a clerk on the join page): the
// pure state of recordKeeping.ts held in React, tied to one call, and saved through the line the
// page has to the hub. The answer to a save is the saved version, or an error (CONFLICT: stale).

export type RecordSave = Omit<RoomRecordSaveFrame, 't' | 'ref'>;
/** The answer to a save (other answers a line can give count as a failed save). */
export type RecordSaveReply = { t: 'room.record'; version: number; text: string } | { t: 'error'; code: string } | { t: 'call.recorded' | 'sfu.reply' | 'room.done' };

export interface RecordKeeper {
  record: RecordKeeping;
  /** A frame about the record from the hub (room.record unasked, room.record.signing). */
  event: (event: RecordEvent) => void;
  /** The call the record belongs to: another call starts with none (reset in frame order, before its record comes). */
  forCall: (callId: string | null) => void;
  type: (text: string) => void;
  /** Saves the record as typed, on the version it was typed on. */
  save: (callId: string, send: (frame: RecordSave) => Promise<RecordSaveReply>) => void;
  resolve: (choice: 'takeLatest' | 'keepMine') => void;
}

export function useRecordKeeping(): RecordKeeper {
  const [record, event] = useReducer(recordKeepingReducer, recordKeepingStart);
  const now = useRef(record);
  useLayoutEffect(() => {
    now.current = record;
  });
  const of = useRef<string | null>(null);
  const forCall = useCallback((callId: string | null) => {
    if (of.current !== callId) event({ type: 'reset' });
    of.current = callId;
  }, []);
  return {
    record,
    event,
    forCall,
    type: (text) => event({ type: 'typed', text }),
    save(callId, send) {
      const r = now.current;
      if (r.saving || r.conflict) return;
      const text = r.draft;
      event({ type: 'saving' });
      send({ callId, baseVersion: r.version, text }).then(
        (reply) => {
          if (reply.t === 'room.record') event({ type: 'saved', version: reply.version, text: reply.text });
          else event({ type: reply.t === 'error' && reply.code === 'CONFLICT' ? 'stale' : 'failed' });
        },
        () => event({ type: 'failed' }),
      );
    },
    resolve: (choice) => event({ type: choice }),
  };
}
