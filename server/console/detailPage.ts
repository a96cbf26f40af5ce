import { isDeferred, type DeferrableField, type MediationApplication } from '../../shared/application.js';
import type { IngestAttachment } from '../../shared/attachment.js';
import { courtTime } from '../../shared/courtTime.js';
import { disputeLabel } from '../../shared/disputeLabels.js';
import type { PartyView } from '../../shared/courtApi/cases.js';
import type { IntakeRecord } from '../intake/store.js';
import type { CallRecord } from '../signalling/callRecords.js';
import { bi, escapeHtml } from '../web/html.js';
import { consoleWords } from './consoleWords.js';
import { page } from '../web/page.js';
import { STAFF_CSS_PATH } from '../web/staffStyle.js';
import { ethnicityLabels, fieldLabels, no, optionLabels, typeFieldLabels, yes, type Bilingual } from './applicationLabels.js';
import { attachmentPath, casePagePath, consolePaths, intakeDetailPath } from './paths.js';

// One intake as filed, for court staff: the whole mediation application (调解申请书) laid out as
// the paper form is, printable. Like the case page, it is masked until opened: the parties as the
// court API shows them (masked), the dispute type and the record; the application itself (names,
// ID numbers, phones, facts, evidence, signature) only after the staff member opens it, which the
// API audits. Every value from a kiosk is escaped; the signature is shown only as the PNG data URL
// the application schema accepted, so the page's CSP allows `img-src data:`.

/** An intake with the video calls about it. */
export type IntakeDetail = IntakeRecord & { calls: CallRecord[] };

/** What the court API let this staff member see of the intake's case. */
export interface IntakeView {
  staff: string;
  /** The parties as the case page shows them: masked unless opened. */
  parties: PartyView[];
  /** Opened (the application in full); false: masked. */
  revealed: boolean;
  /** The role may open personal data (the form to open it is offered). */
  mayReveal: boolean;
}

const e = escapeHtml;
const text = (v: string) => `<span class="value">${e(v)}</span>`;
type Row = [Bilingual, string | null | undefined];

/** A definition list of label → already-rendered value; rows without a value are left out. */
function rows(list: Row[]): string {
  const items = list.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([label, v]) => `<div><dt>${bi(...label)}</dt><dd>${v}</dd></div>`);
  return `<dl class="fields">${items.join('')}</dl>`;
}
const section = (title: Bilingual, body: string, cls = '') => `<section class="${cls}"><h2>${bi(...title)}</h2>${body}</section>`;
const option = (set: string, value: string) => {
  const label = optionLabels[set]?.[value];
  return label ? bi(...label) : text(value);
};
const yesNo = (v: boolean | undefined) => (v === undefined ? null : bi(...(v ? yes : no)));
const at = (iso: string | undefined) => (iso ? `<time datetime="${e(iso)}">${e(courtTime(iso, 'second'))}</time>` : null);
const f = (key: string) => fieldLabels[key]!;

/** A field the resident left to the mediator or staff (the short path): asked on the call, not missing. */
const toBeAsked = `<span class="value to-be-asked">${bi(consoleWords.toBeAsked.zh, consoleWords.toBeAsked.en)}</span>`;
const orAsked = (app: MediationApplication, field: DeferrableField, shown: string | null | undefined) => shown ?? (isDeferred(app, field) ? toBeAsked : null);

function applicantRows(app: MediationApplication): string {
  const a = app.applicant;
  if (a.kind === 'organisation') {
    return rows([
      [f('orgName'), text(a.name)],
      [f('creditCode'), text(a.creditCode)],
      [f('legalRepresentative'), text(a.legalRepresentative)],
      [f('phone'), text(a.phone)],
      [f('address'), text(a.address)],
    ]);
  }
  const ethnicity = a.ethnicity === undefined ? undefined : ethnicityLabels[a.ethnicity];
  const given = (v: string | undefined, show: (v: string) => string) => (v === undefined ? null : show(v));
  return rows([
    [f('name'), text(a.name)],
    [f('idNumber'), orAsked(app, 'applicant.idNumber', given(a.idNumber, text))],
    [
      f('sex'),
      orAsked(
        app,
        'applicant.sex',
        given(a.sex, (v) => option('sex', v)),
      ),
    ],
    [f('birthDate'), orAsked(app, 'applicant.birthDate', given(a.birthDate, text))],
    [f('ethnicity'), orAsked(app, 'applicant.ethnicity', ethnicity ? bi(...ethnicity) : given(a.ethnicity, text))],
    [f('mobile'), text(a.mobile)],
    [f('address'), orAsked(app, 'applicant.address', given(a.address, text))],
  ]);
}

function typeAnswerRows(answers: NonNullable<MediationApplication['typeAnswers']> | undefined): string {
  if (!answers) return rows([[['具体情况', 'Details'], toBeAsked]]);
  const type = answers.type;
  const generic = !['private_loan', 'labour', 'traffic', 'family', 'property_service'].includes(type);
  const list: Row[] = Object.entries(answers)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => {
      const label = typeFieldLabels[generic ? 'generic' : type]?.[key] ?? fieldLabels[key] ?? ([key, key] as const);
      const set = key === 'matter' ? `matter_${type}` : key;
      let shown: string;
      if (typeof value === 'boolean') shown = bi(...(value ? yes : no));
      else if (Array.isArray(value)) shown = value.map((v) => option(set, String(v))).join('、');
      else shown = option(set, String(value));
      return [label, shown];
    });
  return rows(list);
}

function evidenceTable(d: IntakeDetail, evidence: MediationApplication['evidence']): string {
  if (evidence.length === 0) return `<p class="empty">${bi('未列证据', 'No evidence listed')}</p>`;
  const byHash = new Map(d.attachments.map((a) => [a.sha256, a]));
  const body = evidence
    .map((item, i) => {
      const photos = item.photos.map((sha, n) => attachmentLink(d.submissionId, byHash.get(sha) ?? { sha256: sha, mimeType: 'image/jpeg' }, `${i + 1}-${n + 1}`)).join('');
      return `<tr><td>${i + 1}</td><td>${e(item.name)}</td><td>${e(item.proves)}</td><td><div class="thumbs">${photos}</div></td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th scope="col">#</th><th scope="col">${bi('证据名称', 'Evidence')}</th><th scope="col">${bi('证明内容', 'What it shows')}</th><th scope="col">${bi('照片', 'Photos')}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function attachmentLink(submissionId: string, a: Pick<IngestAttachment, 'sha256' | 'mimeType' | 'label'>, fallbackName: string): string {
  const href = e(attachmentPath(submissionId, a.sha256));
  const name = e(a.label ?? `#${fallbackName}`);
  if (a.mimeType.startsWith('image/')) return `<a href="${href}" target="_blank" rel="noopener"><img src="${href}" alt="${name}" loading="lazy" width="120" height="90"></a>`;
  return `<a href="${href}" target="_blank" rel="noopener">${name} (PDF)</a>`;
}

const SIGNATURE_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

function applicationSections(d: IntakeDetail, app: MediationApplication): string {
  const type = disputeLabel(app.disputeType);
  const parts = [
    section(['申请人', 'Applicant'], applicantRows(app)),
    app.agent
      ? section(
          ['委托代理人', 'Agent'],
          rows([
            [f('name'), text(app.agent.name)],
            [f('relationship'), option('agentRelationship', app.agent.relationship)],
            [f('mobile'), text(app.agent.mobile)],
            [f('idNumber'), app.agent.idNumber ? text(app.agent.idNumber) : null],
          ]),
        )
      : '',
    section(
      ['被申请人', 'Respondents'],
      app.respondents
        .map(
          (r, i) =>
            `<h3>${bi(`被申请人 ${i + 1}`, `Respondent ${i + 1}`)}</h3>${rows([
              [f('kind'), option('partyKind', r.kind)],
              [f('name'), text(r.name)],
              [f('phone'), r.mobile ? text(r.mobile) : null],
              [f('address'), orAsked(app, 'respondents.address', r.address ? text(r.address) : null)],
              [f('employer'), r.employer ? text(r.employer) : null],
              [f('partyId'), r.idNumber ? text(r.idNumber) : null],
            ])}`,
        )
        .join(''),
    ),
    section(['纠纷类型及基本情况', 'Dispute'], `<p class="type">${bi(type.zh, type.en)}</p>${typeAnswerRows(app.typeAnswers)}`),
    section(['请求事项', 'Claims'], `<ol class="claims">${app.claims.map((c) => `<li>${e(c)}</li>`).join('')}</ol>`),
    section(['事实与理由', 'Facts and reasons'], `<p class="prose">${e(app.facts)}</p>`),
    section(['证据清单', 'Evidence'], evidenceTable(d, app.evidence)),
    section(
      ['调解方式', 'How to mediate'],
      app.process
        ? rows([
            [['方式', 'Mode'], option('processMode', app.process.mode)],
            [['方便的时间', 'Convenient times'], app.process.timePreferences.map((t) => option('timeSlot', t)).join('、') || null],
            [['需要翻译', 'Interpreter'], yesNo(app.process.interpreter)],
            [['翻译语言', 'Interpreter language'], app.process.interpreterLanguage ? text(app.process.interpreterLanguage) : null],
            [['其他帮助', 'Other help'], app.process.accessibility.map((a) => option('accessibility', a)).join('、') || null],
            [['说明', 'Note'], app.process.accessibilityNote ? text(app.process.accessibilityNote) : null],
          ])
        : rows([[['方式', 'Mode'], toBeAsked]]),
    ),
    section(
      ['告知与同意', 'Consents'],
      rows([
        [['同意个人信息处理', 'Privacy notice accepted'], `${bi(...yes)} · ${at(app.consents.privacy.at) ?? ''}`],
        [['同意在线调解', 'Online mediation'], `${yesNo(app.consents.onlineMediation.accepted)} · ${at(app.consents.onlineMediation.at) ?? ''}`],
      ]),
    ),
    section(
      ['申请人签名', 'Signature'],
      `${SIGNATURE_DATA_URL.test(app.signature.pngDataUrl) ? `<img class="signature" src="${e(app.signature.pngDataUrl)}" alt="申请人签名 Applicant's signature">` : `<p class="empty">${bi('签名无法显示', 'Signature cannot be shown')}</p>`}<p>${bi('签名时间', 'Signed')}：${at(app.signature.signedAt) ?? ''}</p>`,
      'signature-section',
    ),
  ];
  return parts.join('\n');
}

function callsSection(calls: CallRecord[], revealed: boolean): string {
  if (calls.length === 0) return '';
  const body = calls
    .map(
      (c) =>
        `<tr><td>${at(c.queuedAt) ?? ''}</td><td>${e(c.mediator ?? '—')}</td><td>${c.durationS === null ? '—' : bi(`${Math.round(c.durationS / 60)} 分钟`, `${Math.round(c.durationS / 60)} min`)}</td><td>${e(c.outcome ?? c.endReason ?? '—')}</td><td class="prose">${revealed ? e(c.notes) : '—'}</td></tr>`,
    )
    .join('');
  return section(
    ['视频调解记录', 'Video calls'],
    `<table><thead><tr><th scope="col">${bi('时间', 'Time')}</th><th scope="col">${bi('调解员', 'Mediator')}</th><th scope="col">${bi('时长', 'Length')}</th><th scope="col">${bi('结果', 'Outcome')}</th><th scope="col">${bi('备注', 'Notes')}</th></tr></thead><tbody>${body}</tbody></table>`,
  );
}

const partyRoleWords: Record<PartyView['role'], Bilingual> = {
  applicant: ['申请人', 'Applicant'],
  respondent: ['被申请人', 'Respondent'],
  agent: ['代理人', 'Agent'],
  third_party: ['第三人', 'Third party'],
};

/** The masked view: the parties exactly as the case page shows them, the dispute type, and the way to open the rest. */
function maskedSections(d: IntakeDetail, v: IntakeView, caseId: string): string {
  const type = disputeLabel(d.application.disputeType);
  const body = v.parties
    .map((p) => `<tr><td>${bi(...partyRoleWords[p.role])}</td><td>${e(p.name)}</td><td>${e(p.idNumber ?? '—')}</td><td>${e(p.phone ?? '—')}</td><td>${e(p.address ?? '—')}</td></tr>`)
    .join('');
  const open = v.mayReveal
    ? `<form method="get" action="${e(intakeDetailPath(d.submissionId))}" class="no-print"><input type="hidden" name="reveal" value="parties"><button type="submit">${bi(consoleWords.openParties.zh, consoleWords.openParties.en)}</button></form>`
    : '';
  return `${section(
    ['当事人', 'Parties'],
    `<p class="note">${bi('个人信息已遮蔽；申请书的事实、证据和签名在打开后显示。', 'Personal data is masked; the facts, evidence and signature are shown once opened.')}</p>
<table><thead><tr><th scope="col">${bi('身份', 'Role')}</th><th scope="col">${bi('姓名', 'Name')}</th><th scope="col">${bi('证件号码', 'ID number')}</th><th scope="col">${bi('电话', 'Phone')}</th><th scope="col">${bi('地址', 'Address')}</th></tr></thead><tbody>${body}</tbody></table>${open}`,
  )}
${section(['纠纷类型', 'Dispute'], `<p class="type">${bi(type.zh, type.en)}</p>`)}
<p class="no-print"><a href="${e(casePagePath(caseId))}">${bi('返回案件', 'Back to the case')}</a></p>`;
}

export function intakeDetailPage(d: IntakeDetail, v: IntakeView, caseId: string): string {
  const meta = rows([
    [['案号', 'Case number'], d.caseNumber ? `<strong>${e(d.caseNumber)}</strong>` : bi('尚未立号', 'Not numbered yet')],
    [['临时编号', 'Provisional number'], text(d.provisionalNumber)],
    [['提交时间（北京时间）', 'Submitted (UTC+8)'], at(d.submittedAt)],
    [['接收时间（北京时间）', 'Received (UTC+8)'], at(d.receivedAt)],
    [['终端', 'Terminal'], `${e(d.terminalName)} <small>${e(d.terminalId)}</small>`],
    [['申请人语言', 'Applicant language'], text(d.language)],
  ]);
  const attachments =
    v.revealed && d.attachments.length
      ? section(['全部附件', 'All attachments'], `<p class="thumbs">${d.attachments.map((a, i) => attachmentLink(d.submissionId, a, String(i + 1))).join('')}</p>`)
      : '';
  const opened = v.revealed ? `<p class="note no-print">${bi(consoleWords.partiesOpen.zh, consoleWords.partiesOpen.en)}</p>` : '';
  return page(
    `调解申请书 ${d.caseNumber ?? d.provisionalNumber}`,
    `<header>
<h1>${bi('调解申请书', 'Mediation application')} <small>${e(d.caseNumber ?? d.provisionalNumber)}</small></h1>
<nav class="no-print"><a href="${e(casePagePath(caseId))}">${bi('返回案件', 'Back to the case')}</a> <a href="${consolePaths.page}">${bi('返回列表', 'Back to the list')}</a> <span>${e(v.staff)}</span></nav>
</header>
<main class="application" data-revealed="${v.revealed}">
${section(['受理信息', 'Record'], meta)}
${opened}
${v.revealed ? applicationSections(d, d.application) : maskedSections(d, v, caseId)}
${attachments}
${callsSection(d.calls, v.revealed)}
</main>`,
    { stylesheets: [STAFF_CSS_PATH, consolePaths.applicationCss], referrer: 'same-origin' },
  );
}

/** The application's layout on screen and on A4 paper (the staff pages' base sheet and the palette come first). */
export const detailCss = `
.application { max-width: 60rem; margin: 0 auto; background: var(--surface); padding: 1.5rem 2rem 2rem; }
.application section { margin: 0 0 1.25rem; break-inside: avoid-page; }
.application h2 { font-size: 1.15rem; margin: 0 0 .5rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); }
.application h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
.fields { display: grid; grid-template-columns: 1fr; margin: 0; }
.fields div { display: grid; grid-template-columns: 14rem 1fr; gap: 1rem; padding: .3rem 0; border-bottom: 1px solid var(--line); }
.fields dt { color: var(--muted); }
.fields dd { margin: 0; overflow-wrap: anywhere; }
.prose { white-space: pre-wrap; overflow-wrap: anywhere; }
.claims li { margin-bottom: .25rem; }
.type { font-weight: 700; margin: 0 0 .5rem; }
.thumbs { display: flex; flex-wrap: wrap; gap: .5rem; }
.thumbs img { width: 120px; height: 90px; object-fit: cover; border: 1px solid var(--line); }
.signature { max-width: 24rem; max-height: 10rem; border: 1px solid var(--line); background: var(--surface); }
header nav a { color: var(--on-accent); }
header nav a + a, header nav span { margin-left: 1rem; }
.note { color: var(--muted); }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { background: var(--surface); }
  header { background: none; color: var(--print-ink); border-bottom: 2px solid var(--print-ink); }
  header small, header .en { color: var(--print-muted); }
  .no-print { display: none; }
  .application { max-width: none; padding: 0; }
  .en { display: none; }
  .thumbs img { width: 30mm; height: 22mm; }
}
`;
