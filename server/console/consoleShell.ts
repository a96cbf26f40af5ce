import { roleLabels } from '../../shared/cases/caseLabels.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { can } from '../../shared/staff/roles.js';
import { guidancePaths, mayGuide } from '../../shared/rooms/guidance.js';
import { playlistAdminPaths } from '../playlist/playlistPaths.js';
import { playlistWords } from '../playlist/playlistWords.js';
import { escapeHtml } from '../web/html.js';
import { page } from '../web/page.js';
import { STAFF_CSS_PATH } from '../web/staffStyle.js';
import { CONSOLE_CSS_PATH } from './consoleStyle.js';
import { consoleWords, htmlLang, type Speaker } from './consoleWords.js';
import { noticeHtml, type CaseNotice } from './notice.js';
import { consolePaths } from './paths.js';
import { maySeeTerminals, terminalListPagePath } from './terminalListPath.js';

// The frame of every signed-in console page: who is signed in, the way to their work, search,
// administration for admins, the language switch and signing out.

export type Section = 'work' | 'search' | 'admin' | 'sites' | 'case' | 'releases' | 'library' | 'guidance' | 'terminals' | 'playlist';

/** `sheets`: a feature's own stylesheets after the console's (the agreement desk's). */
export function consolePage(s: Speaker, who: SessionInfo | null, title: string, body: string, current: Section | null = null, sheets: readonly string[] = []): string {
  const link = (href: string, label: string, section: Section) => `<a href="${href}"${current === section ? ' aria-current="page"' : ''}>${label}</a>`;
  const nav = who
    ? [
        who.role === 'court_admin' ? '' : link(consolePaths.page, s.say('workList'), 'work'),
        can(who.role, 'readCases') ? link(consolePaths.search, s.say('search'), 'search') : '',
        can(who.role, 'manageAccounts') ? link(consolePaths.admin, s.say('admin'), 'admin') : '',
        can(who.role, 'manageSites') ? link(consolePaths.adminSites, `${s.say('site')} / ${s.say('organisation')}`, 'sites') : '',
        can(who.role, 'answerHelpRequests') ? `<a href="/console/help-requests">${s.say({ zh: '请求协助', en: 'Help requests' })}</a>` : '',
        maySeeTerminals(who) ? link(terminalListPagePath, s.say({ zh: '终端', en: 'Terminals' }), 'terminals') : '',
        can(who.role, 'manageTerminals') ? link('/console/releases', `${s.say({ zh: '终端版本', en: 'Releases' })}`, 'releases') : '',
        can(who.role, 'managePlaylist') ? link(playlistAdminPaths.page, s.say(playlistWords.menu), 'playlist') : '',
        can(who.role, 'manageCaseLibrary') ? link('/console/reference-cases', s.say({ zh: '典型案例', en: 'Reference cases' }), 'library') : '',
        mayGuide(who.role) ? link(guidancePaths.page, s.say({ zh: '指导', en: 'Guidance' }), 'guidance') : '',
        can(who.role, 'readDashboard') ? `<a href="/dashboard">${s.say('dashboard')}</a>` : '',
      ].join('')
    : '';
  const language = `<form method="post" action="${consolePaths.language}"><input type="hidden" name="lang" value="${s.lang === 'zh' ? 'en' : 'zh'}"><button type="submit" lang="${s.lang === 'zh' ? 'en' : 'zh-CN'}">${s.say('otherLanguage')}</button></form>`;
  const signOut = who
    ? `<span>${escapeHtml(who.displayName || who.username)} · ${s.say(roleLabels[who.role])}</span><form method="post" action="${consolePaths.logout}"><button type="submit">${s.say('signOut')}</button></form>`
    : '';
  return page(
    `${title} · ${s.text('console')}`,
    `<header>
<h1>${s.say('console')}</h1>
<nav aria-label="${s.say('console')}">${nav}</nav>
<div class="who">${signOut}${language}</div>
</header>
<main>
${body}
</main>`,
    { stylesheets: [STAFF_CSS_PATH, CONSOLE_CSS_PATH, ...sheets], lang: htmlLang(s.lang), referrer: 'same-origin' },
  );
}

/** `next`: the console page to come back to once signed in; `notice`: why sign-in is asked again (an action refused as signed out). */
export function signInPage(s: Speaker, opts: { problem?: 'wrong' | 'locked'; username?: string; next?: string | null; notice?: CaseNotice } = {}): string {
  const problem = opts.problem ? `<p class="alert problem" role="alert">${s.say(opts.problem === 'locked' ? 'locked' : 'wrongPassword')}</p>` : noticeHtml(opts.notice ?? null);
  const next = opts.next ? `\n<input type="hidden" name="next" value="${escapeHtml(opts.next)}">` : '';
  return consolePage(
    s,
    null,
    s.text('signIn'),
    `<div class="login">
<h2>${s.say('signIn')}</h2>
${problem}
<form method="post" action="${consolePaths.login}">${next}
<label for="username">${s.say('username')}</label>
<input id="username" name="username" autocomplete="username" required maxlength="100" autofocus value="${escapeHtml(opts.username ?? '')}">
<label for="password">${s.say('password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">${s.say('signIn')}</button>
</form>
</div>`,
  );
}

/** The password form's fields by the API's names: a refusal names them by these labels. */
export const passwordFieldLabels = { currentPassword: consoleWords.currentPassword, newPassword: consoleWords.newPassword };

/** `next`: the page of this hub to come back to once the password is changed (checked by returnPath before it is given here). */
export function passwordPage(s: Speaker, who: SessionInfo, problem: string | null = null, next: string | null = null): string {
  return consolePage(
    s,
    who,
    s.text('changePassword'),
    `<div class="login">
<h2>${s.say('changePassword')}</h2>
${problem ? `<p class="alert problem" role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="${consolePaths.password}">${next ? `\n<input type="hidden" name="next" value="${escapeHtml(next)}">` : ''}
<label for="currentPassword">${s.say('currentPassword')}</label>
<input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required maxlength="200">
<label for="newPassword">${s.say('newPassword')}</label>
<input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required maxlength="200">
<label for="newPasswordAgain">${s.say('newPasswordAgain')}</label>
<input id="newPasswordAgain" name="newPasswordAgain" type="password" autocomplete="new-password" required maxlength="200">
<button type="submit">${s.say('save')}</button>
</form>
</div>`,
  );
}
