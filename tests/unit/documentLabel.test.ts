import { describe, expect, it } from 'vitest';
import { documentLabel, isHearingRecord } from '../../shared/cases/documentLabel.js';

// A signed record is named by the mode of the room it was kept in (issue 12): the room its
// record.signed event names was opened as a hearing → 庭审笔录, else 调解笔录; other kinds keep
// their table's words.

const doc = (documentId: string) => ({ documentId, kind: 'record' as const });
const signed = (roomId: string, documentId: string) => ({ type: 'record.signed', payload: { roomId, document: { documentId, sha256: 'a'.repeat(64), size: 1 } } });
const hearingOpened = (roomId: string) => ({ type: 'hearing.opened', payload: { roomId, judge: 'judge1' } });

describe('documentLabel', () => {
  it('names a record from a hearing room 庭审笔录 / Hearing record', () => {
    const events = [{ type: 'room.opened', payload: { roomId: 'r1', kind: 'call' } }, hearingOpened('r1'), signed('r1', 'd1')];
    expect(isHearingRecord('d1', events)).toBe(true);
    expect(documentLabel(doc('d1'), events)).toEqual({ zh: '庭审笔录', en: 'Hearing record' });
  });

  it('names a record from a room never opened as a hearing 调解笔录 / Mediation record, even beside a hearing room of the same case', () => {
    const events = [hearingOpened('r1'), signed('r1', 'd1'), signed('r2', 'd2')];
    expect(documentLabel(doc('d2'), events)).toEqual({ zh: '调解笔录', en: 'Mediation record' });
    expect(documentLabel(doc('d1'), events)).toEqual({ zh: '庭审笔录', en: 'Hearing record' });
  });

  it('falls back to a mediation record when its event is not known, and leaves other kinds alone', () => {
    expect(documentLabel(doc('d9'), [hearingOpened('r1')])).toEqual({ zh: '调解笔录', en: 'Mediation record' });
    expect(documentLabel({ documentId: 'd1', kind: 'ruling' }, [hearingOpened('r1'), signed('r1', 'd1')])).toEqual({ zh: '裁定书', en: 'Ruling' });
  });
});
