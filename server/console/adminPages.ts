import { roleLabels, type Words } from '../../shared/cases/caseLabels.js';
import type { Organisation, Site } from '../../shared/courtApi/sites.js';
import { organisationKinds, siteKinds } from '../../shared/courtApi/sites.js';
import type { SessionInfo, StaffAccountView } from '../../shared/courtApi/staff.js';
import { courtTime } from '../../shared/courtTime.js';
import { staffRoles } from '../../shared/staff/roles.js';
import { escapeHtml } from '../web/html.js';
import { noticeHtml, type CaseNotice, type FieldLabels } from './notice.js';
import { consolePage } from './consoleShell.js';
import { consoleWords, words as w, type Speaker } from './consoleWords.js';
import { consolePath, consolePaths } from './paths.js';
import { namesOfPlaces } from './placeNames.js';

// The admin's screens over the court API: staff accounts (create, deactivate, reactivate, reset a
// password, lift a lockout) and the court's sites and mediation organisations (add, retire). A
// generated password is shown once, on the page that made it, and never again.

const A = {
  accounts: w('工作人员账号', 'Staff accounts'),
  newAccount: w('新建账号', 'New account'),
  displayName: w('姓名', 'Full name'),
  role: w('角色', 'Role'),
  organisation: w('调解组织（调解员必填）', 'Organisation (mediators)'),
  site: w('站点（柜台人员必填）', 'Site (counter staff)'),
  status: w('状态', 'Status'),
  active: w('启用', 'Active'),
  inactive: w('已停用', 'Deactivated'),
  lockedUntil: w('锁定至', 'Locked until'),
  deactivate: w('停用', 'Deactivate'),
  activate: w('启用', 'Reactivate'),
  reset: w('重置密码', 'Reset password'),
  unlock: w('解除锁定', 'Unlock'),
  create: w('创建', 'Create'),
  firstPassword: w('首次登录密码（只显示这一次，请交给本人；登录后须修改）：', 'First password (shown this once; give it to the person, who must change it at sign-in):'),
  temporaryPassword: w('临时密码（只显示这一次）：', 'Temporary password (shown this once):'),
  sites: w('站点', 'Sites'),
  organisations: w('调解组织', 'Mediation organisations'),
  newSite: w('新增站点', 'New site'),
  newOrganisation: w('新增调解组织', 'New organisation'),
  id: w('编号（字母、数字）', 'Id (letters, digits)'),
  name: w('名称', 'Name'),
  kind: w('类型', 'Kind'),
  retire: w('停用', 'Retire'),
  none: w('无', 'None'),
  actions: w('操作', 'Actions'),
  setPin: w('管理面板 PIN', 'Panel PIN'),
};

/** The account form's fields by the API's names: a refused field is named by its label. */
export const staffFieldLabels: FieldLabels = { username: consoleWords.username, displayName: A.displayName, role: A.role, organisationId: A.organisation, siteId: A.site };
/** The site and organisation forms' fields by the API's names. */
export const placeFieldLabels: FieldLabels = { siteId: A.id, organisationId: A.id, name: A.name, kind: A.kind };

const siteKindWords: Record<(typeof siteKinds)[number], Words> = {
  court: w('法院', 'Court'),
  tribunal: w('人民法庭', 'Tribunal'),
  centre: w('综治中心', 'Dispute centre'),
  grid: w('网格点', 'Grid point'),
};
const organisationKindWords: Record<(typeof organisationKinds)[number], Words> = {
  people: w('人民调解委员会', 'People’s mediation committee'),
  industry: w('行业调解组织', 'Industry mediation'),
  invited: w('特邀调解员', 'Invited mediators'),
  court: w('法院调解团队', 'Court mediation team'),
};

export interface Secret {
  label: 'firstPassword' | 'temporaryPassword';
  username: string;
  value: string;
}

function notices(s: Speaker, notice: CaseNotice | null, secret: Secret | null): string {
  const n = noticeHtml(notice);
  const k = secret ? `<p class="alert ok" role="status">${escapeHtml(secret.username)}: ${s.say(A[secret.label])} <code class="secret" data-secret>${escapeHtml(secret.value)}</code></p>` : '';
  return n + k;
}

const options = (items: { value: string; label: string }[], blank: string) =>
  `<option value="">${escapeHtml(blank)}</option>${items.map((i) => `<option value="${escapeHtml(i.value)}">${escapeHtml(i.label)}</option>`).join('')}`;

function inlineButton(action: string, label: string): string {
  return `<form class="inline" method="post" action="${escapeHtml(action)}"><button type="submit">${label}</button></form>`;
}

export function accountsPage(s: Speaker, who: SessionInfo, m: { staff: StaffAccountView[]; organisations: Organisation[]; sites: Site[]; notice: CaseNotice | null; secret: Secret | null }): string {
  // the places by their names, as the form above names them
  const place = namesOfPlaces(m.sites, m.organisations);
  const rows = m.staff.map((a) => {
    const act = (action: string) => consolePath(consolePaths.adminStaffAction, { username: a.username, action });
    const buttons = [
      a.active ? inlineButton(act('deactivate'), `${s.say(A.deactivate)}<span class="visually-hidden"> ${escapeHtml(a.username)}</span>`) : inlineButton(act('activate'), s.say(A.activate)),
      a.kind === 'person' && a.active ? inlineButton(act('reset'), s.say(A.reset)) : '',
      a.lockedUntil ? inlineButton(act('unlock'), s.say(A.unlock)) : '',
    ].join('');
    return `<tr data-account="${escapeHtml(a.username)}"><td>${escapeHtml(a.username)}</td><td>${escapeHtml(a.displayName)}</td><td>${s.say(roleLabels[a.role])}</td><td>${escapeHtml(place(a.organisationId ?? a.siteId))}</td><td>${s.say(a.active ? A.active : A.inactive)}${a.lockedUntil ? `<br><small>${s.say(A.lockedUntil)} ${escapeHtml(courtTime(a.lockedUntil, 'minute'))}</small>` : ''}</td><td>${buttons}</td></tr>`;
  });
  const create = `<form method="post" action="${consolePaths.adminStaff}">
<h3>${s.say(A.newAccount)}</h3>
<label for="new-username">${s.say('username')}</label><input id="new-username" name="username" required maxlength="32" pattern="[A-Za-z0-9][A-Za-z0-9_.\\-]{2,31}" autocomplete="off">
<label for="new-name">${s.say(A.displayName)}</label><input id="new-name" name="displayName" maxlength="100" autocomplete="off">
<label for="new-role">${s.say(A.role)}</label><select id="new-role" name="role" required>${options(
    staffRoles.map((r) => ({ value: r, label: s.text(roleLabels[r]) })),
    s.text('choose'),
  )}</select>
<label for="new-org">${s.say(A.organisation)}</label><select id="new-org" name="organisationId">${options(
    m.organisations.filter((o) => o.active).map((o) => ({ value: o.organisationId, label: o.name })),
    s.text(A.none),
  )}</select>
<label for="new-site">${s.say(A.site)}</label><select id="new-site" name="siteId">${options(
    m.sites.filter((x) => x.active).map((x) => ({ value: x.siteId, label: x.name })),
    s.text(A.none),
  )}</select>
<button type="submit">${s.say(A.create)}</button>
</form>`;
  return consolePage(
    s,
    who,
    s.text(A.accounts),
    `<h2>${s.say(A.accounts)}</h2>${notices(s, m.notice, m.secret)}
<div class="admin-forms">${create}</div>
<table><caption class="note">${s.say(A.accounts)} · ${m.staff.length}</caption><thead><tr><th scope="col">${s.say('username')}</th><th scope="col">${s.say(A.displayName)}</th><th scope="col">${s.say(A.role)}</th><th scope="col">${s.say('organisation')} / ${s.say('site')}</th><th scope="col">${s.say(A.status)}</th><th scope="col">${s.say(A.actions)}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`,
    'admin',
  );
}

export function sitesPage(s: Speaker, who: SessionInfo, m: { sites: Site[]; organisations: Organisation[]; notice: CaseNotice | null }): string {
  const row = (attr: string, id: string, name: string, kind: Words, active: boolean, retire: string) =>
    `<tr ${attr}="${escapeHtml(id)}"><td>${escapeHtml(id)}</td><td>${escapeHtml(name)}</td><td>${s.say(kind)}</td><td>${s.say(active ? A.active : A.inactive)}</td><td>${active ? inlineButton(retire, s.say(A.retire)) : ''}</td></tr>`;
  const siteRows = m.sites.map((x) =>
    row('data-site', x.siteId, x.name, siteKindWords[x.kind], x.active, consolePath(consolePaths.adminSiteRetire, { siteId: x.siteId })).replace(
      '</td></tr>',
      x.active ? ` <a class="button-link" data-site-pin href="${escapeHtml(consolePath(consolePaths.adminSitePin, { siteId: x.siteId }))}">${s.say(A.setPin)}</a></td></tr>` : '</td></tr>',
    ),
  );
  const orgRows = m.organisations.map((o) =>
    row('data-organisation', o.organisationId, o.name, organisationKindWords[o.kind], o.active, consolePath(consolePaths.adminOrganisationRetire, { organisationId: o.organisationId })),
  );
  const head = `<thead><tr><th scope="col">${s.say(A.id)}</th><th scope="col">${s.say(A.name)}</th><th scope="col">${s.say(A.kind)}</th><th scope="col">${s.say(A.status)}</th><th scope="col">${s.say(A.actions)}</th></tr></thead>`;
  const form = (action: string, title: Words, prefix: string, kinds: Record<string, Words>) => `<form method="post" action="${action}">
<h3>${s.say(title)}</h3>
<label for="${prefix}-id">${s.say(A.id)}</label><input id="${prefix}-id" name="id" required maxlength="80" pattern="[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,79}" autocomplete="off">
<label for="${prefix}-name">${s.say(A.name)}</label><input id="${prefix}-name" name="name" required maxlength="100" autocomplete="off">
<label for="${prefix}-kind">${s.say(A.kind)}</label><select id="${prefix}-kind" name="kind" required>${options(
    Object.entries(kinds).map(([value, words]) => ({ value, label: s.text(words) })),
    s.text('choose'),
  )}</select>
<button type="submit">${s.say(A.create)}</button>
</form>`;
  return consolePage(
    s,
    who,
    s.text(A.sites),
    `<h2>${s.say(A.sites)} / ${s.say(A.organisations)}</h2>${notices(s, m.notice, null)}
<div class="admin-forms">${form(consolePaths.adminSiteCreate, A.newSite, 'site', siteKindWords)}${form(consolePaths.adminOrganisationCreate, A.newOrganisation, 'org', organisationKindWords)}</div>
<h3>${s.say(A.sites)}</h3><table>${head}<tbody>${siteRows.join('\n')}</tbody></table>
<h3>${s.say(A.organisations)}</h3><table>${head}<tbody>${orgRows.join('\n')}</tbody></table>`,
    'sites',
  );
}
