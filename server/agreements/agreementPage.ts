import type { CourtDocument } from '../../shared/agreements/courtDocument.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import type { AgreementTerms } from '../../shared/agreements/mediationAgreement.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { consolePage } from '../console/consoleShell.js';
import type { Speaker } from '../console/consoleWords.js';
import { casePagePath, consolePaths } from '../console/paths.js';
import { bi, escapeHtml } from '../web/html.js';

// The mediator's desk page for one case's agreement (/console/cases/:caseId/agreement): write the
// facts and terms, read the draft as it will be printed (the same layout the PDF is drawn from,
// every value escaped), and take each signer's handwritten signature on a pad (touch or mouse),
// the parties first and the mediator last; once all have signed, the signed agreement's link when
// it is stored (until then the page says it is being prepared, and asks until it is). Its one script
// posts to the court API; no inline script.

export const agreementPagePaths = {
  page: '/console/cases/:caseId/agreement',
  script: '/console/agreement.js',
  signaturePad: '/console/signature_pad.js',
  css: '/console/agreement.css',
} as const;

export const agreementPagePath = (caseId: string): string => `/console/cases/${encodeURIComponent(caseId)}/agreement`;

/** How many term rows the form offers (MAX_TERMS is the rule's limit; a desk rarely needs more). */
const TERM_ROWS = 6;

/** A court document as HTML: its layout, every text escaped (text with markup stays text). */
export function documentHtml(d: CourtDocument, signed: ReadonlySet<string> = new Set()): string {
  const blocks = d.blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return `<h3>${escapeHtml(b.text)}</h3>`;
      case 'paragraph':
        return `<p>${escapeHtml(b.text)}</p>`;
      case 'clause':
        return `<p class="clause"><span class="number">${b.number}.</span> ${escapeHtml(b.text)}</p>`;
      case 'signatures':
        return `<ul class="places">${b.places.map((p) => `<li>${escapeHtml(p.label)} ${signed.has(p.signer) ? `<span class="signed">${bi('已签名', 'signed')}</span>` : ''}</li>`).join('')}</ul>`;
      case 'closing':
        return `<p class="closing">${b.lines.map(escapeHtml).join('<br>')}</p>`;
    }
  });
  return `<article class="court-document" lang="zh-CN"><h2>${escapeHtml(d.title)}</h2>${d.reference ? `<p class="reference">${escapeHtml(d.reference)}</p>` : ''}${blocks.join('\n')}</article>`;
}

export interface AgreementPageModel {
  staff: string;
  case: CaseFile;
  /** The draft being signed, if any. */
  current: { documentId: string; document: CourtDocument; terms: AgreementTerms } | null;
  missing: Array<{ signer: string; label: string }>;
  /** The signed agreement once completed. */
  signedDocumentId: string | null;
  /** Everyone has signed and the signed agreement is being drawn (the page looks again until it is stored). */
  preparing: boolean;
  mayDraft: boolean;
}

/** The terms form, holding what the mediator last drew (a redraw starts from it, never from nothing). */
function termsForm(drawn: AgreementTerms | null): string {
  const rows = Array.from({ length: Math.max(TERM_ROWS, drawn?.terms.length ?? 0) }, (_, i) => {
    const term = drawn?.terms[i];
    return `<div class="term"><label for="term-${i}">${bi(`第${i + 1}条`, `Term ${i + 1}`)}</label><textarea id="term-${i}" name="term" rows="2" maxlength="1000">${escapeHtml(term?.text ?? '')}</textarea>
<label for="term-date-${i}">${bi('履行期限', 'Perform by')}</label><input id="term-date-${i}" name="performBy" type="date" value="${escapeHtml(term?.performBy ?? '')}"></div>`;
  }).join('\n');
  return `<form id="terms" class="terms">
<h2>${bi('协议内容', 'Terms')}</h2>
<label for="facts">${bi('纠纷事实', 'Facts')}</label><textarea id="facts" name="facts" rows="4" maxlength="4000" required>${escapeHtml(drawn?.facts ?? '')}</textarea>
${rows}
<button type="submit">${bi('生成协议预览', 'Draw the agreement')}</button>
</form>`;
}

function signaturePads(m: AgreementPageModel): string {
  if (m.missing.length === 0) return '';
  const [next] = m.missing;
  return `<section class="signing" aria-labelledby="signing-title">
<h2 id="signing-title">${bi('签名', 'Signatures')}</h2>
<p class="note">${bi('请当事人依次签名，调解员最后签名。', 'Each party signs in turn; the mediator signs last.')}</p>
<div class="pad" data-signer="${escapeHtml(next!.signer)}">
<p class="who">${escapeHtml(next!.label)}</p>
<canvas width="640" height="200" aria-label="${escapeHtml(`${next!.label} 签名区 signature pad`)}" role="img"></canvas>
<div class="actions"><button type="button" class="secondary" data-clear>${bi('重写', 'Clear')}</button> <button type="button" data-sign>${bi('确认签名', 'Confirm signature')}</button></div>
</div>
<p class="note">${bi('待签名', 'Still to sign')}: ${m.missing.map((s) => escapeHtml(s.label)).join('、')}</p>
</section>`;
}

/** What the script says when its poll fails, in the console's language (`{n}`: the seconds until it asks again). */
const pollWords = (s: Speaker): string =>
  ` data-state-failed="${s.say('stateNotChecked', { n: '{n}' })}" data-session-ended="${s.say('sessionEnded')}" data-access-ended="${s.say('accessEnded')}" data-sign-in="${s.say('signInAgain')}" data-sign-in-url="${consolePaths.page}"`;

export function agreementPage(m: AgreementPageModel, s: Speaker, who: SessionInfo): string {
  const c = m.case;
  const number = c.caseNumber ?? c.provisionalNumber ?? '';
  const documentLink = (documentId: string, zh: string, en: string) => `<a class="pdf" href="${escapeHtml(courtPath('getDocument', { caseId: c.caseId, documentId }))}">${bi(zh, en)}</a>`;
  const body = `<p><a href="${escapeHtml(casePagePath(c.caseId))}">← ${bi('返回案件', 'Back to the case')} ${escapeHtml(number)}</a></p>
<h2 class="case-title">${bi('调解协议书', 'Mediation agreement')} <small>${escapeHtml(number)}</small></h2>
<div id="agreement" data-seq="${c.seq}" data-draft-url="${escapeHtml(courtPath('draftAgreement', { caseId: c.caseId }))}" data-sign-url="${escapeHtml(courtPath('signAgreement', { caseId: c.caseId }))}" data-state-url="${escapeHtml(courtPath('getAgreementState', { caseId: c.caseId }))}"${pollWords(s)}>
<div id="problem" class="alert" role="alert" hidden></div>
${m.signedDocumentId ? `<p class="done" role="status">${bi('各方已签名，协议已生效。', 'Everyone has signed; the agreement is in effect.')} ${documentLink(m.signedDocumentId, '下载已签署协议（PDF）', 'Signed agreement (PDF)')}</p>` : ''}
${m.preparing && !m.signedDocumentId ? `<p class="preparing" role="status" data-preparing>${bi('各方已签名，正在生成已签署的协议，请稍候……', 'Everyone has signed; the signed agreement is being prepared…')}</p>` : ''}
${m.current && !m.signedDocumentId ? `<section class="preview" aria-label="预览 Preview">${documentHtml(m.current.document, new Set(c.agreement?.signedBy ?? []))}${m.preparing ? '' : `<p>${documentLink(m.current.documentId, '下载预览（PDF）', 'Preview (PDF)')}</p>`}</section>` : ''}
${m.current && !m.signedDocumentId ? signaturePads(m) : ''}
${m.mayDraft ? termsForm(m.current?.terms ?? null) : ''}
${!m.current && !m.mayDraft && !m.signedDocumentId ? `<p class="empty">${bi('此案件目前不能起草调解协议。', 'No agreement can be drafted for this case now.')}</p>` : ''}
</div>
<script src="${agreementPagePaths.signaturePad}"></script>
<script src="${agreementPagePaths.script}"></script>`;
  return consolePage(s, who, `${s.text({ zh: '调解协议书', en: 'Mediation agreement' })} ${number}`, body, 'case', [agreementPagePaths.css]);
}

export const agreementCss = `
.court-document { background: var(--surface); border: 1px solid var(--line); padding: 1.5rem 2rem; max-width: 48rem; font-size: 1.15rem; line-height: 1.8; }
.court-document h2 { text-align: center; letter-spacing: .3em; margin: 0; }
.court-document .reference { text-align: right; margin: 0 0 1rem; }
.court-document p { white-space: pre-wrap; overflow-wrap: anywhere; text-indent: 2em; margin: .3rem 0; }
.court-document .closing { text-align: right; text-indent: 0; }
.court-document .places { list-style: none; padding: 0; }
.signed { color: var(--ok, #1b5e20); font-weight: 600; }
.terms, .signing { max-width: 48rem; margin-top: 1.5rem; }
textarea { width: 100%; font: inherit; padding: .6rem; border: 1px solid var(--field-border); border-radius: 4px; }
.term { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: .5rem; }
.pad canvas { display: block; width: 100%; max-width: 640px; height: 200px; background: #fff; border: 2px dashed var(--field-border); touch-action: none; }
.pad .who { font-size: 1.25rem; font-weight: 600; }
.secondary { background: var(--surface-alt); color: var(--ink); border: 1px solid var(--line); }
.secondary .en { color: var(--ink); }
.alert { border: 2px solid #b71c1c; color: #b71c1c; padding: .75rem; margin-bottom: 1rem; background: var(--surface); }
.done, .preparing { font-size: 1.2rem; }
`;
