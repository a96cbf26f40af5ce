import { channelLabels, kindLabels, stateLabels } from '../../shared/cases/caseLabels.js';
import { daysLeft } from '../../shared/cases/deadlines.js';
import type { CaseSummary } from '../../shared/courtApi/cases.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { courtTime } from '../../shared/courtTime.js';
import { disputeLabel } from '../../shared/disputeLabels.js';
import { escapeHtml } from '../web/html.js';
import { consolePage } from './consoleShell.js';
import type { Speaker } from './consoleWords.js';
import { casePagePath, consolePaths } from './paths.js';
import type { CaseNames } from './placeNames.js';
import type { WorkList } from './workLists.js';

// A role's work list and the search page: one table of cases, each row a link to its case page,
// deadlines in days (overdue in red and in words, so colour is never the only sign).

/** Days left, or days over; red only for the court's own limits (shared/cases/caseFile.ts deadlineStatus). */
export function deadlineCell(s: Speaker, deadline: { dueDate: string; overdue: boolean } | null, today: string): string {
  if (deadline === null) return s.say('noDeadline');
  const { dueDate, overdue } = deadline;
  const days = daysLeft(dueDate, today);
  const text = days < 0 ? s.say('overdueDays', { n: -days }) : days === 0 ? s.say('lastDay') : s.say('daysLeft', { n: days });
  return `<span class="due${overdue ? ' overdue' : ''}" data-days="${days}"><time datetime="${escapeHtml(dueDate)}">${escapeHtml(dueDate)}</time><br>${text}</span>`;
}

/** `names`: the organisation's and the mediator's names (a clerk knows a colleague by name, not by account). */
export function caseTable(s: Speaker, cases: CaseSummary[], today: string, caption: string, names: CaseNames): string {
  const rows = cases.map((c) => {
    const overdue = c.deadline?.overdue === true;
    const number = c.caseNumber ?? c.provisionalNumber ?? c.caseId.slice(0, 8);
    return `<tr data-case="${escapeHtml(c.caseId)}"${overdue ? ' class="overdue-row"' : ''}>
<td class="nowrap"><a href="${escapeHtml(casePagePath(c.caseId))}"><strong>${escapeHtml(number)}</strong></a>${c.caseNumber && c.provisionalNumber ? `<br><small>${escapeHtml(c.provisionalNumber)}</small>` : ''}</td>
<td>${s.say(stateLabels[c.state])}<br><small>${s.say(kindLabels[c.kind])}</small></td>
<td>${s.say(disputeLabel(c.disputeType))}</td>
<td>${escapeHtml(c.applicant ?? '—')}</td>
<td class="nowrap"><time datetime="${escapeHtml(c.receivedAt)}">${escapeHtml(courtTime(c.receivedAt, 'minute'))}</time><br><small>${c.channel ? s.say(channelLabels[c.channel]) : ''}</small></td>
<td>${escapeHtml(names.place(c.organisationId))}<br><small data-mediator>${escapeHtml(c.mediator ? names.person(c.mediator) : '')}</small></td>
<td>${deadlineCell(s, c.deadline, today)}</td>
</tr>`;
  });
  return `<table>
<caption class="note">${caption}</caption>
<thead><tr>
<th scope="col">${s.say('caseNumber')}</th>
<th scope="col">${s.say('state')}</th>
<th scope="col">${s.say('disputeType')}</th>
<th scope="col">${s.say('applicant')}</th>
<th scope="col">${s.say('received')}</th>
<th scope="col">${s.say('organisation')} / ${s.say('mediator')}</th>
<th scope="col">${s.say('deadline')}</th>
</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function searchForm(s: Speaker, q: string): string {
  return `<form class="search" method="get" action="${consolePaths.search}" role="search">
<div><label for="q">${s.say('search')}</label><input id="q" name="q" type="search" maxlength="100" value="${escapeHtml(q)}" aria-describedby="q-hint"></div>
<button type="submit">${s.say('search')}</button>
<p id="q-hint" class="note">${s.say('searchHint')}</p>
</form>`;
}

export function workListPage(s: Speaker, who: SessionInfo, list: WorkList, cases: CaseSummary[], today: string, mine: boolean, names: CaseNames): string {
  const tabs =
    who.role === 'mediator'
      ? `<ul class="tabs"><li><a href="${consolePaths.page}"${mine ? '' : ' aria-current="true"'}>${s.say('allOfOrganisation')}</a></li><li><a href="${consolePaths.page}?mine=1"${mine ? ' aria-current="true"' : ''}>${s.say('onlyMine')}</a></li></ul>`
      : '';
  const body = cases.length === 0 ? `<p class="empty">${s.say('nothingToDo')}</p>` : caseTable(s, cases, today, `${s.say(list.title)} · ${cases.length}`, names);
  return consolePage(s, who, s.text(list.title), `${searchForm(s, '')}<h2>${s.say(list.title)}</h2>${tabs}${body}`, 'work');
}

export function searchPage(s: Speaker, who: SessionInfo, q: string, cases: CaseSummary[] | null, today: string, names: CaseNames): string {
  const body = cases === null ? '' : cases.length === 0 ? `<p class="empty" role="status">${s.say('noMatch')}</p>` : caseTable(s, cases, today, `${s.say('searchResults')} · ${cases.length}`, names);
  return consolePage(s, who, s.text('search'), `<h2>${s.say('search')}</h2>${searchForm(s, q)}${body}`, 'search');
}
