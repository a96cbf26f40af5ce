import type { FastifyInstance } from 'fastify';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { courtTime } from '../../shared/courtTime.js';
import type { CrashReportView } from '../../shared/terminals/crashReport.js';
import { careFirst, healthSignal } from '../../shared/terminals/terminalHealth.js';
import type { TerminalList, TerminalListDetail, TerminalListEntry } from '../../shared/terminals/terminalList.js';
import { alertNames, healthNames, helpReasonNames } from '../../shared/terminals/terminalWords.js';
import { can } from '../../shared/staff/roles.js';
import { escapeHtml } from '../web/html.js';
import { pageScope, sendHtml } from '../web/page.js';
import { consolePage } from './consoleShell.js';
import { courtClient, refusalAsError, type ApiRefusal } from './courtClient.js';
import { languageOf, speaker, type Speaker } from './consoleWords.js';
import { noticeHtml, refusalNotice } from './notice.js';
import { consolePaths } from './paths.js';
import { terminalListPagePath } from './terminalListPath.js';
import { CONSOLE_CSP } from './routes.js';

// 终端 / Terminals for the court's IT clerk (issue 11, session 7): every terminal the staff member
// may see — health, last heartbeat in court time, version, outbox depth, open alerts and help
// requests — and one terminal's page with its recent alerts and, for those who manage terminals,
// its crash reports. Read-only; a client of the court API like every console page.

const title = { zh: '终端', en: 'Terminals' };
const kindWords: Record<string, { zh: string; en: string }> = {
  kiosk: { zh: '自助终端', en: 'Kiosk' },
  counter: { zh: '远程柜台', en: 'Service counter' },
  guidance: { zh: '指导屏', en: 'Guidance screen' },
};

const when = (iso: string | null) => (iso ? `<time datetime="${escapeHtml(iso)}">${escapeHtml(courtTime(iso))}</time>` : '—');
const health = (s: Speaker, t: TerminalListEntry) => `<span class="health ${healthSignal[t.health]}" data-health="${t.health}">${s.say(healthNames[t.health])}</span>`;
const kind = (s: Speaker, k: string) => (kindWords[k] ? s.say(kindWords[k]) : escapeHtml(k));

function alertList(s: Speaker, t: TerminalListEntry): string {
  if (t.openAlerts.length === 0) return '—';
  return `<ul class="plain">${t.openAlerts.map((a) => `<li data-alert="${a.kind}">${s.say(alertNames[a.kind])}${a.acknowledged ? ` <small>(${s.say({ zh: '已知悉', en: 'seen' })})</small>` : ''}</li>`).join('')}</ul>`;
}

function helpCell(s: Speaker, t: TerminalListEntry): string {
  if (t.helpRequests.length === 0) return '—';
  return `<span class="health red" data-help="${t.helpRequests.length}">${s.say({ zh: '{n} 个等待', en: '{n} waiting' }, { n: t.helpRequests.length })}</span><br><small>${s.say({ zh: '最早', en: 'since' })} ${when(t.helpRequests[0]!.at)}</small>`;
}

function offlineRule(s: Speaker, minutes: number): string {
  return `<p class="meta">${s.say({ zh: '超过 {n} 分钟没有心跳即为离线；时间为法院所在地时间（北京时间）。', en: 'Offline: no heartbeat for more than {n} minutes. Times are court time (UTC+8).' }, { n: minutes })}</p>`;
}

function listPage(s: Speaker, list: TerminalList): string {
  const counts = { online: 0, degraded: 0, offline: 0, never_seen: 0 };
  for (const t of list.terminals) counts[t.health]++;
  const summary = (['offline', 'degraded', 'never_seen', 'online'] as const)
    .map((h) => `<li><span class="health ${healthSignal[h]}">${s.say(healthNames[h])}</span> <strong data-count="${h}">${counts[h]}</strong></li>`)
    .join('');
  const rows = careFirst(list.terminals)
    .map(
      (t) => `<tr data-terminal="${escapeHtml(t.terminalId)}">
<td><a href="${terminalListPagePath}/${encodeURIComponent(t.terminalId)}">${escapeHtml(t.name)}</a><br><small>${escapeHtml(t.terminalId)} · ${kind(s, t.kind)}</small></td>
<td>${escapeHtml(t.siteName ?? t.siteId ?? '—')}</td>
<td>${health(s, t)}</td>
<td>${when(t.receivedAt)}</td>
<td>${escapeHtml(t.appVersion ?? '—')}</td>
<td class="number">${t.outboxDepth ?? '—'}</td>
<td>${alertList(s, t)}</td>
<td>${helpCell(s, t)}</td>
</tr>`,
    )
    .join('\n');
  const table = list.terminals.length
    ? `<table class="terminal-list"><thead><tr><th>${s.say({ zh: '终端', en: 'Terminal' })}</th><th>${s.say({ zh: '站点', en: 'Site' })}</th><th>${s.say({ zh: '状态', en: 'Status' })}</th><th>${s.say({ zh: '最后心跳', en: 'Last heartbeat' })}</th><th>${s.say({ zh: '版本', en: 'Version' })}</th><th>${s.say({ zh: '待发送', en: 'Outbox' })}</th><th>${s.say({ zh: '设备告警', en: 'Open alerts' })}</th><th>${s.say({ zh: '请求协助', en: 'Help requests' })}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p data-terminals="none">${s.say({ zh: '还没有终端。', en: 'No terminals yet.' })}</p>`;
  return `<h2>${s.say(title)}</h2>
${offlineRule(s, list.offlineAfterMin)}
<ul class="health-summary">${summary}</ul>
${table}`;
}

function detailPage(s: Speaker, who: SessionInfo, d: TerminalListDetail, crashes: CrashReportView[] | null): string {
  const t = d.terminal;
  const facts = `<dl class="facts">
<dt>${s.say({ zh: '编号', en: 'Id' })}</dt><dd>${escapeHtml(t.terminalId)}</dd>
<dt>${s.say({ zh: '类型', en: 'Kind' })}</dt><dd>${kind(s, t.kind)}</dd>
<dt>${s.say({ zh: '站点', en: 'Site' })}</dt><dd>${escapeHtml(t.siteName ?? t.siteId ?? '—')}</dd>
<dt>${s.say({ zh: '状态', en: 'Status' })}</dt><dd>${health(s, t)}</dd>
<dt>${s.say({ zh: '最后心跳', en: 'Last heartbeat' })}</dt><dd>${when(t.receivedAt)}</dd>
<dt>${s.say({ zh: '版本', en: 'Version' })}</dt><dd>${escapeHtml(t.appVersion ?? '—')}</dd>
<dt>${s.say({ zh: '待发送', en: 'Outbox' })}</dt><dd>${t.outboxDepth ?? '—'}</dd>
<dt>${s.say({ zh: '设备告警', en: 'Open alerts' })}</dt><dd>${alertList(s, t)}</dd>
<dt>${s.say({ zh: '请求协助', en: 'Help requests' })}</dt><dd>${
    t.helpRequests.length
      ? `<ul class="plain">${t.helpRequests.map((h) => `<li data-help-request="${escapeHtml(h.requestId)}">${s.say(helpReasonNames[h.reason])} · ${when(h.at)}</li>`).join('')}</ul>${
          can(who.role, 'answerHelpRequests') ? `<a href="/console/help-requests">${s.say({ zh: '去处理', en: 'Handle them' })}</a>` : ''
        }`
      : '—'
  }</dd>
</dl>`;
  const alertRows = d.recentAlerts
    .map(
      (a) =>
        `<tr data-alert-row="${a.kind}"><td>${s.say(alertNames[a.kind])}</td><td>${when(a.raisedAt)}</td><td>${a.clearedAt ? when(a.clearedAt) : `<strong>${s.say({ zh: '仍未解除', en: 'Still open' })}</strong>`}</td><td>${a.acknowledged ? `${escapeHtml(a.acknowledged.by)} ${when(a.acknowledged.at)}${a.acknowledged.note ? `<br><small class="free-text">${escapeHtml(a.acknowledged.note)}</small>` : ''}` : '—'}</td></tr>`,
    )
    .join('');
  const alerts = d.recentAlerts.length
    ? `<table><thead><tr><th>${s.say({ zh: '告警', en: 'Alert' })}</th><th>${s.say({ zh: '出现', en: 'Raised' })}</th><th>${s.say({ zh: '解除', en: 'Cleared' })}</th><th>${s.say({ zh: '知悉', en: 'Seen by' })}</th></tr></thead><tbody>${alertRows}</tbody></table>`
    : `<p data-alerts="none">${s.say({ zh: '没有告警记录。', en: 'No alerts on record.' })}</p>`;
  const crashSection =
    crashes === null
      ? ''
      : `<h3>${s.say({ zh: '崩溃报告', en: 'Crash reports' })}</h3>${
          crashes.length
            ? `<table><thead><tr><th>${s.say({ zh: '时间', en: 'When' })}</th><th>${s.say({ zh: '来源', en: 'Source' })}</th><th>${s.say({ zh: '版本', en: 'Version' })}</th><th>${s.say({ zh: '信息', en: 'Message' })}</th></tr></thead><tbody>${crashes
                .map((c) => `<tr data-crash><td>${when(c.at)}</td><td>${escapeHtml(c.source)}</td><td>${escapeHtml(c.versions.app)}</td><td class="free-text">${escapeHtml(c.message)}</td></tr>`)
                .join('')}</tbody></table>`
            : `<p data-crashes="none">${s.say({ zh: '没有崩溃报告。', en: 'No crash reports.' })}</p>`
        }`;
  return `<p><a href="${terminalListPagePath}">← ${s.say({ zh: '全部终端', en: 'All terminals' })}</a></p>
<h2>${escapeHtml(t.name)}</h2>
${offlineRule(s, d.offlineAfterMin)}
${facts}
<h3>${s.say({ zh: '近期告警', en: 'Recent alerts' })}</h3>
${alerts}
${crashSection}`;
}

export function registerTerminalListPage(app: FastifyInstance): void {
  app.register(async (pages) => {
    pageScope(pages, { csp: CONSOLE_CSP, referrerPolicy: 'same-origin' });

    const refused = (s: Speaker, who: SessionInfo, r: ApiRefusal) => consolePage(s, who, s.text(title), noticeHtml(refusalNotice(s, r, terminalListPagePath)), 'terminals');

    pages.get(terminalListPagePath, async (request, reply) => {
      const call = courtClient(app, request);
      const s = speaker(languageOf(request));
      const session = await call('session');
      if (!session.ok) return reply.redirect(consolePaths.page, 303);
      const list = await call('terminalList');
      if (!list.ok) {
        if (list.status >= 500) throw refusalAsError(list);
        return sendHtml(reply, list.status, refused(s, session.value, list));
      }
      return sendHtml(reply, 200, consolePage(s, session.value, s.text(title), listPage(s, list.value), 'terminals'));
    });

    pages.get<{ Params: { terminalId: string } }>(`${terminalListPagePath}/:terminalId`, async (request, reply) => {
      const call = courtClient(app, request);
      const s = speaker(languageOf(request));
      const session = await call('session');
      if (!session.ok) return reply.redirect(consolePaths.page, 303);
      const detail = await call('terminalListDetail', { params: { terminalId: request.params.terminalId } });
      if (!detail.ok) {
        if (detail.status >= 500) throw refusalAsError(detail);
        return sendHtml(reply, detail.status, refused(s, session.value, detail));
      }
      let crashes: CrashReportView[] | null = null;
      if (can(session.value.role, 'manageTerminals')) {
        const reports = await call('terminalCrashReports', { params: { terminalId: request.params.terminalId } });
        if (reports.ok) crashes = reports.value.reports;
      }
      return sendHtml(reply, 200, consolePage(s, session.value, `${detail.value.terminal.name} · ${s.text(title)}`, detailPage(s, session.value, detail.value, crashes), 'terminals'));
    });
  });
}
