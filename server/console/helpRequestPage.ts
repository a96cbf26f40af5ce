import type { FastifyInstance } from 'fastify';
import type { HelpRequestView } from '../../shared/terminals/helpRequest.js';
import { helpReasonNames } from '../../shared/terminals/terminalWords.js';
import { escapeHtml } from '../web/html.js';
import { pageScope, sendHtml } from '../web/page.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { consolePage } from './consoleShell.js';
import { toSignIn } from './pageSession.js';
import { courtClient, refusalAsError } from './courtClient.js';
import { languageOf, speaker, type Speaker } from './consoleWords.js';
import { noticeHtml, refusalNotice } from './notice.js';
import { CONSOLE_CSP } from './routes.js';

// Kiosks whose resident asked for staff ("请工作人员协助", shared/terminals/helpRequest.ts): the
// open requests, the longest waiting first, each with a "handled" button. A client of the court
// API like every console page ('terminalHelpRequests', 'handleTerminalHelpRequest').

export const helpRequestPagePath = '/console/help-requests';

function helpRequestsPage(s: Speaker, requests: HelpRequestView[]): string {
  const rows = requests
    .map(
      (r) => `<tr data-help-request="${escapeHtml(r.requestId)}">
<td>${escapeHtml(r.terminalName ?? r.terminalId)} <small>${escapeHtml(r.terminalId)}</small></td>
<td>${s.say(helpReasonNames[r.reason])}</td>
<td><time datetime="${escapeHtml(r.at)}">${escapeHtml(r.at.slice(0, 16).replace('T', ' '))}</time></td>
<td><form method="post" action="${helpRequestPagePath}/${encodeURIComponent(r.terminalId)}/${encodeURIComponent(r.requestId)}"><button type="submit">${s.say({ zh: '已处理', en: 'Handled' })}</button></form></td>
</tr>`,
    )
    .join('\n');
  const body = requests.length
    ? `<table><thead><tr><th>${s.say({ zh: '终端', en: 'Terminal' })}</th><th>${s.say({ zh: '原因', en: 'Why' })}</th><th>${s.say({ zh: '时间 (UTC)', en: 'When (UTC)' })}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p data-help-requests="none">${s.say({ zh: '现在没有等待协助的终端。', en: 'No terminal is waiting for help.' })}</p>`;
  return `<h2>${s.say({ zh: '请求协助的终端', en: 'Terminals asking for help' })}</h2>\n${body}`;
}

export function registerHelpRequestPage(app: FastifyInstance): void {
  const pageTitle = { zh: '请求协助的终端', en: 'Terminals asking for help' };
  app.register(async (pages) => {
    pageScope(pages, { csp: CONSOLE_CSP, referrerPolicy: 'same-origin', forms: { parse: (fields) => fields } });

    pages.get(helpRequestPagePath, async (request, reply) => {
      const call = courtClient(app, request);
      const s = speaker(languageOf(request));
      const session = await call('session');
      if (!session.ok) return toSignIn(request, reply);
      const list = await call('terminalHelpRequests');
      if (!list.ok) {
        if (list.status >= 500) throw refusalAsError(list);
        return sendHtml(reply, list.status, consolePage(s, session.value, s.text(pageTitle), noticeHtml(refusalNotice(s, list, helpRequestPagePath))));
      }
      return sendHtml(reply, 200, consolePage(s, session.value, s.text(pageTitle), helpRequestsPage(s, list.value.requests)));
    });

    pages.post<{ Params: { terminalId: string; requestId: string } }>(`${helpRequestPagePath}/:terminalId/:requestId`, async (request, reply) => {
      refuseCrossSite(request);
      const call = courtClient(app, request);
      const done = await call('handleTerminalHelpRequest', { params: { terminalId: request.params.terminalId, requestId: request.params.requestId } });
      if (!done.ok && done.status >= 500) throw refusalAsError(done);
      if (!done.ok && done.status === 401) return toSignIn(request, reply);
      // refused (the role, a password still to change): said here, with its link, rather than lost in the list's redirect
      if (!done.ok && done.status === 403) {
        const s = speaker(languageOf(request));
        const session = await call('session');
        if (session.ok) return sendHtml(reply, 403, consolePage(s, session.value, s.text(pageTitle), noticeHtml(refusalNotice(s, done, helpRequestPagePath))));
      }
      return reply.redirect(helpRequestPagePath, 303);
    });
  });
}
