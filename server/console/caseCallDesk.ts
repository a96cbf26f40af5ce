import type { CaseCall, CaseCallDesk, CaseInvitation } from '../../shared/courtApi/caseDesk.js';
import { mayInviteToSession } from '../../shared/courtApi/caseDesk.js';
import { sessionCanTakePlace, type CaseKind, type CaseState } from '../../shared/cases/lifecycle.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { courtTime } from '../../shared/courtTime.js';
import { invitableRoles } from '../../shared/rooms/joining.js';
import { roomRoleLabels, type RoomRole } from '../../shared/rooms/roleTable.js';
import { healthSignal } from '../../shared/terminals/terminalHealth.js';
import { healthNames } from '../../shared/terminals/terminalWords.js';
import { escapeHtml } from '../web/html.js';
import { words, type Speaker } from './consoleWords.js';
import { casePagePath, consolePath, consolePaths, intakeDetailPath } from './paths.js';

// The case page's "video calls" side for the mediator about to hold a session: the terminal the
// party filed at and whether it is online now (the fleet's health, last heartbeat in court time),
// the case's answered calls, and for those who may invite, a form that issues a meeting code and
// join-page link into the call they are holding (shown once, with its expiry).

/** Why no invitation can be issued yet (the form's place, and a refused 409). */
export const inviteNeedsCall = words(
  '先接听当事人从终端发起的视频通话，再在这里邀请其他当事人（会议码只能进入您正在进行的通话）。',
  'Answer the party’s call from their terminal first, then invite others here (a meeting code only opens the call you are holding).',
);

const w = {
  filedAt: words('当事人提交申请的终端', 'The terminal the party filed at'),
  lastHeartbeat: words('最后心跳', 'last heartbeat'),
  noTerminal: words('本案不是在终端提交的。', 'This case was not filed at a terminal.'),
  // a 民特 or 民初 case is opened from its dispute, which holds the filing (the walk, s17 item 13)
  fromDispute: words('本案由 {case} 而来；当事人提交申请的终端和视频通话见该案。', 'This case comes from {case}; the terminal the party filed at and its video calls are shown there.'),
  answered: words('已接听的视频通话', 'Answered video calls'),
  noCalls: words('本案还没有已接听的视频通话。', 'This case has no answered video calls yet.'),
  ongoing: words('进行中', 'in progress'),
  invite: words('邀请当事人进入本次视频调解', 'Invite a party into this session'),
  inviteRole: words('邀请谁', 'Who to invite'),
  issue: words('生成会议码和链接', 'Issue a meeting code and link'),
  code: words('会议码', 'Meeting code'),
  link: words('加入链接', 'Join link'),
  expires: words('有效至', 'Valid until'),
  once: words('只显示这一次；会议码只能使用一次。请读给当事人或发送链接。', 'Shown only this once; the code works once. Read it to the party or send the link.'),
};

const minutes = (seconds: number | null) => (seconds === null ? null : Math.max(1, Math.ceil(seconds / 60)));

/** "12-05 14:30 · 王调解员 · 大厅一号机 · 被申请人 · 12 分钟": a call as the pick list and the list read it. */
export function callLabel(s: Speaker, c: CaseCall): string {
  const parts = [courtTime(c.answeredAt, 'minute'), c.mediatorName ?? c.mediator ?? '', c.terminalName ?? c.terminalId];
  for (const r of c.joinedRoles) parts.push(s.text(roomRoleLabels[r as RoomRole] ?? words(r, r)));
  const m = minutes(c.seconds);
  parts.push(c.endedAt === null ? s.text(w.ongoing) : s.text(words('{n} 分钟', '{n} min'), { n: m ?? 0 }));
  return parts.filter(Boolean).join(' · ');
}

/** The dispute a 民特 or 民初 case was opened from: where its filing, terminal and calls are. */
export interface CaseOrigin {
  caseId: string;
  label: string;
}

function terminalLine(s: Speaker, desk: CaseCallDesk, origin: CaseOrigin | null): string {
  const t = desk.terminal;
  if (!t && origin) {
    const [before, after] = s.say(w.fromDispute, { case: '{case}' }).split('{case}'); // the link goes where the words put the case
    return `<p class="note" data-origin="${escapeHtml(origin.caseId)}">${before}<a href="${escapeHtml(casePagePath(origin.caseId))}">${escapeHtml(origin.label)}</a>${after}</p>`;
  }
  if (!t) return `<p class="note">${s.say(w.noTerminal)}</p>`;
  // a terminal never heard from says so once ("未上报"), not "last heartbeat: never" beside it
  const beat = t.receivedAt ? ` · ${s.say(w.lastHeartbeat)} ${escapeHtml(courtTime(t.receivedAt, 'minute'))}` : '';
  const colon = s.lang === 'zh' ? '：' : ': ';
  return `<p data-terminal="${escapeHtml(t.terminalId)}">${s.say(w.filedAt)}${colon}${escapeHtml(t.name)}${t.siteName ? ` · ${escapeHtml(t.siteName)}` : ''}<br>
<span class="health ${healthSignal[t.health]}" data-health="${t.health}">${s.say(healthNames[t.health])}</span>${beat}</p>`;
}

function invitationShown(s: Speaker, i: CaseInvitation): string {
  return `<div class="alert ok" role="status" data-invitation="${escapeHtml(i.inviteId)}">
<p>${s.say(roomRoleLabels[i.role])} · ${s.say(w.code)} <strong class="invite-code" data-code>${escapeHtml(i.code)}</strong></p>
<p>${s.say(w.link)} <code class="free-text">${escapeHtml(i.link)}</code></p>
<p>${s.say(w.expires)} <time datetime="${escapeHtml(i.expiresAt)}">${escapeHtml(courtTime(i.expiresAt, 'minute'))}</time></p>
<p class="note">${s.say(w.once)}</p></div>`;
}

/** The form, or why there is none yet (the caller may invite: see callDeskSection). */
function inviteForm(s: Speaker, caseId: string, desk: CaseCallDesk): string {
  if (!desk.openCallId) return `<p class="note" data-invite="needs-call">${s.say(inviteNeedsCall)}</p>`;
  const options = invitableRoles.map((r) => `<option value="${r}">${s.say(roomRoleLabels[r])}</option>`).join('');
  return `<form method="post" action="${escapeHtml(consolePath(consolePaths.invite, { caseId }))}" data-invite="form">
<label for="invite-role">${s.say(w.inviteRole)}</label><select id="invite-role" name="role" required>${options}</select>
<button type="submit">${s.say(w.issue)}</button></form>`;
}

/**
 * `desk` null: the API did not answer; only the intake's link is shown. The invitation is offered
 * to those who may invite, and only while a mediation session can take place on the case.
 */
export function callDeskSection(
  s: Speaker,
  who: SessionInfo,
  c: { caseId: string; kind: CaseKind; state: CaseState; submissionId: string | null },
  desk: CaseCallDesk | null,
  invitation: CaseInvitation | null,
  origin: CaseOrigin | null = null,
): string {
  const { caseId, submissionId } = c;
  const intake = submissionId ? `<p><a href="${escapeHtml(intakeDetailPath(submissionId))}">${s.say('openIntake')}</a></p>` : '';
  if (!desk) return intake ? `<section aria-labelledby="calls-h"><h2 id="calls-h">${s.say('calls')}</h2>${intake}</section>` : '';
  const calls = desk.calls.length
    ? `<ol class="timeline" data-calls>${desk.calls.map((c) => `<li data-call="${escapeHtml(c.callId)}">${escapeHtml(callLabel(s, c))}</li>`).join('')}</ol>`
    : `<p class="note">${s.say(w.noCalls)}</p>`;
  return `<section aria-labelledby="calls-h"><h2 id="calls-h">${s.say('calls')}</h2>
${terminalLine(s, desk, origin)}
<h3>${s.say(w.answered)}</h3>${calls}
${mayInviteToSession(who.role) && sessionCanTakePlace(c.kind, c.state) ? `<h3>${s.say(w.invite)}</h3>${invitation ? invitationShown(s, invitation) : ''}${inviteForm(s, caseId, desk)}` : ''}
${intake}</section>`;
}
