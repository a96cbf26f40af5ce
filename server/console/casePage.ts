import { z } from 'zod';
import { isDeferred, type DeferrableField } from '../../shared/application.js';
import { channelLabels, choiceLabels, kindLabels, stateLabels } from '../../shared/cases/caseLabels.js';
import { documentLabel } from '../../shared/cases/documentLabel.js';
import { deadlineStatus, sessionStanding } from '../../shared/cases/caseFile.js';
import { courtDateOf } from '../../shared/cases/deadlines.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import type { CaseDetail, PartyView } from '../../shared/courtApi/cases.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { courtTime } from '../../shared/courtTime.js';
import { disputeLabel } from '../../shared/disputeLabels.js';
import { escapeHtml } from '../web/html.js';
import { actionForms, type ActionChoices, type TypedForm } from './actionForms.js';
import type { CaseCallDesk, CaseInvitation } from '../../shared/courtApi/caseDesk.js';
import { callDeskSection } from './caseCallDesk.js';
import { recordingsSection } from './caseRecordings.js';
import { timeline } from './caseTimeline.js';
import { consolePage } from './consoleShell.js';
import type { Speaker } from './consoleWords.js';
import type { CaseNames } from './placeNames.js';
import { agreementPagePath, casePagePath, consolePaths } from './paths.js';
import { openPartiesForm, partiesNote } from './partiesOpening.js';
import { deadlineCell } from './workListPage.js';
import { noticeHtml, type CaseNotice } from './notice.js';

// One case as staff work on it: what it is and where it stands, its parties (masked until opened,
// and the opening audited by the API), the application, every event as a timeline, documents,
// room recordings, linked cases, calls, and the forms of only the actions the caller may take now.

export type { CaseNotice } from './notice.js';

const partyRoleWords: Record<PartyView['role'], { zh: string; en: string }> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  respondent: { zh: '被申请人', en: 'Respondent' },
  agent: { zh: '代理人', en: 'Agent' },
  third_party: { zh: '第三人', en: 'Third party' },
};

const deadlineWords = { mediation: 'mediationDue', confirmation_apply: 'applyBy', ruling: 'rulingDue' } as const;
const sessionStatusWords = {
  scheduled: { zh: '已安排', en: 'Scheduled' },
  held: { zh: '已进行', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  not_held: { zh: '未进行', en: 'Not held' },
};

function facts(s: Speaker, d: CaseDetail, today: string, { place, person }: CaseNames, fromDispute: MediatedDispute | null): string {
  const c = d.case;
  const rows: [string, string][] = [
    [s.say('state'), `<strong>${s.say(stateLabels[c.state])}</strong> · ${s.say(kindLabels[c.kind])}`],
    [s.say('disputeType'), s.say(disputeLabel(c.disputeType))],
    [s.say('provisional'), escapeHtml(c.provisionalNumber ?? '—')],
    [s.say('received'), `${escapeHtml(courtTime(c.receivedAt, 'minute'))}${c.channel ? ` · ${s.say(channelLabels[c.channel])}` : ''}${c.siteId ? ` · ${escapeHtml(place(c.siteId))}` : ''}`],
  ];
  if (c.organisationId) rows.push([s.say('organisation'), `${escapeHtml(place(c.organisationId))}${c.mediator ? ` · ${escapeHtml(person(c.mediator))}` : ''}`]);
  else if (fromDispute?.organisationId) rows.push([s.say('organisation'), escapeHtml(place(fromDispute.organisationId))]);
  const due = deadlineStatus(c, today);
  if (due) rows.push([s.say(deadlineWords[due.kind]), deadlineCell(s, due, today)]);
  if (c.sessions.length > 0) {
    const list = c.sessions.map(
      (x) =>
        `<li>${escapeHtml(courtTime(x.startsAt, 'minute'))} · ${s.say(choiceLabels.sessionMode[x.mode])}${x.place ? ` · <span class="free-text">${escapeHtml(x.place)}</span>` : ''} · ${s.say(sessionStatusWords[sessionStanding(x, c.state)])}</li>`,
    );
    rows.push([s.say('sessions'), `<ul>${list.join('')}</ul>`]);
  }
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** The party columns a short application may leave to be asked, by the application's field names. */
const askedLater: Partial<Record<PartyView['role'], Partial<Record<'idNumber' | 'address', DeferrableField>>>> = {
  applicant: { idNumber: 'applicant.idNumber', address: 'applicant.address' },
  respondent: { address: 'respondents.address' },
};

function parties(s: Speaker, d: CaseDetail, who: SessionInfo): string {
  const revealed = d.parties.some((p) => p.revealed);
  // a value left to be asked (the short path) says so: "—" would read as none, and nobody would ask
  const cell = (p: PartyView, column: 'idNumber' | 'address') => {
    const value = p[column];
    if (value !== null) return escapeHtml(value);
    const field = askedLater[p.role]?.[column];
    return field && isDeferred(d, field) ? `<span class="to-be-asked">${s.say('toBeAsked')}</span>` : '—';
  };
  const rows = d.parties.map(
    (p) =>
      `<tr><td>${s.say(partyRoleWords[p.role])}</td><td>${escapeHtml(p.name)}</td><td>${cell(p, 'idNumber')}</td><td>${escapeHtml(p.phone ?? '—')}</td><td class="free-text">${cell(p, 'address')}</td></tr>`,
  );
  return `<section aria-labelledby="parties-h"><h2 id="parties-h">${s.say('parties')}</h2>
${partiesNote(s, revealed)}
<table><thead><tr><th scope="col">${s.say('role')}</th><th scope="col">${s.say('name')}</th><th scope="col">${s.say('idNumber')}</th><th scope="col">${s.say('phone')}</th><th scope="col">${s.say('address')}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>${openPartiesForm(s, who.role, casePagePath(d.case.caseId), revealed)}</section>`;
}

/**
 * What the page shows of a stored application: its claims and facts, read past any rule added
 * since it was filed (a name of digits, refused since session 13, must not hide them).
 */
const Statement = z.object({ claims: z.array(z.string()), facts: z.string() });

function application(s: Speaker, d: CaseDetail): string {
  const parsed = d.application === null ? null : Statement.safeParse(d.application);
  const body =
    parsed?.success === true
      ? `<h3>${s.say('claims')}</h3><ol>${parsed.data.claims.map((c) => `<li class="free-text">${escapeHtml(c)}</li>`).join('')}</ol><h3>${s.say('facts')}</h3><p class="free-text">${escapeHtml(parsed.data.facts)}</p>`
      : `<p class="note">${s.say('applicationClosed')}</p>`;
  return `<section aria-labelledby="application-h"><h2 id="application-h">${s.say('application')}</h2>${body}</section>`;
}

/**
 * The dispute a 民特 or 民初 case came from: the organisation that mediated it and its documents (the agreement the
 * judge rules on). Shown from the dispute itself: the organisation is not the 民特 case's own (its
 * scope stays the court's; a mediator does not see it).
 */
export interface MediatedDispute {
  caseId: string;
  label: string;
  organisationId: string | null;
  documents: CaseDetail['documents'];
}

/** The signed agreement and the ruling first: what the next person reads; drafts and signature images after. */
const documentOrder: Partial<Record<CaseDetail['documents'][number]['kind'], number>> = { agreement_signed: 0, ruling: 1, agreement_draft: 2, signature: 9 };

function documentList(s: Speaker, caseId: string, list: CaseDetail['documents'], events: CaseDetail['events']): string {
  return `<ul>${[...list]
    .sort((a, b) => (documentOrder[a.kind] ?? 5) - (documentOrder[b.kind] ?? 5))
    .map(
      (x) =>
        `<li><a href="${escapeHtml(courtPath('getDocument', { caseId, documentId: x.documentId }))}" data-kind="${escapeHtml(x.kind)}">${s.say(documentLabel(x, events))} v${x.version}</a> · ${escapeHtml(courtTime(x.createdAt, 'minute'))} · <small>sha256 ${escapeHtml(x.sha256.slice(0, 12))}…</small></li>`,
    )
    .join('')}</ul>`;
}

function documents(s: Speaker, d: CaseDetail, fromDispute: MediatedDispute | null): string {
  const agreement = ['in_mediation', 'settled', 'agreement_signed'].includes(d.case.state) ? `<p><a href="${escapeHtml(agreementPagePath(d.case.caseId))}">${s.say('agreement')}</a></p>` : '';
  const own =
    d.documents.length === 0 && !fromDispute?.documents.length ? `<p class="note">${s.say('noDocuments')}</p>` : d.documents.length ? documentList(s, d.case.caseId, d.documents, d.events) : '';
  const carried = fromDispute?.documents.length
    ? `<h3 data-from="${escapeHtml(fromDispute.caseId)}">${s.say('disputeDocuments')} <a href="${escapeHtml(casePagePath(fromDispute.caseId))}">${escapeHtml(fromDispute.label)}</a></h3>${documentList(s, fromDispute.caseId, fromDispute.documents, [])}`
    : '';
  return `<section aria-labelledby="documents-h"><h2 id="documents-h">${s.say('documents')}</h2>${agreement}${own}${carried}</section>`;
}

export function casePage(
  s: Speaker,
  who: SessionInfo,
  d: CaseDetail,
  choices: ActionChoices,
  now: Date,
  notice: CaseNotice | null,
  names: CaseNames,
  typed: TypedForm | null = null,
  fromDispute: MediatedDispute | null = null,
  desk: CaseCallDesk | null = null,
  invitation: CaseInvitation | null = null,
): string {
  const today = courtDateOf(now);
  const c = d.case;
  const title = c.caseNumber ?? c.provisionalNumber ?? s.text('noNumberYet');
  const alert = noticeHtml(notice);
  // a 民特 or 民初 case names the dispute it came from (its filing, terminal and calls are there)
  const originCase = c.kind === 'dispute' ? null : (fromDispute ?? d.linked.find((l) => l.kind === 'dispute') ?? null);
  const origin = originCase ? { caseId: originCase.caseId, label: 'label' in originCase ? originCase.label : (originCase.caseNumber ?? originCase.provisionalNumber ?? originCase.caseId) } : null;
  // a short list: the side column has no room for the work list's table
  const linked =
    d.linked.length > 0
      ? `<section aria-labelledby="linked-h"><h2 id="linked-h">${s.say('linked')}</h2><ul>${d.linked
          .map(
            (l) =>
              `<li data-case="${escapeHtml(l.caseId)}"><a href="${escapeHtml(casePagePath(l.caseId))}">${escapeHtml(l.caseNumber ?? l.provisionalNumber ?? l.caseId)}</a> · ${s.say(kindLabels[l.kind])} · ${s.say(stateLabels[l.state])}</li>`,
          )
          .join('')}</ul></section>`
      : '';
  return consolePage(
    s,
    who,
    title,
    `<p><a href="${consolePaths.page}">← ${s.say('workList')}</a></p>
<h2 class="case-title" data-state="${c.state}" data-seq="${c.seq}">${escapeHtml(title)}</h2>
${alert}
<div class="columns">
<div>
${facts(s, d, today, names, fromDispute)}
${parties(s, d, who)}
${application(s, d)}
${timeline(s, d.events, names)}
</div>
<div>
<section aria-labelledby="actions-h"><h2 id="actions-h">${s.say('actions')}</h2>${actionForms(s, d, choices, typed)}</section>
${documents(s, d, fromDispute)}
${recordingsSection(s, who, c.caseId, d.events)}
${linked}
${callDeskSection(s, who, c, desk, invitation, origin)}
</div>
</div>`,
    'case',
  );
}
