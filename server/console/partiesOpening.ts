import { can, type StaffRole } from '../../shared/staff/roles.js';
import { escapeHtml } from '../web/html.js';
import type { Speaker } from './consoleWords.js';

// How staff open a case's parties in full on every console page that shows them (the case page,
// the agreement desk): the same page again with `?reveal=parties`, offered only to a role that may
// open personal data, and a note saying whether what is shown is masked or open (and recorded).
// Whoever serves the page checks the role again and audits the opening (PARTIES_OPENED).

/** The query that asks a page for the parties in full. */
export const REVEAL_PARTIES = { reveal: 'parties' } as const;

/** The page was asked for the parties in full. */
export const revealAsked = (query: unknown): boolean => typeof query === 'object' && query !== null && (query as { reveal?: unknown }).reveal === REVEAL_PARTIES.reveal;

/** Whether what follows is masked or open. */
export const partiesNote = (s: Speaker, revealed: boolean): string => `<p class="note">${s.say(revealed ? 'partiesOpen' : 'partiesMasked')}</p>`;

/** The button that loads `path` with the parties open: only while masked, and only for a role that may open them. */
export function openPartiesForm(s: Speaker, role: StaffRole, path: string, revealed: boolean): string {
  if (revealed || !can(role, 'openPersonalData')) return '';
  return `<form method="get" action="${escapeHtml(path)}"><input type="hidden" name="reveal" value="${REVEAL_PARTIES.reveal}"><button type="submit">${s.say('openParties')}</button></form>`;
}
