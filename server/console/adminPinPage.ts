import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Site } from '../../shared/courtApi/sites.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { escapeHtml } from '../web/html.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { sendHtml } from '../web/page.js';
import { noticeHtml, refusalNotice, type CaseNotice } from './notice.js';
import { consolePage } from './consoleShell.js';
import { words as w, type Speaker } from './consoleWords.js';
import { refusalAsError, type ConsoleRequest } from './courtClient.js';
import { consolePath, consolePaths } from './paths.js';

// The site's staff-panel PIN (issue 14 item 7), for court admins: set it, or set a new one to
// rotate it. The PIN is typed into a password field and never shown back — not on this page, not
// in the notice; the hub keeps a salted digest only and audits each change (site.admin_pin_set).
// The kiosks of the site take the new PIN with their next heartbeat.

const P = {
  title: w('自助终端管理面板 PIN', 'Kiosk staff panel PIN'),
  explain: w(
    '在终端屏幕左上角按住 3 秒，输入此 PIN，即可打开管理面板（查看状态、打印测试页、重新同步、重启）。PIN 为 6 至 8 位数字；设置后不再显示，请当面告知本站点的技术人员。设置新 PIN 即替换旧 PIN，本站点各终端在下一次心跳（约半分钟）后生效。',
    'Hold the top-left corner of a kiosk’s screen for 3 seconds and enter this PIN to open its staff panel (status, test print, resync, restart). The PIN is 6 to 8 digits; once set it is never shown again, so tell the site’s IT staff in person. Setting a new PIN replaces the old one on every kiosk of the site after its next heartbeat (about half a minute).',
  ),
  site: w('站点', 'Site'),
  pin: w('新 PIN（6–8 位数字）', 'New PIN (6–8 digits)'),
  again: w('再次输入新 PIN', 'New PIN again'),
  save: w('设置 PIN', 'Set PIN'),
  saved: w('已设置。本站点的终端将在下一次心跳后使用新 PIN。', 'Set. The site’s kiosks use the new PIN after their next heartbeat.'),
  mismatch: w('两次输入的 PIN 不一致，请重新输入。', 'The two PINs differ; please type them again.'),
  format: w('PIN 须为 6 至 8 位数字。', 'The PIN must be 6 to 8 digits.'),
  back: w('返回站点列表', 'Back to the sites'),
  unknown: w('没有这个站点。', 'No such site.'),
};

export function adminPinPage(s: Speaker, who: SessionInfo, site: Site, notice: CaseNotice | null): string {
  const action = consolePath(consolePaths.adminSitePin, { siteId: site.siteId });
  const n = noticeHtml(notice, ' data-pin-notice');
  return consolePage(
    s,
    who,
    s.text(P.title),
    `<h2>${s.say(P.title)}</h2>
<p>${s.say(P.site)}: <strong data-pin-site>${escapeHtml(site.name)}</strong> (${escapeHtml(site.siteId)})</p>
<p class="note">${s.say(P.explain)}</p>${n}
<form method="post" action="${escapeHtml(action)}" class="admin-forms" autocomplete="off" data-pin-form>
<label for="pin">${s.say(P.pin)}</label><input id="pin" name="pin" type="password" inputmode="numeric" required minlength="6" maxlength="8" pattern="[0-9]{6,8}" autocomplete="new-password">
<label for="pin-again">${s.say(P.again)}</label><input id="pin-again" name="pinAgain" type="password" inputmode="numeric" required minlength="6" maxlength="8" pattern="[0-9]{6,8}" autocomplete="new-password">
<button type="submit">${s.say(P.save)}</button>
</form>
<p><a href="${consolePaths.adminSites}">${s.say(P.back)}</a></p>`,
    'sites',
  );
}

export function registerAdminPinPage(pages: FastifyInstance, deps: { signedIn: (request: FastifyRequest, reply: FastifyReply) => Promise<ConsoleRequest | null> }): void {
  const { signedIn } = deps;

  async function show(ctx: ConsoleRequest, reply: FastifyReply, siteId: string, status: number, notice: CaseNotice | null) {
    const list = await ctx.call('listSites');
    if (!list.ok) throw refusalAsError(list);
    const site = list.value.sites.find((x) => x.siteId === siteId);
    if (!site) return sendHtml(reply, 404, consolePage(ctx.s, ctx.who, ctx.s.text(P.title), `<p class="alert problem" role="alert">${ctx.s.say(P.unknown)}</p>`, 'sites'));
    return sendHtml(reply, status, adminPinPage(ctx.s, ctx.who, site, notice));
  }

  pages.get<{ Params: { siteId: string } }>(consolePaths.adminSitePin, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    return ctx ? show(ctx, reply, request.params.siteId, 200, null) : reply;
  });

  pages.post<{ Params: { siteId: string } }>(consolePaths.adminSitePin, async (request, reply) => {
    refuseCrossSite(request);
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const { siteId } = request.params;
    const f = (request.body ?? {}) as Record<string, string | undefined>;
    const pin = f.pin ?? '';
    if (pin !== (f.pinAgain ?? '')) return show(ctx, reply, siteId, 400, { kind: 'problem', text: ctx.s.text(P.mismatch) });
    const result = await ctx.call('setSiteAdminPin', { params: { siteId }, body: { pin } });
    if (result.ok) return show(ctx, reply, siteId, 200, { kind: 'ok', text: ctx.s.text(P.saved) });
    // the refusal's own words could echo the field: say it in ours
    const here = consolePath(consolePaths.adminSitePin, { siteId });
    return show(ctx, reply, siteId, result.status, result.status === 400 ? { kind: 'problem', text: ctx.s.text(P.format) } : refusalNotice(ctx.s, result, here));
  });
}
