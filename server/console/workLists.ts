import { daysLeft } from '../../shared/cases/deadlines.js';
import type { CaseListQuery, CaseSummary } from '../../shared/courtApi/cases.js';
import type { StaffRole } from '../../shared/staff/roles.js';
import type { WordKey } from './consoleWords.js';

// What each role lands on after signing in: its work list, as a query on the court API's case list
// (whose scope rule already narrows a mediator to their organisation and counter staff to their
// site) and an order. Lists with a running time limit come by deadline: the most overdue first,
// then the nearest last day; a list of new work comes oldest first, so nothing waits unseen.

export type ListQuery = Partial<Omit<CaseListQuery, 'state'>> & { state?: string };

export interface WorkList {
  title: WordKey;
  query: ListQuery;
  order: 'deadline' | 'oldest' | 'newest';
}

/** The work list of a role, or null where the role's work is elsewhere (admin screens, dashboard). */
export function workListFor(role: StaffRole, who: { username: string; mine: boolean }): WorkList | null {
  switch (role) {
    case 'filing_clerk':
      return { title: 'listDiversion', query: { kind: 'dispute', state: 'received' }, order: 'oldest' };
    case 'mediator':
      return {
        title: who.mine ? 'listMyMediations' : 'listMediations',
        query: { kind: 'dispute', state: 'in_mediation,settled', ...(who.mine ? { mediator: who.username } : {}) },
        order: 'deadline',
      };
    case 'judge':
      return { title: 'listRulings', query: { kind: 'confirmation', state: 'confirmation_pending' }, order: 'deadline' };
    case 'judge_assistant':
      return { title: 'listAssistant', query: { state: 'confirmation_pending,agreement_signed' }, order: 'deadline' };
    case 'counter_staff':
      return { title: 'listSite', query: {}, order: 'newest' };
    case 'court_admin':
    case 'dashboard_viewer':
      return null;
  }
}

/** Days to a case's running deadline (negative: overdue), or null when none runs. */
export function daysToDeadline(c: CaseSummary, today: string): number | null {
  return c.deadline ? daysLeft(c.deadline.dueDate, today) : null;
}

export function orderWorkList(cases: CaseSummary[], order: WorkList['order'], today: string): CaseSummary[] {
  const sorted = [...cases];
  if (order === 'newest') return sorted.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  if (order === 'oldest') return sorted.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const key = (c: CaseSummary) => daysToDeadline(c, today) ?? Number.POSITIVE_INFINITY;
  return sorted.sort((a, b) => key(a) - key(b) || a.receivedAt.localeCompare(b.receivedAt));
}
