import { courtTime } from '../../shared/courtTime.js';
import { disputeLabel } from '../../shared/disputeLabels.js';
import type { IntakeRecord } from '../intake/store.js';
import { intakeSummary, type Summary } from '../intake/summary.js';
import { bi, escapeHtml } from '../web/html.js';
import { page } from '../web/page.js';
import { attachmentPath, consolePaths, intakeDetailPath } from './paths.js';

// The console's own pages: the sign-in form and the list of received intakes, newest first.

/** One row of the console's intake list (also the JSON the console API returns): the record without the application, and its summary. */
export type ConsoleIntake = Omit<IntakeRecord, 'application'> & Summary;

export function toConsoleIntake(intake: IntakeRecord): ConsoleIntake {
  const { application: _application, ...listed } = intake;
  return { ...listed, ...intakeSummary(intake) };
}

export function loginPage(opts: { failed?: boolean; username?: string } = {}): string {
  const failed = opts.failed ? `<p class="alert" role="alert">${bi('用户名或密码错误。', 'Wrong username or password.')}</p>` : '';
  return page(
    '法院工作台登录 Court console sign-in',
    `<main class="login">
<h1>${bi('法院工作台', 'Court console')}</h1>
${failed}
<form method="post" action="${consolePaths.login}">
<label for="username">${bi('用户名', 'Username')}</label>
<input id="username" name="username" autocomplete="username" required maxlength="100" value="${escapeHtml(opts.username ?? '')}">
<label for="password">${bi('密码', 'Password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">${bi('登录', 'Sign in')}</button>
</form>
</main>`,
  );
}

function intakeRow(i: ConsoleIntake): string {
  const type = disputeLabel(i.disputeType);
  return `<tr>
<td class="nowrap"><a href="${escapeHtml(intakeDetailPath(i.submissionId))}"><strong>${escapeHtml(i.caseNumber)}</strong></a><br><small>${escapeHtml(i.provisionalNumber)}</small></td>
<td class="nowrap"><time datetime="${escapeHtml(i.receivedAt)}">${escapeHtml(courtTime(i.receivedAt, 'second'))}</time></td>
<td>${escapeHtml(i.terminalName)}<br><small>${escapeHtml(i.terminalId)}</small></td>
<td>${bi(type.zh, type.en)}</td>
<td>${escapeHtml(i.applicantName)}</td>
<td class="nowrap">${escapeHtml(i.mobileMasked)}</td>
<td class="description">${escapeHtml(i.description)}</td>
<td>${attachmentCell(i)}</td>
</tr>`;
}

/** The count, then one link per file (labelled by the resident's label, else its number). */
function attachmentCell(i: ConsoleIntake): string {
  if (i.attachments.length === 0) return '0';
  const links = i.attachments.map((a, n) => `<li><a href="${escapeHtml(attachmentPath(i.submissionId, a.sha256))}" target="_blank" rel="noopener">${escapeHtml(a.label ?? `#${n + 1}`)}</a></li>`);
  return `${i.attachments.length}<ul class="attachments">${links.join('')}</ul>`;
}

export function intakeListPage(opts: { staff: string; courtCode: string; total: number; intakes: ConsoleIntake[] }): string {
  const rows = opts.intakes.map(intakeRow).join('\n');
  const table =
    opts.intakes.length === 0
      ? `<p class="empty">${bi('暂无收到的申请。', 'No intakes received yet.')}</p>`
      : `<table>
<thead><tr>
<th scope="col">${bi('案号', 'Case number')}</th>
<th scope="col">${bi('接收时间（北京时间）', 'Received (UTC+8)')}</th>
<th scope="col">${bi('终端', 'Terminal')}</th>
<th scope="col">${bi('纠纷类型', 'Dispute type')}</th>
<th scope="col">${bi('申请人', 'Applicant')}</th>
<th scope="col">${bi('手机', 'Mobile')}</th>
<th scope="col">${bi('纠纷简述', 'Description')}</th>
<th scope="col">${bi('附件', 'Attachments')}</th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  const shown =
    opts.total > opts.intakes.length ? `<p class="note">${bi(`显示最新 ${opts.intakes.length} 件，共 ${opts.total} 件。`, `Showing the newest ${opts.intakes.length} of ${opts.total}.`)}</p>` : '';
  return page(
    '收到的申请 Received intakes',
    `<header>
<h1>${bi('收到的申请', 'Received intakes')} <small>${escapeHtml(opts.courtCode)}</small></h1>
<form method="post" action="${consolePaths.logout}" class="logout">
<span>${escapeHtml(opts.staff)}</span>
<button type="submit">${bi('退出', 'Sign out')}</button>
</form>
</header>
<main>
<p class="note">${bi(`共 ${opts.total} 件，最新在前，每 10 秒自动刷新。`, `${opts.total} in total, newest first, refreshes every 10 s.`)}</p>
${shown}
${table}
</main>`,
    { refreshSeconds: 10 },
  );
}
