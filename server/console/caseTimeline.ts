import { choiceLabels, eventLabel, recordingFileLabels, recordingStopLabels, roleLabels, type Words } from '../../shared/cases/caseLabels.js';
import type { CaseEventView } from '../../shared/courtApi/cases.js';
import { courtTime } from '../../shared/courtTime.js';
import { staffRoles, type StaffRole } from '../../shared/staff/roles.js';
import { escapeHtml } from '../web/html.js';
import type { Speaker } from './consoleWords.js';
import type { CaseNames } from './placeNames.js';

// A case's events as the case page lists them, oldest first: what happened, when, who did it as a
// person reads it (the name recorded with the event: server/cases/actorNames.ts), where, and the
// details the next person needs.

const signerWords: Record<string, Words> = {
  mediator: { zh: '调解员签名', en: 'Signed by the mediator' },
  applicant: { zh: '申请人签名', en: 'Signed by the applicant' },
  respondent: { zh: '被申请人签名', en: 'Signed by the respondent' },
  agent: { zh: '代理人签名', en: 'Signed by the agent' },
  third_party: { zh: '第三人签名', en: 'Signed by the third party' },
};

const systemWords: Words = { zh: '系统（按规则自动记录）', en: 'The system (recorded by rule)' };

/** "李书记员（立案人员）" / "Li (Filing clerk)": a name and what stands beside it. */
function withAside(s: Speaker, name: string, aside: string | null): string {
  if (!aside) return name;
  return s.lang === 'zh' ? `${name}（${aside}）` : `${name} (${aside})`;
}

/**
 * Who appended an event, escaped. Staff: the display name recorded with the event and their role.
 * A terminal: its recorded name and site. Events from before names were recorded fall back to a
 * mediator's current name, the event's site, or else the account or terminal id.
 */
export function actorLabel(s: Speaker, e: CaseEventView, names: CaseNames): string {
  const a = e.actor;
  if (a.kind === 'staff') {
    const role = (staffRoles as readonly string[]).includes(a.role ?? '') ? s.say(roleLabels[a.role as StaffRole]) : escapeHtml(a.role ?? '');
    return withAside(s, escapeHtml(a.name ?? names.person(a.username ?? '')), role || null);
  }
  if (a.kind === 'terminal') {
    const site = a.siteName ?? (e.siteId ? names.place(e.siteId) : null);
    return withAside(s, escapeHtml(a.name ?? a.terminalId ?? ''), site ? escapeHtml(site) : null);
  }
  return s.say(systemWords);
}

/** A line of what an event carried, for the events whose details matter to the next person. */
function eventDetail(s: Speaker, e: CaseEventView, { place, person }: CaseNames): string {
  const p = (e.payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const parts: string[] = [];
  if (str(p.caseNumber)) parts.push(escapeHtml(str(p.caseNumber)));
  // the names recorded with the event (server/cases/actorNames.ts); older events: the current name
  if (str(p.organisationId)) parts.push(escapeHtml(str(p.organisationName) || place(str(p.organisationId))));
  if (str(p.mediator)) parts.push(escapeHtml(str(p.mediatorName) || person(str(p.mediator))));
  if (str(p.judge)) parts.push(escapeHtml(str(p.judgeName) || person(str(p.judge))));
  if (str(p.siteId)) parts.push(escapeHtml(str(p.siteName) || place(str(p.siteId))));
  if (str(p.startsAt)) parts.push(escapeHtml(courtTime(str(p.startsAt), 'minute')));
  if (p.mode === 'video' || p.mode === 'in_person') parts.push(s.say(choiceLabels.sessionMode[p.mode]));
  if (str(p.place)) parts.push(escapeHtml(str(p.place)));
  if (typeof p.minutes === 'number') parts.push(s.say({ zh: `${p.minutes} 分钟`, en: `${p.minutes} min` }));
  // who signed the agreement: a party by role, or the mediator
  const signer = p.signer as { role?: unknown } | undefined;
  if (e.type === 'agreement.signed' && typeof signer?.role === 'string') parts.push(s.say(signerWords[signer.role] ?? { zh: signer.role, en: signer.role }));
  // why a recording stopped, and whether its file was kept (the Recordings section says the same)
  if (e.type === 'recording.stopped') {
    const cause = recordingStopLabels[str(p.cause) as keyof typeof recordingStopLabels];
    if (cause) parts.push(s.say(cause));
    if (p.sha256 === null) parts.push(s.say(recordingFileLabels.noFile));
    else if (p.cause === 'interrupted') parts.push(s.say(recordingFileLabels.keptPart));
  }
  if (str(p.newDueDate)) parts.push(escapeHtml(str(p.newDueDate)));
  if (str(p.mediationDueDate)) parts.push(escapeHtml(str(p.mediationDueDate)));
  const notes = str(p.notes) || str(p.text);
  return `${parts.length ? `<div>${parts.join(' · ')}</div>` : ''}${notes ? `<div class="free-text">${escapeHtml(notes)}</div>` : ''}`;
}

/** "操作人：" / "By: ": a label and its colon in the page's language. */
export const labelled = (s: Speaker, label: string): string => `${label}${s.lang === 'zh' ? '：' : ': '}`;

export function timeline(s: Speaker, events: CaseEventView[], names: CaseNames): string {
  const items = events.map((e) => {
    // a terminal's site is already beside its name
    const site = e.siteId && e.actor.kind !== 'terminal' ? ` · ${labelled(s, s.say('site'))}${escapeHtml(names.place(e.siteId))}` : '';
    return `<li data-event="${escapeHtml(e.type)}"><div class="what">${s.say(eventLabel(e.type, e.payload))}</div>
<div class="meta"><time datetime="${escapeHtml(e.at)}">${escapeHtml(courtTime(e.at, 'minute'))}</time> · ${labelled(s, s.say('actor'))}<span class="actor">${actorLabel(s, e, names)}</span>${site}</div>
${eventDetail(s, e, names)}${e.reason ? `<div>${labelled(s, s.say('reason'))}<span class="free-text">${escapeHtml(e.reason)}</span></div>` : ''}</li>`;
  });
  return `<section aria-labelledby="timeline-h"><h2 id="timeline-h">${s.say('timeline')}</h2><ol class="timeline">${items.join('\n')}</ol></section>`;
}
