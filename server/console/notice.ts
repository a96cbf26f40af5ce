import { refusalSaid, type RefusalKind } from '../../shared/courtApi/refusalWords.js';
import { escapeHtml } from '../web/html.js';
import { issueText } from './actionForms.js';
import type { Speaker } from './consoleWords.js';
import type { ApiRefusal } from './courtClient.js';
import { consolePaths } from './paths.js';

// The one line at the top of a console page that says how the last action went. A refusal of the
// court API becomes words here and nowhere else (shared/courtApi/refusalWords.ts): what failed, in
// the staff member's language, and what to do — never the status or the API's English message.

export interface CaseNotice {
  kind: 'ok' | 'problem';
  text: string;
  /** A link that goes with the words (signed out: sign in and come back). */
  link?: { href: string; text: string };
  /** Which kind of refusal (tests and styles read it). */
  refusal?: RefusalKind;
}

/** The notice as HTML: an alert for a problem, a status for the rest. */
export function noticeHtml(notice: CaseNotice | null, attributes = ''): string {
  if (!notice) return '';
  const link = notice.link ? ` <a href="${escapeHtml(notice.link.href)}" data-notice-link>${escapeHtml(notice.link.text)}</a>` : '';
  return `<p class="alert ${notice.kind}" role="${notice.kind === 'problem' ? 'alert' : 'status'}"${notice.refusal ? ` data-refusal="${notice.refusal}"` : ''}${attributes}>${escapeHtml(notice.text)}${link}</p>`;
}

/** A console path to come back to after signing in: only the console's own pages, never another site. */
export function returnPath(path: string | undefined): string | null {
  // printable ASCII only: anything else cannot stand in a Location header (a crafted link answered 500)
  if (!path || !/^[\x21-\x7e]+$/.test(path) || !path.startsWith('/console') || path.startsWith('//') || /[\\\s]|\/\.\.?(\/|$)/.test(path)) return null;
  // a form's target is not a page: come back to the page it was on
  const page = path.replace(/\/(act|invite)$/, '');
  return page.length <= 300 ? page : null;
}

/**
 * The page a form posted signed out came from: a case's own forms return to the case; the admin
 * forms' targets have no page of their own (a GET there is a 404), so they return to the admin page
 * they sit on.
 */
export function formPage(route: string | undefined, here: string | null): string {
  if ((route === consolePaths.act || route === consolePaths.invite) && here) return here;
  if (route?.startsWith(consolePaths.adminSites)) return consolePaths.adminSites;
  if (route?.startsWith(consolePaths.admin)) return consolePaths.admin;
  return consolePaths.page;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export const signInReturningTo = (path: string): string => `${consolePaths.page}?next=${encodeURIComponent(path)}`;

/** What a refused action says to the person who tried it; `here` is the page to return to after signing in again. */
export function refusalNotice(s: Speaker, r: Pick<ApiRefusal, 'status' | 'code' | 'issues'>, here: string): CaseNotice {
  const said = refusalSaid(r.status, r.code);
  const gap = s.lang === 'zh' ? '' : ' ';
  const issues = r.issues.map((i) => issueText(s, i).replace(/[。.]$/, ''));
  const fields = said.kind === 'fields' && issues.length > 0 ? `${gap}${issues.join(s.lang === 'zh' ? '；' : '; ')}${s.lang === 'zh' ? '。' : '.'}` : '';
  const text = `${s.text(said.failed)}${fields}${gap}${s.text(said.advice)}`;
  const notice: CaseNotice = { kind: 'problem', text, refusal: said.kind };
  return said.kind === 'signedOut' ? { ...notice, link: { href: signInReturningTo(here), text: s.text('signInAgain') } } : notice;
}
