import type { Words } from '../../shared/cases/caseLabels.js';
import { changePasswordLink, checkField, fieldWords, refusalSaid, type RefusalKind } from '../../shared/courtApi/refusalWords.js';
import { escapeHtml } from '../web/html.js';
import { actionFieldLabels } from './actionForms.js';
import type { Speaker } from './consoleWords.js';
import type { ApiRefusal } from './courtClient.js';
import { consolePaths } from './paths.js';
import { signInReturningTo } from './returnPaths.js';

// The one line at the top of a console page that says how the last action went. A refusal of the
// court API becomes words here and nowhere else (shared/courtApi/refusalWords.ts): what failed, in
// the staff member's language, and what to do — never the status or the API's English message.

export interface CaseNotice {
  kind: 'ok' | 'problem';
  text: string;
  /** A link that goes with the words (signed out: sign in and come back; a password to change: its page). */
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

/** A form's fields by the API's names for them (the last part of an issue's path): what a refusal calls them. */
export type FieldLabels = Readonly<Record<string, Words>>;

/**
 * A field the API refused, as staff read it: the form's label for it and what is wrong, in their
 * language — never the API's field id or its English. A field the form does not know is left out.
 */
export function issueText(s: Speaker, issue: { path: string; message: string }, labels: FieldLabels = actionFieldLabels): string | null {
  const field = issue.path.split('.').pop() ?? '';
  const label = Object.hasOwn(labels, field) ? labels[field]! : null;
  if (!label) return null;
  return `${s.text(label)}${s.lang === 'zh' ? '：' : ': '}${s.text(fieldWords[issue.message] ?? checkField)}`;
}

/** What a page asked the API to do, as a verb phrase ('保存调解协议' / 'save the agreement'): a refusal names it. */
export type ActionWords = Words;

/** "未能保存调解协议：" / "Could not save the agreement: " before what failed. */
function refusedAction(s: Speaker, action: ActionWords, failed: string): string {
  return s.lang === 'zh' ? `未能${action.zh}：${failed}` : `Could not ${action.en}: ${failed.charAt(0).toLowerCase()}${failed.slice(1)}`;
}

/** A case action as a verb phrase: "未能记录“安排调解”：" / "Could not record “Session scheduled”: ". */
export const caseActionWords = (event: Words): ActionWords => ({ zh: `记录“${event.zh}”`, en: `record “${event.en}”` });

export interface RefusalNoticeOptions {
  /** The form's fields by the API's names (default: the case action forms'). */
  labels?: FieldLabels;
  /** What was refused, said first; a page that only read says none. */
  action?: ActionWords;
}

/**
 * What a refused request says to the person who made it: what was refused (`action`), what failed,
 * the fields to fix, and what to do — "nothing was saved" only after a write (ApiRefusal.write).
 * `here` is the page to return to after signing in again.
 */
export function refusalNotice(s: Speaker, r: Pick<ApiRefusal, 'status' | 'code' | 'issues' | 'date' | 'write'>, here: string, { labels, action }: RefusalNoticeOptions = {}): CaseNotice {
  const said = refusalSaid(r.status, r.code, { date: r.date, write: r.write });
  const gap = s.lang === 'zh' ? '' : ' ';
  const issues = [...new Set(r.issues.map((i) => issueText(s, i, labels)?.replace(/[。.]$/, '')).filter((t): t is string => !!t))];
  const fields = said.kind === 'fields' && issues.length > 0 ? `${gap}${issues.join(s.lang === 'zh' ? '；' : '; ')}${s.lang === 'zh' ? '。' : '.'}` : '';
  const failed = action ? refusedAction(s, action, s.text(said.failed)) : s.text(said.failed);
  const text = `${failed}${fields}${gap}${s.text(said.advice)}`;
  const notice: CaseNotice = { kind: 'problem', text, refusal: said.kind };
  if (said.kind === 'signedOut') return { ...notice, link: { href: signInReturningTo(here), text: s.text('signInAgain') } };
  // the password is the way on, not a colleague: the page for it (it comes back to the console)
  return said.kind === 'password' ? { ...notice, link: { href: consolePaths.password, text: s.text(changePasswordLink) } } : notice;
}
