import type { FastifyInstance } from 'fastify';
import { TerminalCreate, type EnrollmentTokenIssued } from '../../shared/terminals/enrollment.js';
import { CONSOLE_CSP } from '../console/routes.js';
import type { DbScope } from '../db/engine.js';
import type { AuditStore } from '../audit/auditStore.js';
import { parseOrThrow } from '../http/errors.js';
import type { StaffAuthenticator, StaffPrincipal } from '../staff/principal.js';
import { admitStaff } from '../staff/staffGate.js';
import { bi, escapeHtml } from '../web/html.js';
import { page, pageScope, sendHtml } from '../web/page.js';
import { refuseCrossSite } from '../web/sameOrigin.js';

// The console's small enrollment page (court admins): a form for a new terminal, and its one-time
// token as text and QR for the installer. Server-rendered, no script; the work is the court
// API's createTerminal (passed in as `create`), so the page and the API cannot differ.

export const ENROLLMENT_PAGE_PATH = '/console/terminals/new';
/** What a refused view of the form is audited as: a page asked for, not a terminal created. */
export const ENROLLMENT_FORM_VIEWED = 'terminal.enrollment_form_viewed';

export interface EnrollmentPageDeps {
  scope: DbScope;
  authenticate: StaffAuthenticator;
  audit: AuditStore;
  create: (body: TerminalCreate, principal: StaffPrincipal) => Promise<EnrollmentTokenIssued>;
}

const field = (name: string, zh: string, en: string, required = false) => `<p><label>${bi(zh, en)}<br><input name="${name}"${required ? ' required' : ''} maxlength="100"></label></p>`;

const formPage = () =>
  page(
    '新建终端 New terminal',
    `<main><h1>${bi('新建终端', 'New terminal')}</h1>
<form method="post" action="${ENROLLMENT_PAGE_PATH}">
${field('terminalId', '终端编号', 'Terminal id', true)}${field('name', '名称', 'Name', true)}${field('location', '位置', 'Location')}${field('siteId', '站点编号', 'Site id')}
<p><button type="submit">${bi('生成一次性登记码', 'Issue a one-time enrollment token')}</button></p>
</form></main>`,
  );

const tokenPage = (t: EnrollmentTokenIssued) =>
  page(
    '登记码 Enrollment token',
    `<main><h1>${bi('一次性登记码', 'One-time enrollment token')}: ${escapeHtml(t.terminalId)}</h1>
<p>${bi('只显示这一次；安装时在终端输入或扫码。', 'Shown this once: enter it on the terminal or scan it when installing.')}</p>
<p><code class="enrollment-token">${escapeHtml(t.token)}</code></p>
<figure class="enrollment-qr">${t.qrSvg}</figure>
<p>${bi('有效期至', 'Valid until')} ${escapeHtml(t.expiresAt)}</p>
<p><a href="${ENROLLMENT_PAGE_PATH}">${bi('再建一台', 'Another terminal')}</a></p></main>`,
  );

export function registerEnrollmentPage(app: FastifyInstance, deps: EnrollmentPageDeps): void {
  app.register(async (scope) => {
    pageScope(scope, { csp: CONSOLE_CSP, referrerPolicy: 'same-origin', forms: { parse: (f) => Object.fromEntries(f) } });
    // the court API's door check: the role (a refusal audited as what was attempted), then a password still to change
    const admin = (request: Parameters<StaffAuthenticator>[1], action: string) => admitStaff(deps, request, 'manageTerminals', action);
    scope.get(ENROLLMENT_PAGE_PATH, async (request, reply) => {
      await admin(request, ENROLLMENT_FORM_VIEWED);
      return sendHtml(reply, 200, formPage());
    });
    scope.post(ENROLLMENT_PAGE_PATH, async (request, reply) => {
      refuseCrossSite(request, { required: true });
      const principal = await admin(request, 'terminal.created');
      const fields = request.body as Record<string, string>;
      const body = parseOrThrow(TerminalCreate, { terminalId: fields.terminalId, name: fields.name, location: fields.location ?? '', siteId: fields.siteId || null }, 'Terminal');
      return sendHtml(reply, 201, tokenPage(await deps.create(body, principal)));
    });
  });
}
