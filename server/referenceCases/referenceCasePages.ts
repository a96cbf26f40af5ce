import type { Words } from '../../shared/cases/caseLabels.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { courtTime } from '../../shared/courtTime.js';
import { disputeLabels } from '../../shared/disputeLabels.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { REFERENCE_TEXT_MAX, REFERENCE_TITLE_MAX, type ReferenceCase, type ReferenceCaseFields } from '../../shared/referenceCases/referenceCase.js';
import { consolePage } from '../console/consoleShell.js';
import { words as w, type Speaker } from '../console/consoleWords.js';
import type { FieldLabels } from '../console/notice.js';
import { escapeHtml } from '../web/html.js';

// The library's console pages: the list (with a form for a new case) and one case's edit form with
// its publish switch. Every stored text is escaped here; the pages load no script.

export const referenceCasePaths = {
  list: '/console/reference-cases',
  create: '/console/reference-cases/new',
  one: '/console/reference-cases/:referenceCaseId',
  publication: '/console/reference-cases/:referenceCaseId/publication',
} as const;
export const referenceCasePath = (id: string, publication = false): string => `${referenceCasePaths.list}/${encodeURIComponent(id)}${publication ? '/publication' : ''}`;

export const L = {
  library: w('典型案例库', 'Reference cases'),
  newCase: w('新增典型案例', 'New reference case'),
  title: w('标题', 'Title'),
  titleEn: w('标题（英文，可选）', 'Title (English, optional)'),
  disputeType: w('纠纷类型', 'Dispute type'),
  facts: w('基本案情', 'Facts'),
  factsEn: w('基本案情（英文，可选）', 'Facts (English, optional)'),
  outcome: w('处理结果', 'Outcome'),
  outcomeEn: w('处理结果（英文，可选）', 'Outcome (English, optional)'),
  legalBasis: w('法律依据', 'Legal basis'),
  legalBasisEn: w('法律依据（英文，可选）', 'Legal basis (English, optional)'),
  status: w('状态', 'Status'),
  published: w('已发布', 'Published'),
  draft: w('未发布', 'Not published'),
  publish: w('发布', 'Publish'),
  withdraw: w('撤回发布', 'Withdraw'),
  save: w('保存', 'Save'),
  create: w('创建', 'Create'),
  edit: w('编辑', 'Edit'),
  version: w('版本', 'Version'),
  updated: w('最后修改', 'Last changed'),
  none: w('暂无典型案例。', 'No reference cases yet.'),
  choose: w('请选择', 'Choose'),
  back: w('返回案例库', 'Back to the library'),
  saved: w('已保存。', 'Saved.'),
};

/** The form's fields by the API's names: a refused field is named by its label (console/notice.ts). */
export const referenceFieldLabels: FieldLabels = {
  title: L.title,
  titleEn: L.titleEn,
  disputeType: L.disputeType,
  facts: L.facts,
  factsEn: L.factsEn,
  outcome: L.outcome,
  outcomeEn: L.outcomeEn,
  legalBasis: L.legalBasis,
  legalBasisEn: L.legalBasisEn,
};

export interface PageNotice {
  kind: 'ok' | 'problem';
  text: string;
}

const notice = (n: PageNotice | null) => (n ? `<p class="alert ${n.kind}" role="${n.kind === 'problem' ? 'alert' : 'status'}">${escapeHtml(n.text)}</p>` : '');

type Draft = Partial<Record<keyof ReferenceCaseFields, string | null>>;

function fieldsForm(s: Speaker, action: string, prefix: string, value: Draft, submit: Words, version: number | null): string {
  const text = (name: keyof ReferenceCaseFields, label: Words, required: boolean, long: boolean) => {
    const id = `${prefix}-${name}`;
    const v = escapeHtml(value[name] ?? '');
    const req = required ? ' required' : '';
    return long
      ? `<label for="${id}">${s.say(label)}</label><textarea id="${id}" name="${name}" maxlength="${REFERENCE_TEXT_MAX}"${req}>${v}</textarea>`
      : `<label for="${id}">${s.say(label)}</label><input id="${id}" name="${name}" maxlength="${REFERENCE_TITLE_MAX}" autocomplete="off"${req} value="${v}">`;
  };
  const types = disputeTypes.map((t) => `<option value="${t}"${value.disputeType === t ? ' selected' : ''}>${escapeHtml(disputeLabels[t][s.lang])}</option>`).join('');
  return `<form method="post" action="${escapeHtml(action)}" class="reference-form">
${version !== null ? `<input type="hidden" name="expectedVersion" value="${version}">` : ''}
${text('title', L.title, true, false)}
${text('titleEn', L.titleEn, false, false)}
<label for="${prefix}-disputeType">${s.say(L.disputeType)}</label><select id="${prefix}-disputeType" name="disputeType" required><option value="">${s.say(L.choose)}</option>${types}</select>
${text('facts', L.facts, true, true)}
${text('factsEn', L.factsEn, false, true)}
${text('outcome', L.outcome, true, true)}
${text('outcomeEn', L.outcomeEn, false, true)}
${text('legalBasis', L.legalBasis, true, true)}
${text('legalBasisEn', L.legalBasisEn, false, true)}
<button type="submit">${s.say(submit)}</button>
</form>`;
}

function publishForm(s: Speaker, c: ReferenceCase): string {
  return `<form class="inline" method="post" action="${escapeHtml(referenceCasePath(c.referenceCaseId, true))}">
<input type="hidden" name="published" value="${c.published ? 'false' : 'true'}"><input type="hidden" name="expectedVersion" value="${c.version}">
<button type="submit">${s.say(c.published ? L.withdraw : L.publish)}<span class="visually-hidden"> ${escapeHtml(c.title)}</span></button></form>`;
}

export function libraryPage(s: Speaker, who: SessionInfo, m: { cases: ReferenceCase[]; notice: PageNotice | null; draft: Draft }): string {
  const rows = m.cases.map(
    (c) =>
      `<tr data-reference-case="${escapeHtml(c.referenceCaseId)}"><td><a href="${escapeHtml(referenceCasePath(c.referenceCaseId))}">${escapeHtml(c.title)}</a></td><td>${escapeHtml(disputeLabels[c.disputeType][s.lang])}</td><td>${s.say(c.published ? L.published : L.draft)}</td><td>${c.version}</td><td>${escapeHtml(courtTime(c.updatedAt, 'minute'))} · ${escapeHtml(c.updatedBy)}</td><td>${publishForm(s, c)}</td></tr>`,
  );
  const table = m.cases.length
    ? `<table><caption class="note">${s.say(L.library)} · ${m.cases.length}</caption><thead><tr><th scope="col">${s.say(L.title)}</th><th scope="col">${s.say(L.disputeType)}</th><th scope="col">${s.say(L.status)}</th><th scope="col">${s.say(L.version)}</th><th scope="col">${s.say(L.updated)}</th><th scope="col"><span class="visually-hidden">${s.say(L.publish)}</span></th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`
    : `<p>${s.say(L.none)}</p>`;
  return consolePage(
    s,
    who,
    s.text(L.library),
    `<h2>${s.say(L.library)}</h2>${notice(m.notice)}
${table}
<h3>${s.say(L.newCase)}</h3>
<div class="admin-forms">${fieldsForm(s, referenceCasePaths.create, 'new', m.draft, L.create, null)}</div>`,
    'library',
  );
}

export function referenceCasePage(s: Speaker, who: SessionInfo, m: { referenceCase: ReferenceCase; notice: PageNotice | null; draft?: Draft }): string {
  const c = m.referenceCase;
  return consolePage(
    s,
    who,
    `${c.title} · ${s.text(L.library)}`,
    `<p><a href="${referenceCasePaths.list}">${s.say(L.back)}</a></p>
<h2>${s.say(L.edit)}: ${escapeHtml(c.title)}</h2>${notice(m.notice)}
<p>${s.say(L.status)}: <strong>${s.say(c.published ? L.published : L.draft)}</strong> · ${s.say(L.version)} ${c.version} · ${s.say(L.updated)} ${escapeHtml(courtTime(c.updatedAt, 'minute'))} · ${escapeHtml(c.updatedBy)} ${publishForm(s, c)}</p>
<div class="admin-forms">${fieldsForm(s, referenceCasePath(c.referenceCaseId), 'edit', m.draft ?? c, L.save, c.version)}</div>`,
    'library',
  );
}
