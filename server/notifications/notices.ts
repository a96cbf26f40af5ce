import type { AppendedEvent } from '../cases/appendListener.js';

// Which case events a resident is told of, and what the notice says (template and parameters):
// a session arranged, an agreement ready to sign, the court's ruling on confirmation. Only the
// dispute's own events count (a ruling is appended to the 民特 case and the dispute alike; the
// resident hears of it once). Parameters hold no personal data: numbers, dates, the place.

export const noticeTemplates = ['session_scheduled', 'agreement_ready', 'ruling'] as const;
export type NoticeTemplate = (typeof noticeTemplates)[number];

export interface Notice {
  template: NoticeTemplate;
  params: Record<string, string | null>;
}

export function noticeFor({ event, after }: AppendedEvent): Notice | null {
  if (event.caseKind !== 'dispute') return null;
  const reference = after.caseNumber ?? after.provisionalNumber;
  switch (event.type) {
    case 'session.scheduled': {
      const p = event.payload as { startsAt: string; mode: string; place?: string };
      return { template: 'session_scheduled', params: { reference, startsAt: p.startsAt, mode: p.mode, place: p.place ?? null } };
    }
    case 'agreement.drafted':
      return { template: 'agreement_ready', params: { reference } };
    case 'confirmation.confirmed':
    case 'confirmation.refused':
      return { template: 'ruling', params: { reference, outcome: event.type === 'confirmation.confirmed' ? 'confirmed' : 'refused' } };
    default:
      return null;
  }
}
