import type { IngestAttachment } from '../shared/attachment.js';
import { courtTime } from '../shared/courtTime.js';
import type { IntakeForm } from '../shared/intake.js';
import { disputeLabel } from './disputeLabels.js';
import type { IntakeRow } from './store.js';

// Server-rendered HTML of the court console. Every value that came from a kiosk or a person goes
// through `escapeHtml`; pages load no script at all and carry a CSP that forbids it.

export const CONSOLE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
export const CONSOLE_CSS_PATH = '/console/console.css';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** 13812341234 → 138****1234; anything shorter than 8 characters is masked entirely. */
export function maskMobile(mobile: string): string {
  if (mobile.length < 8) return '*'.repeat(mobile.length);
  return mobile.slice(0, 3) + '*'.repeat(mobile.length - 7) + mobile.slice(-4);
}

/** One row of the console's intake list (also the JSON the console API returns). */
export interface ConsoleIntake {
  submissionId: string;
  caseNumber: string;
  receivedAt: string;
  submittedAt: string;
  terminalId: string;
  terminalName: string;
  provisionalNumber: string;
  language: string;
  disputeType: string;
  applicantName: string;
  mobileMasked: string;
  description: string;
  /** In the resident's order; each is served at `attachmentPath(submissionId, sha256)`. */
  attachments: IngestAttachment[];
}

/** Where staff open one attachment of an intake. */
export const attachmentPath = (submissionId: string, sha256: string): string =>
  `/console/attachments/${encodeURIComponent(submissionId)}/${encodeURIComponent(sha256)}`;

export function toConsoleIntake(row: IntakeRow): ConsoleIntake {
  const form = JSON.parse(row.formJson) as IntakeForm;
  const { formJson: _form, attachmentsJson, ...rest } = row;
  return {
    ...rest,
    disputeType: form.disputeType,
    applicantName: form.applicantName,
    mobileMasked: maskMobile(form.mobile),
    description: form.description,
    attachments: JSON.parse(attachmentsJson) as IngestAttachment[],
  };
}

function page(title: string, body: string, opts: { refreshSeconds?: number } = {}): string {
  const refresh = opts.refreshSeconds ? `\n<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${CONSOLE_CSS_PATH}">
</head>
<body>
${body}
</body>
</html>
`;
}

const bi = (zh: string, en: string): string => `${escapeHtml(zh)} <span class="en" lang="en">${escapeHtml(en)}</span>`;

export function loginPage(opts: { failed?: boolean; username?: string } = {}): string {
  const failed = opts.failed
    ? `<p class="alert" role="alert">${bi('用户名或密码错误。', 'Wrong username or password.')}</p>`
    : '';
  return page(
    '法院工作台登录 Court console sign-in',
    `<main class="login">
<h1>${bi('法院工作台', 'Court console')}</h1>
${failed}
<form method="post" action="/console/login">
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
<td class="nowrap"><a href="/console/intakes/${encodeURIComponent(i.submissionId)}"><strong>${escapeHtml(i.caseNumber)}</strong></a><br><small>${escapeHtml(i.provisionalNumber)}</small></td>
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
  const links = i.attachments.map(
    (a, n) =>
      `<li><a href="${escapeHtml(attachmentPath(i.submissionId, a.sha256))}" target="_blank" rel="noopener">${escapeHtml(a.label ?? `#${n + 1}`)}</a></li>`,
  );
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
    opts.total > opts.intakes.length
      ? `<p class="note">${bi(`显示最新 ${opts.intakes.length} 件，共 ${opts.total} 件。`, `Showing the newest ${opts.intakes.length} of ${opts.total}.`)}</p>`
      : '';
  return page(
    '收到的申请 Received intakes',
    `<header>
<h1>${bi('收到的申请', 'Received intakes')} <small>${escapeHtml(opts.courtCode)}</small></h1>
<form method="post" action="/console/logout" class="logout">
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

export function errorPage(status: number, message: string): string {
  return page(
    `${status}`,
    `<main class="login">
<h1>${bi('请求未能处理', 'Request not handled')} (${status})</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/console">${bi('返回工作台', 'Back to the console')}</a></p>
</main>`,
  );
}

export const consoleCss = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d4da; --accent: #a31515; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: var(--ink); background: #f6f7f9; }
header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: .75rem 1.5rem; background: var(--accent); color: #fff; }
header h1 { margin: 0; font-size: 1.35rem; }
header small, header .en { color: #fde8e8; }
main { padding: 1rem 1.5rem 2rem; }
.en { color: var(--muted); font-size: .85em; font-weight: normal; }
.note { color: var(--muted); margin: .25rem 0 .75rem; }
.empty { font-size: 1.2rem; padding: 2rem 0; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; vertical-align: top; padding: .5rem .6rem; border-bottom: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: #eef0f3; }
tbody tr:nth-child(even) { background: #fafbfc; }
td small { color: var(--muted); }
.nowrap { white-space: nowrap; }
.description { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 40rem; }
.attachments { margin: .25rem 0 0; padding-left: 1.1rem; }
.login { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border: 1px solid var(--line); border-radius: 8px; }
.login h1 { margin-top: 0; font-size: 1.5rem; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { width: 100%; font: inherit; padding: .6rem; border: 1px solid #8a9099; border-radius: 4px; }
button { font: inherit; margin-top: 1.25rem; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
button .en { color: #fde8e8; }
button:focus-visible, input:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
header button { margin: 0 0 0 .75rem; background: #fff; color: var(--accent); }
header button .en { color: var(--accent); }
.logout { display: flex; align-items: center; }
.alert { background: #fde8e8; border: 1px solid var(--accent); padding: .5rem .75rem; border-radius: 4px; }
`;
