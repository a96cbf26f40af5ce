import type { IntakeStatusResponse } from '../../shared/caseStatus.js';
import { nextStepWords } from '../../shared/cases/nextStepWords.js';
import type { ResidentStage, ResidentStageName } from '../../shared/cases/residentStage.js';
import { courtTime } from '../../shared/courtTime.js';
import { disputeLabel } from '../../shared/disputeLabels.js';
import { minutesToWait } from '../../shared/wrongGuesses.js';
import { bi, escapeHtml } from '../web/html.js';
import { page as pageShell } from '../web/page.js';
import { hubTypeCss } from '../web/hubType.js';
import { paletteCss } from '../web/palette.js';

// The public "check my case" page a receipt's QR code opens in a phone's browser: Chinese and
// English side by side, no script at all, a strict CSP. It shows nothing until the phone number
// on the application is given, and then only the stage and the case number.

export const STATUS_PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
export const STATUS_CSS_PATH = '/status.css';

const stageText: Record<string, [string, string]> = {
  received: ['法院已收到，正在决定下一步怎么办（调解或立案）', 'Received by the court; it is deciding how the dispute goes on'],
  with_mediator: ['调解员正在处理', 'A mediator is handling it'],
  scheduled: ['已约定调解时间，请留意调解员的电话', 'A mediation session has been arranged; watch for the mediator’s call'],
  settled: ['已调解成功', 'Settled by mediation'],
  referred: ['已转交其他部门或程序处理', 'Passed on to another office or procedure'],
};

// A case's stage at the court (shared/cases/residentStage.ts), in the resident's words.
const residentStageText: Record<ResidentStageName, [string, string]> = {
  received: ['法院已收到，正在决定下一步怎么办（调解或立案）', 'Received by the court; it is deciding how the dispute goes on'],
  with_mediator: ['已交给调解组织，调解员会联系您', 'Passed to a mediation organisation; a mediator will contact you'],
  session_scheduled: ['已安排调解', 'A mediation session is arranged'],
  settled: ['已达成调解，正在准备调解协议', 'Settled; the mediation agreement is being prepared'],
  agreement_to_sign: ['调解协议已准备好，请签字', 'The mediation agreement is ready for your signature'],
  agreement_signed: ['调解协议已签署', 'The mediation agreement is signed'],
  in_confirmation: ['法院正在审查司法确认申请', 'The court is examining the application for judicial confirmation'],
  confirmed: ['法院已裁定确认调解协议有效', 'The court has confirmed the mediation agreement'],
  confirmation_refused: ['法院裁定不予确认', 'The court did not confirm the agreement'],
  mediation_failed: ['调解未成功', 'Mediation did not succeed'],
  withdrawn: ['已撤回调解申请', 'The application was withdrawn'],
  filed: ['已转为诉讼立案', 'Filed as a lawsuit'],
  closed: ['已结案', 'Closed'],
};

function residentRows(r: ResidentStage): string {
  const next = nextStepWords[r.next.step];
  const rows = [`<div><dt>${bi('下一步', 'Next step')}</dt><dd>${bi(next.zh, next.en)}</dd></div>`];
  if (r.next.dueDate) rows.push(`<div><dt>${bi('截止日期', 'By')}</dt><dd>${escapeHtml(r.next.dueDate)}</dd></div>`);
  if (r.session) {
    const where = r.session.mode === 'video' ? bi('视频调解', 'By video') : escapeHtml(r.session.place ?? '');
    rows.push(`<div><dt>${bi('调解时间（北京时间）', 'Session (Beijing time)')}</dt><dd>${escapeHtml(courtTime(r.session.startsAt, 'minute'))}</dd></div>`);
    rows.push(`<div><dt>${bi('调解方式或地点', 'How or where')}</dt><dd>${where}</dd></div>`);
  }
  return rows.join('\n');
}

function page(body: string): string {
  return pageShell(
    '查询调解进度 Check my case',
    `<main>
<h1>${bi('查询调解进度', 'Check my case')}</h1>
${body}
<p class="help">${bi('有疑问请拨打12368诉讼服务热线。', 'Questions? Call the court service hotline 12368.')}</p>
</main>`,
    { stylesheets: [STATUS_CSS_PATH], referrer: 'no-referrer' },
  );
}

export function statusFormPage(opts: { provisionalNumber: string; problem?: 'mobile' | 'not_found' | 'number' }): string {
  const problems: Record<'mobile' | 'not_found' | 'number', [string, string]> = {
    mobile: ['请填写申请时留的手机号码或电话号码。', 'Enter the mobile or phone number given in the application.'],
    not_found: ['没有找到编号和手机号都相符的申请，请核对后再试。', 'No application matches this number and phone number. Please check both and try again.'],
    number: ['编号格式不对，请核对回执上的临时编号。', 'This number is not in the right form. Please check the provisional number on your receipt.'],
  };
  const alert = opts.problem ? `<p class="alert" role="alert">${bi(...problems[opts.problem])}</p>` : '';
  const action = `/status/${encodeURIComponent(opts.provisionalNumber)}`;
  return page(`<p>${bi('临时编号', 'Provisional number')}</p>
<p class="number">${escapeHtml(opts.provisionalNumber)}</p>
${alert}
<form method="post" action="${escapeHtml(action)}">
<label for="mobile">${bi('申请时留的手机号码', 'Mobile number given in the application')}</label>
<input id="mobile" name="mobile" type="tel" inputmode="tel" autocomplete="tel" required maxlength="20">
<button type="submit">${bi('查询', 'Check')}</button>
</form>
<p class="note">${bi('为保护您的信息，须输入手机号码才能查看。', 'To protect your information, the phone number is needed to see anything.')}</p>`);
}

export function statusResultPage(found: Extract<IntakeStatusResponse, { found: true }>): string {
  const [zh, en] = found.resident ? residentStageText[found.resident.stage] : (stageText[found.stage] ?? ['—', '—']);
  const type = disputeLabel(found.disputeType);
  return page(`<p class="number">${escapeHtml(found.provisionalNumber)}</p>
<p class="stage">${bi(zh, en)}</p>
<dl>
${found.resident ? residentRows(found.resident) : ''}
<div><dt>${bi('案号', 'Case number')}</dt><dd>${found.caseNumber ? escapeHtml(found.caseNumber) : bi('法院登记后给出', 'Given when the court registers the dispute')}</dd></div>
${found.mediationCaseNumber ? `<div><dt>${bi('诉前调解案号', 'Pre-litigation mediation number')}</dt><dd>${escapeHtml(found.mediationCaseNumber)}</dd></div>` : ''}
<div><dt>${bi('纠纷类型', 'Type of dispute')}</dt><dd>${bi(type.zh, type.en)}</dd></div>
<div><dt>${bi('法院收到时间（北京时间）', 'Received (Beijing time)')}</dt><dd>${escapeHtml(courtTime(found.receivedAt, 'second'))}</dd></div>
${found.stageAt !== found.receivedAt ? `<div><dt>${bi('最近更新（北京时间）', 'Last update (Beijing time)')}</dt><dd>${escapeHtml(courtTime(found.stageAt, 'second'))}</dd></div>` : ''}
</dl>`);
}

export function statusLimitedPage(retryAfterS: number): string {
  const minutes = minutesToWait(retryAfterS);
  return page(`<p class="alert" role="alert">${bi(`查询次数太多，请 ${minutes} 分钟后再试。`, `Too many tries. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`)}</p>`);
}

export const statusCss = `${paletteCss}${hubTypeCss}
* { box-sizing: border-box; }
body { margin: 0; font: 18px/1.6 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: var(--public-ink); background: var(--public-page); }
main { max-width: 34rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; background: var(--surface); min-height: 100vh; }
h1 { font-size: 1.5rem; color: var(--public-accent); margin: 0 0 1rem; }
.en { color: var(--public-muted); font-size: .85em; }
.number { font-size: 1.4rem; font-weight: 700; letter-spacing: .03em; overflow-wrap: anywhere; margin: 0 0 1rem; }
.stage { font-size: 1.25rem; font-weight: 700; padding: .75rem 1rem; border-left: 6px solid var(--public-accent); background: var(--public-accent-soft); }
label { display: block; font-weight: 700; margin: .5rem 0 .25rem; }
input { width: 100%; font: inherit; font-size: 1.3rem; padding: .7rem; border: 2px solid var(--public-field-border); border-radius: 8px; }
button { width: 100%; margin-top: 1rem; min-height: 3.25rem; font: inherit; font-weight: 700; border: 0; border-radius: 8px; background: var(--public-accent); color: var(--on-accent); }
button .en { color: var(--public-accent-soft); }
input:focus-visible, button:focus-visible { outline: 3px solid var(--public-accent); outline-offset: 2px; }
.alert { color: var(--danger); font-weight: 700; border: 2px solid var(--danger); border-radius: 8px; padding: .5rem .75rem; background: var(--danger-soft); }
.note, .help { color: var(--public-muted); font-size: .95rem; }
dl div { padding: .5rem 0; border-bottom: 1px solid var(--public-line); }
dt { color: var(--public-muted); }
dd { margin: 0; font-weight: 700; }
`;
