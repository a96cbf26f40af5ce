import type { CourtDocument } from '../../shared/agreements/courtDocument.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { eventLabels, stateLabels, type Words } from '../../shared/cases/caseLabels.js';
import { allowedEvents, nextState, type CaseEventType } from '../../shared/cases/lifecycle.js';
import { mayAppend, type StaffRole } from '../../shared/staff/roles.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import type { AgreementTerms } from '../../shared/agreements/mediationAgreement.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { consolePage } from '../console/consoleShell.js';
import { htmlLang, words, type Speaker } from '../console/consoleWords.js';
import { openPartiesForm, partiesNote } from '../console/partiesOpening.js';
import { agreementPagePath, casePagePath, consolePaths } from '../console/paths.js';
import { actionFormPath } from '../console/actionForms.js';
import { changePasswordLink } from '../../shared/courtApi/refusalWords.js';
import { type ActionWords, type FieldLabels } from '../console/notice.js';
import { signInReturningTo } from '../console/returnPaths.js';
import { escapeHtml } from '../web/html.js';

// The mediator's desk page for one case's agreement (/console/cases/:caseId/agreement): write the
// facts and terms, read the draft as it will be printed (the same layout the PDF is drawn from,
// every value escaped), and take each signer's handwritten signature on a pad (touch or mouse),
// the parties first and the mediator last; once all have signed, the signed agreement's link when
// it is stored (until then the page says it is being prepared, and asks until it is). The draft
// on screen shows the parties' ID numbers and addresses masked until staff open them, as the case
// page does (the PDF is the document as signed, in full). The page speaks the console's language;
// the document itself is Chinese. Its one script posts to the court API; no inline script.

export const agreementPagePaths = {
  page: '/console/cases/:caseId/agreement',
  script: '/console/agreement.js',
  signaturePad: '/console/signature_pad.js',
  css: '/console/agreement.css',
  /** GET: a refused post's words, in the console's language (the script asks; the rule stays in console/notice.ts). */
  refusal: '/console/agreement-refusal',
} as const;

/** How many term rows the form offers (MAX_TERMS is the rule's limit; a desk rarely needs more). */
const TERM_ROWS = 6;

/** The desk's own words (the console's shared ones are in server/console/consoleWords.ts). */
const deskWords = {
  title: words('调解协议书', 'Mediation agreement'),
  backToCase: words('返回案件', 'Back to the case'),
  inEffect: words('各方已签名，协议已生效。', 'Everyone has signed; the agreement is in effect.'),
  signedPdf: words('下载已签署协议（PDF）', 'Signed agreement (PDF)'),
  preparing: words('各方已签名，正在生成已签署的协议，请稍候……', 'Everyone has signed; the signed agreement is being prepared…'),
  preview: words('预览', 'Preview'),
  previewPdf: words('下载预览（PDF）', 'Preview (PDF)'),
  // Why there is no draft to write, and what leads on (deskDrafting): the agreement the parties
  // reached is recorded first (调解成功, or an oral agreement stays just that), then written here.
  draftAfter: words(
    '调解协议在当事人达成协议后起草：请先在案件页记录“{settled}”，再回到这里起草协议，由当事人和调解员签名。',
    'The agreement is drafted once the parties have agreed: first record “{settled}” on the case page, then come back here to draft it for the parties and the mediator to sign.',
  ),
  goRecord: words('去案件页记录“{settled}”', 'Record “{settled}” on the case page'),
  recordedByMediator: words('“{settled}”由本案调解员记录。', 'The case’s mediator records “{settled}”.'),
  draftedByMediator: words('调解协议由本案调解员起草。', 'The case’s mediator drafts the agreement.'),
  notDrafted: words('此案件现为“{state}”：调解协议只在调解成功后起草。', 'This case is “{state}”: an agreement is drafted only after mediation has settled.'),
  terms: words('协议内容', 'Terms'),
  facts: words('纠纷事实', 'Facts'),
  term: words('第{n}条', 'Term {n}'),
  performBy: words('履行期限', 'Perform by'),
  draw: words('生成协议预览', 'Draw the agreement'),
  signatures: words('签名', 'Signatures'),
  inTurn: words('请当事人依次签名，调解员最后签名。', 'Each party signs in turn; the mediator signs last.'),
  pad: words('{who} 签名区', 'Signature pad: {who}'),
  clear: words('重写', 'Clear'),
  confirm: words('确认签名', 'Confirm signature'),
  stillToSign: words('待签名', 'Still to sign'),
  mediatorSigns: words(
    '当事人依次签名，在本案调解员的调解台或在法院的自助终端上；调解员最后在其调解台签名。',
    'Each party signs in turn, at the case’s mediator’s desk or at a court kiosk; the mediator signs last, at their desk.',
  ),
  signed: words('已签名', 'Signed'),
  signFirst: words('请先签名。', 'Please sign first.'),
  networkFailed: words('网络连接失败，请重试。', 'Network failure; try again.'),
} as const satisfies Record<string, Words>;

/** What the desk's two posts ask, as a refusal names them ("未能保存调解协议：…"). */
export const deskActions = {
  draft: words('保存调解协议', 'save the agreement'),
  sign: words('记录签名', 'record the signature'),
} as const satisfies Record<string, ActionWords>;

/** The desk's fields by the API's names: a refused field is named by its label. */
export const deskFieldLabels: FieldLabels = { facts: deskWords.facts, terms: deskWords.terms, text: deskWords.terms, performBy: deskWords.performBy, imagePngBase64: deskWords.signatures };

/** A court document as HTML: its layout, every text escaped (text with markup stays text); `signedMark` (HTML) follows a signed place. */
export function documentHtml(d: CourtDocument, signed: ReadonlySet<string>, signedMark: string): string {
  const blocks = d.blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return `<h3>${escapeHtml(b.text)}</h3>`;
      case 'paragraph':
        return `<p>${escapeHtml(b.text)}</p>`;
      case 'clause':
        return `<p class="clause"><span class="number">${b.number}.</span> ${escapeHtml(b.text)}</p>`;
      case 'signatures':
        return `<ul class="places">${b.places.map((p) => `<li>${escapeHtml(p.label)} ${signed.has(p.signer) ? signedMark : ''}</li>`).join('')}</ul>`;
      case 'closing':
        return `<p class="closing">${b.lines.map(escapeHtml).join('<br>')}</p>`;
    }
  });
  return `<article class="court-document" lang="zh-CN"><h2>${escapeHtml(d.title)}</h2>${d.reference ? `<p class="reference">${escapeHtml(d.reference)}</p>` : ''}${blocks.join('\n')}</article>`;
}

export interface AgreementPageModel {
  case: CaseFile;
  /** The draft being signed, if any (its parties masked unless `revealed`). */
  current: { documentId: string; document: CourtDocument; terms: AgreementTerms } | null;
  /** The parties were opened in full for this view (audited). */
  revealed: boolean;
  missing: Array<{ signer: string; label: string }>;
  /** The signed agreement once completed. */
  signedDocumentId: string | null;
  /** Everyone has signed and the signed agreement is being drawn (the page looks again until it is stored). */
  preparing: boolean;
  mayDraft: boolean;
  /** Why no draft can be written now, when none can (deskDrafting). */
  blocked: DraftBlock | null;
  /** Whether this role takes signatures (the rule the API applies: shared/staff/roles.ts eventRoles); the others are told who does. */
  maySign: boolean;
}

/**
 * Why the desk cannot draft now, read from the transition table: `settle` — the case is where the
 * event that allows a draft (调解成功) is recorded, by `mayAct` this role or not; `role` — a draft
 * is allowed but not to this role; `state` — the case is not where an agreement is drafted.
 */
export type DraftBlock = { kind: 'settle'; event: CaseEventType; mayAct: boolean } | { kind: 'role' } | { kind: 'state' };

/** Whether `role` may draft the agreement of `c` now, and if not, why (null once signatures have begun: the draft is then fixed). */
export function deskDrafting(c: Pick<CaseFile, 'kind' | 'state' | 'agreement'>, role: StaffRole): { mayDraft: boolean; blocked: DraftBlock | null } {
  if ((c.agreement?.signedBy.length ?? 0) > 0) return { mayDraft: false, blocked: null };
  if (nextState(c.kind, c.state, 'agreement.drafted') !== null) return mayAppend(role, 'agreement.drafted') ? { mayDraft: true, blocked: null } : { mayDraft: false, blocked: { kind: 'role' } };
  const leadsOn = allowedEvents(c.kind, c.state).find((e) => {
    const to = nextState(c.kind, c.state, e);
    return to !== null && to !== c.state && nextState(c.kind, to, 'agreement.drafted') !== null;
  });
  return { mayDraft: false, blocked: leadsOn ? { kind: 'settle', event: leadsOn, mayAct: mayAppend(role, leadsOn) } : { kind: 'state' } };
}

/** What the desk says when nothing can be drafted: the reason, and the step that leads on where there is one. */
function blockedNote(s: Speaker, c: CaseFile, b: DraftBlock): string {
  switch (b.kind) {
    case 'settle': {
      const settled = s.text(eventLabels[b.event]);
      const next = b.mayAct
        ? `<p><a class="next-step" href="${escapeHtml(actionFormPath(c.caseId, b.event))}">${s.say(deskWords.goRecord, { settled })}</a></p>`
        : `<p class="note">${s.say(deskWords.recordedByMediator, { settled })}</p>`;
      return `<div class="empty" data-blocked="settle"><p>${s.say(deskWords.draftAfter, { settled })}</p>${next}</div>`;
    }
    case 'role':
      return `<p class="empty" data-blocked="role">${s.say(deskWords.draftedByMediator)}</p>`;
    case 'state':
      return `<p class="empty" data-blocked="state">${s.say(deskWords.notDrafted, { state: s.text(stateLabels[c.state]) })}</p>`;
  }
}

/** The terms form, holding what the mediator last drew (a redraw starts from it, never from nothing). */
function termsForm(s: Speaker, drawn: AgreementTerms | null): string {
  const rows = Array.from({ length: Math.max(TERM_ROWS, drawn?.terms.length ?? 0) }, (_, i) => {
    const term = drawn?.terms[i];
    return `<div class="term"><label for="term-${i}">${s.say(deskWords.term, { n: i + 1 })}</label><textarea id="term-${i}" name="term" rows="2" maxlength="1000">${escapeHtml(term?.text ?? '')}</textarea>
<label for="term-date-${i}">${s.say(deskWords.performBy)}</label><input id="term-date-${i}" name="performBy" type="date" value="${escapeHtml(term?.performBy ?? '')}"></div>`;
  }).join('\n');
  return `<form id="terms" class="terms">
<h2>${s.say(deskWords.terms)}</h2>
<label for="facts">${s.say(deskWords.facts)}</label><textarea id="facts" name="facts" rows="4" maxlength="4000" required>${escapeHtml(drawn?.facts ?? '')}</textarea>
${rows}
<button type="submit">${s.say(deskWords.draw)}</button>
</form>`;
}

function signaturePads(s: Speaker, m: AgreementPageModel): string {
  if (m.missing.length === 0) return '';
  const [next] = m.missing;
  const stillToSign = `<p class="note">${s.say(deskWords.stillToSign)}: ${m.missing.map((x) => escapeHtml(x.label)).join('、')}</p>`;
  if (!m.maySign)
    return `<section class="signing" aria-labelledby="signing-title" data-signs="mediator">
<h2 id="signing-title">${s.say(deskWords.signatures)}</h2>
<p class="who-signs">${s.say(deskWords.mediatorSigns)}</p>
${stillToSign}
</section>`;
  return `<section class="signing" aria-labelledby="signing-title">
<h2 id="signing-title">${s.say(deskWords.signatures)}</h2>
<p class="note">${s.say(deskWords.inTurn)}</p>
<div class="pad" data-signer="${escapeHtml(next!.signer)}">
<p class="who">${escapeHtml(next!.label)}</p>
<canvas width="640" height="200" aria-label="${s.say(deskWords.pad, { who: next!.label })}" role="img"></canvas>
<div class="actions"><button type="button" class="secondary" data-clear>${s.say(deskWords.clear)}</button> <button type="button" data-sign>${s.say(deskWords.confirm)}</button></div>
</div>
${stillToSign}
</section>`;
}

/** What the script says on its own, in the console's language (`{n}`: the seconds until it asks again); its sign-in comes back to this desk. */
const scriptWords = (s: Speaker, caseId: string): string =>
  ` data-state-failed="${s.say('stateNotChecked', { n: '{n}' })}" data-session-ended="${s.say('sessionEnded')}" data-role-refused="${s.say('roleRefusedPolling')}" data-password-refused="${s.say('passwordRefusedPolling')}" data-change-password="${s.say(changePasswordLink)}" data-password-url="${consolePaths.password}" data-sign-in="${s.say('signInAgain')}" data-sign-in-url="${escapeHtml(signInReturningTo(agreementPagePath(caseId)))}" data-sign-first="${s.say(deskWords.signFirst)}" data-network-failed="${s.say(deskWords.networkFailed)}" data-refusal-url="${agreementPagePaths.refusal}"`;

/**
 * The draft as it will be printed, its parties masked or open, and the way to open them. The PDF
 * carries them in full (it is what is signed), so its link comes only once they are opened: one
 * click must not go round the recorded opening.
 */
function preview(s: Speaker, m: AgreementPageModel, who: SessionInfo, pdfLink: string): string {
  if (!m.current || m.signedDocumentId) return '';
  return `<section class="preview" aria-label="${s.say(deskWords.preview)}">
${partiesNote(s, m.revealed)}${openPartiesForm(s, who.role, agreementPagePath(m.case.caseId), m.revealed)}
${documentHtml(m.current.document, new Set(m.case.agreement?.signedBy ?? []), `<span class="signed" lang="${htmlLang(s.lang)}">${s.say(deskWords.signed)}</span>`)}${m.preparing || !m.revealed ? '' : `<p>${pdfLink}</p>`}</section>`;
}

export function agreementPage(m: AgreementPageModel, s: Speaker, who: SessionInfo): string {
  const c = m.case;
  const number = c.caseNumber ?? c.provisionalNumber ?? '';
  const documentLink = (documentId: string, label: Words) => `<a class="pdf" href="${escapeHtml(courtPath('getDocument', { caseId: c.caseId, documentId }))}">${s.say(label)}</a>`;
  const draft = preview(s, m, who, m.current ? documentLink(m.current.documentId, deskWords.previewPdf) : '');
  const work = `${m.current && !m.signedDocumentId ? signaturePads(s, m) : ''}${m.mayDraft ? termsForm(s, m.current?.terms ?? null) : ''}`;
  const body = `<p><a href="${escapeHtml(casePagePath(c.caseId))}">← ${s.say(deskWords.backToCase)} ${escapeHtml(number)}</a></p>
<h2 class="case-title">${s.say(deskWords.title)} <small>${escapeHtml(number)}</small></h2>
<div id="agreement" data-seq="${c.seq}" data-draft-url="${escapeHtml(courtPath('draftAgreement', { caseId: c.caseId }))}" data-sign-url="${escapeHtml(courtPath('signAgreement', { caseId: c.caseId }))}" data-state-url="${escapeHtml(courtPath('getAgreementState', { caseId: c.caseId }))}"${scriptWords(s, c.caseId)}>
<div id="problem" class="alert" role="alert" hidden></div>
${m.signedDocumentId ? `<p class="done" role="status">${s.say(deskWords.inEffect)} ${documentLink(m.signedDocumentId, deskWords.signedPdf)}</p>` : ''}
${m.preparing && !m.signedDocumentId ? `<p class="preparing" role="status" data-preparing>${s.say(deskWords.preparing)}</p>` : ''}
${draft || work ? `<div class="desk${draft && work ? ' beside' : ''}">${draft}${work ? `<div class="work">${work}</div>` : ''}</div>` : ''}
${!m.current && m.blocked && !m.signedDocumentId ? blockedNote(s, c, m.blocked) : ''}
</div>
<script src="${agreementPagePaths.signaturePad}"></script>
<script src="${agreementPagePaths.script}"></script>`;
  return consolePage(s, who, `${s.text(deskWords.title)} ${number}`, body, 'case', [agreementPagePaths.css]);
}

/** What the desk answers instead of the page (a role that may not see it or not open the parties in full; a case not in the caller's part), in the console's language. */
export function agreementRefusedPage(s: Speaker, who: SessionInfo, refusal: 'mayNotReadCases' | 'mayNotOpenParties' | 'notFound'): string {
  return consolePage(
    s,
    who,
    s.text(deskWords.title),
    `<p class="alert problem" role="alert" data-refused="${refusal}">${s.say(refusal)}</p><p><a href="${consolePaths.page}">${s.say('workList')}</a></p>`,
    'case',
  );
}

// The draft beside the pad and the form on a wide screen (the parties read what they sign while
// signing), one above the other on a narrow one; the document as wide as a page reads well.
export const agreementCss = `
.desk { display: grid; grid-template-columns: minmax(0, 64rem); gap: 1.5rem; align-items: start; }
@media (min-width: 75rem) { .desk.beside { grid-template-columns: minmax(0, 3fr) minmax(24rem, 2fr); } }
@media (min-width: 120rem) { .desk.beside { grid-template-columns: minmax(0, 64rem) minmax(28rem, 48rem); } }
.court-document { background: var(--surface); border: 1px solid var(--line); padding: 1.5rem 2rem; font-size: 1.15rem; line-height: 1.8; }
.court-document h2 { text-align: center; letter-spacing: .3em; margin: 0; }
.court-document .reference { text-align: right; margin: 0 0 1rem; }
.court-document p { white-space: pre-wrap; overflow-wrap: anywhere; text-indent: 2em; margin: .3rem 0; }
.court-document .closing { text-align: right; text-indent: 0; }
.court-document .places { list-style: none; padding: 0; }
.preview > .note, .preview > form { display: inline-block; margin: 0 1rem .75rem 0; vertical-align: middle; }
.preview > form button { margin: 0; }
.signed { color: var(--ok, #1b5e20); font-weight: 600; }
.work > :first-child, .work > :first-child h2 { margin-top: 0; }
.terms, .signing { margin-top: 1.5rem; }
textarea { width: 100%; font: inherit; padding: .6rem; border: 1px solid var(--field-border); border-radius: 4px; }
.term { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: .5rem; }
.pad canvas { display: block; width: 100%; height: 200px; background: #fff; border: 2px dashed var(--field-border); touch-action: none; }
.pad .who { font-size: 1.25rem; font-weight: 600; }
.who-signs { font-size: 1.15rem; line-height: 1.6; }
.secondary { background: var(--surface-alt); color: var(--ink); border: 1px solid var(--line); }
.alert { border: 2px solid #b71c1c; color: #b71c1c; padding: .75rem; margin-bottom: 1rem; background: var(--surface); }
.done, .preparing { font-size: 1.2rem; }
/* the step that leads on when nothing can be drafted yet: a big target, as a button reads */
.empty p { font-size: 1.15rem; line-height: 1.6; max-width: 48rem; }
a.next-step { display: inline-block; min-height: 2.75rem; padding: .6rem 1.2rem; border-radius: 4px; background: var(--accent); color: var(--on-accent); text-decoration: none; font-weight: 600; }
`;
