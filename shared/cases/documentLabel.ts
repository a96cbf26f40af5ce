import { documentKindLabels, type Words } from './caseLabels.js';
import type { documentKinds } from '../courtApi/cases.js';

// What a case's document is called where staff read it. A signed record (笔录) is named by the
// mode of the room it was kept in: a room the judge opened as a hearing (`hearing.opened`) gives a
// 庭审笔录, any other room a 调解笔录; the room is the one its `record.signed` event names.

export const recordLabels = {
  hearing: { zh: '庭审笔录', en: 'Hearing record' },
  mediation: { zh: '调解笔录', en: 'Mediation record' },
} as const satisfies Record<string, Words>;

interface EventLike {
  type: string;
  payload: unknown;
}

const field = (payload: unknown, key: string): unknown => (payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[key] : undefined);

/** Was the record `documentId` signed in a room held as a hearing? */
export function isHearingRecord(documentId: string, events: readonly EventLike[]): boolean {
  const signed = events.find((e) => e.type === 'record.signed' && field(field(e.payload, 'document'), 'documentId') === documentId);
  const roomId = signed ? field(signed.payload, 'roomId') : undefined;
  return roomId !== undefined && events.some((e) => e.type === 'hearing.opened' && field(e.payload, 'roomId') === roomId);
}

export function documentLabel(doc: { documentId: string; kind: (typeof documentKinds)[number] }, events: readonly EventLike[]): Words {
  if (doc.kind !== 'record') return documentKindLabels[doc.kind];
  return isHearingRecord(doc.documentId, events) ? recordLabels.hearing : recordLabels.mediation;
}
