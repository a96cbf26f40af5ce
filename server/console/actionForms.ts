import { choiceLabels, eventLabels, type Words } from '../../shared/cases/caseLabels.js';
import type { CommandType } from '../../shared/cases/caseCommands.js';
import { MEDIATION_EXTENSION_MAX_DAYS, RULING_EXTENSION_DAYS } from '../../shared/cases/deadlines.js';
import { closeCausesFor } from '../../shared/cases/lifecycle.js';
import { callHoldsSession } from '../../shared/cases/caseRules.js';
import type { CaseCall } from '../../shared/courtApi/caseDesk.js';
import type { CaseDetail } from '../../shared/courtApi/cases.js';
import { courtTime, COURT_UTC_OFFSET_MINUTES } from '../../shared/courtTime.js';
import { disputeLabel } from '../../shared/disputeLabels.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { escapeHtml } from '../web/html.js';
import { words as w, type Speaker } from './consoleWords.js';
import { callLabel } from './caseCallDesk.js';
import { casePagePath, consolePath, consolePaths } from './paths.js';

// The small form of each action staff take on a case page, and how its fields become the action's
// payload. Which actions appear is the API's answer (the lifecycle table, the role, the scope);
// whether a payload is right is the API's schema (shared/cases/caseCommands.ts): a form only
// gathers the fields, and a refusal comes back with the fields to fix.

/** The people and places an action can name. */
export interface ActionChoices {
  organisations: { id: string; name: string; mediators: { username: string; displayName: string; active?: boolean }[] }[];
  sites: { id: string; name: string }[];
  /** The case's answered calls, newest first: the session-held form's pick list. */
  calls: CaseCall[];
}

type Fields = Record<string, string | undefined>;

/** Actions offered as forms here; the agreement's own steps are on its page, rooms and recordings come from calls. */
const formActions = [
  'case.diverted',
  'case.filed_directly',
  'mediator.assigned',
  'session.scheduled',
  'session.held',
  'session.cancelled',
  'mediation.extended',
  'mediation.settled',
  'mediation.failed',
  'mediation.withdrawn',
  'confirmation.applied',
  'confirmation.extended',
  'confirmation.confirmed',
  'confirmation.refused',
  'case.filed_as_lawsuit',
  'case.closed',
  'case.reopened',
  'case.reclassified',
  'note.added',
] as const satisfies readonly CommandType[];
type FormAction = (typeof formActions)[number];
const isFormAction = (t: string): t is FormAction => (formActions as readonly string[]).includes(t);

const L = {
  organisation: w('调解组织', 'Mediation organisation'),
  mediator: w('调解员', 'Mediator'),
  consent: w('调解同意的方式', 'How the resident consented to mediation'),
  filedReason: w('直接立案的原因', 'Why it is filed directly'),
  startsAt: w('时间（北京时间）', 'Date and time (UTC+8)'),
  mode: w('方式', 'How'),
  place: w('地点', 'Place'),
  site: w('站点', 'Site'),
  session: w('调解场次', 'Session'),
  minutes: w('时长（分钟）', 'Length (minutes)'),
  notes: w('调解情况与结果', 'Outcome and notes'),
  callId: w('举行本场调解的视频通话', 'The video call it was held on'),
  callIdOther: w('或输入通话编号（仅限上面列表中没有的通话）', 'Or type a call id (only for a call not listed above)'),
  noCall: w('不关联视频通话（现场调解）', 'No video call (held in person)'),
  noCallsYet: w('本案还没有接通过的视频通话：现场调解选“不关联视频通话”。', 'This case has no answered video call yet: for a session held in person, choose “No video call”.'),
  callsAllHeld: w(
    '本案的视频通话都已记为调解场次，不再列出（一次通话只算一场）：现场调解选“不关联视频通话”。',
    'Every video call of this case is already recorded as a session, so none is listed (one call, one session): for a session held in person, choose “No video call”.',
  ),
  someCallsHeld: w('已记为调解场次的视频通话不再列出（一次通话只算一场）。', 'Calls already recorded as a session are not listed (one call, one session).'),
  days: w('延长天数', 'Days added'),
  agreedApplicant: w('申请人同意延长', 'The applicant agreed'),
  agreedRespondent: w('被申请人同意延长', 'The respondent agreed'),
  agreedBy: w('双方同意（只能延长一次）', 'Both parties agree (one extension only)'),
  cause: w('原因', 'Cause'),
  ruling: w('裁定书', 'The ruling document'),
  drawRuling: w('按法院模板生成裁定书（说明写入裁定理由）', "Draw the ruling from the court's template (the reason below becomes its reasons)"),
  reopenCause: w('恢复原因', 'Why'),
  recordedInError: w('结果登记有误', 'The outcome was recorded in error'),
  resumed: w('当事人同意继续调解', 'The parties resume mediation'),
  disputeType: w('纠纷类型', 'Dispute type'),
  note: w('备注内容', 'Note'),
  reason: w('说明', 'Reason'),
  reasonRequired: w('说明（必填）', 'Reason (required)'),
  noSession: w('不关联场次', 'No particular session'),
  assignee: w('调解组织与调解员', 'Organisation and mediator'),
  assigneeHint: w('每个调解组织下列出它自己的调解员；选组织本身，由该组织指派调解员。', 'Each organisation lists its own mediators; choose the organisation itself and it assigns a mediator.'),
  orgAssigns: w('{org} · 由该组织指派调解员', '{org} · the organisation assigns a mediator'),
  orgHasNone: w('{org} · 该组织暂无调解员账号，由该组织指派', '{org} · no mediator accounts yet; the organisation assigns one'),
  orgAllStopped: w(
    '{org} · 该组织的调解员账号均已停用：由该组织指派，或请管理员重新启用账号',
    '{org} · its mediator accounts are all deactivated: the organisation assigns one, or ask an admin to reactivate an account',
  ),
  mediatorOf: w('{mediator} · {org}', '{mediator} · {org}'),
};

/**
 * The divert form's one choice of organisation and mediator (console pages run no script, so no
 * second list can follow the first): each organisation's own mediators under it, so a mediator of
 * another organisation cannot be chosen; `org/` is the organisation itself (it assigns one).
 */
export const assigneeValue = (organisationId: string, mediator = ''): string => `${organisationId}/${mediator}`;
function assigneeOf(v: string | undefined): { organisationId?: string | undefined; mediator?: string | undefined } {
  const value = opt(v);
  if (value === undefined) return {};
  const cut = value.indexOf('/');
  return cut < 0 ? { organisationId: value } : { organisationId: opt(value.slice(0, cut)), mediator: opt(value.slice(cut + 1)) };
}

/** A heading options share (optgroup): `key` tells groups apart (two organisations may share a name), `label` is shown. */
interface OptionGroup {
  key: string;
  label: string;
}

/** `kept`: the value chosen before a refusal, chosen again; an option's `group` puts it under that heading (optgroup). */
function selectField(
  s: Speaker,
  name: string,
  label: Words,
  options: { value: string; label: string; group?: OptionGroup }[],
  opts: { required?: boolean; id: string; blank?: string | null; kept?: string | undefined },
): string {
  const blank = opts.blank === null ? '' : opts.blank !== undefined ? `<option value="">${escapeHtml(opts.blank)}</option>` : `<option value="">${s.say('choose')}</option>`;
  const option = (o: { value: string; label: string }) =>
    `<option value="${escapeHtml(o.value)}"${opts.kept !== undefined && opts.kept === o.value ? ' selected' : ''}>${escapeHtml(o.label)}</option>`;
  const groups = [...new Map(options.map((o) => [o.group?.key, o.group])).values()];
  const body = groups
    .map((g) =>
      g === undefined
        ? options
            .filter((o) => o.group === undefined)
            .map(option)
            .join('')
        : `<optgroup label="${escapeHtml(g.label)}">${options
            .filter((o) => o.group?.key === g.key)
            .map(option)
            .join('')}</optgroup>`,
    )
    .join('');
  return `<label for="${opts.id}">${s.say(label)}</label><select id="${opts.id}" name="${name}"${opts.required ? ' required' : ''}>${blank}${body}</select>`;
}
const input = (s: Speaker, name: string, label: Words, id: string, attrs: string, kept?: string) =>
  `<label for="${id}">${s.say(label)}</label><input id="${id}" name="${name}" ${attrs}${kept ? ` value="${escapeHtml(kept)}"` : ''}>`;
const textarea = (s: Speaker, name: string, label: Words, id: string, attrs = '', kept = '') =>
  `<label for="${id}">${s.say(label)}</label><textarea id="${id}" name="${name}" maxlength="4000"${attrs}>${escapeHtml(kept)}</textarea>`;

/** The action forms' fields by the API's names for them: a refused field is named by its label (server/console/notice.ts). */
export const actionFieldLabels: Readonly<Record<string, Words>> = {
  ...L,
  organisationId: L.assignee,
  assignee: L.assignee,
  siteId: L.site,
  sessionId: L.session,
  correctsEventId: w('更正的事项', 'The event corrected'),
  documentId: w('文书', 'Document'),
};
/** Where one form names an API field by another of its own fields: the divert form chooses the mediator in its one "organisation and mediator" field. */
const ownFieldLabels: Partial<Record<FormAction, Readonly<Record<string, Words>>>> = {
  'case.diverted': { mediator: L.assignee, organisationId: L.assignee },
};
/** The labels a refusal of action `type` names its fields by: the fields that form has. */
export const fieldLabelsOf = (type: string): Readonly<Record<string, Words>> => (isFormAction(type) ? { ...actionFieldLabels, ...ownFieldLabels[type] } : actionFieldLabels);

/** A mediator account the forms offer: a deactivated one cannot be chosen (the API refuses it). */
const choosable = (m: ActionChoices['organisations'][number]['mediators'][number]): boolean => m.active !== false;

/** The ruling form's choice "draw it from the template": the console asks the API to draw and rule (ruleOnConfirmation). */
export const DRAW_RULING = 'draw';

/** What a staff member typed into a form the case refused (409, 400): shown again in that form, so nothing is typed twice. */
export interface TypedForm {
  type: string;
  fields: Fields;
}
const choices = (s: Speaker, table: Record<string, Words>) => Object.entries(table).map(([value, words]) => ({ value, label: s.text(words) }));

/** The id of an action's form on the case page (a link lands on it). */
export const actionAnchor = (type: string): string => `act-${type.replace('.', '-')}`;

/** A link to the case page with one action's form open and in view (no script: the page opens it). */
export const actionFormPath = (caseId: string, type: string): string => `${casePagePath(caseId)}?open=${encodeURIComponent(type)}#${actionAnchor(type)}`;

/** The fields of one action's form (beside the reason and the seq every form carries). */
function fieldsOf(s: Speaker, type: FormAction, d: CaseDetail, c: ActionChoices, id: (n: string) => string, kept: Fields): string {
  const caseOrg = c.organisations.find((o) => o.id === d.case.organisationId);
  const sessions = (status: 'scheduled') =>
    d.case.sessions
      .filter((x) => x.status === status)
      .map((x) => ({ value: x.sessionId, label: `${courtTime(x.startsAt, 'minute')} · ${s.text(choiceLabels.sessionMode[x.mode])}${x.place ? ` · ${x.place}` : ''}` }));
  // A refused form comes back with every choice as the user left it.
  const select = (...[s, name, label, options, opts]: Parameters<typeof selectField>) => selectField(s, name, label, options, { ...opts, kept: kept[name] });
  switch (type) {
    case 'case.diverted': {
      // every option names its organisation: a closed list shows the option alone, not its group
      const options = c.organisations.flatMap((o) => {
        const mediators = o.mediators.filter(choosable);
        // an organisation without a choosable mediator says why: it has no accounts, or they are all deactivated
        const itself = mediators.length > 0 ? L.orgAssigns : o.mediators.length > 0 ? L.orgAllStopped : L.orgHasNone;
        const group = { key: o.id, label: o.name };
        return [
          { value: assigneeValue(o.id), label: s.text(itself, { org: o.name }), group },
          ...mediators.map((m) => ({ value: assigneeValue(o.id, m.username), label: s.text(L.mediatorOf, { mediator: m.displayName || m.username, org: o.name }), group })),
        ];
      });
      return [
        select(s, 'assignee', L.assignee, options, { required: true, id: id('assignee'), kept: kept.assignee }).replace('<select ', `<select aria-describedby="${id('assignee-note')}" `),
        `<p class="note" id="${id('assignee-note')}">${s.say(L.assigneeHint)}</p>`,
        select(s, 'consent', L.consent, choices(s, choiceLabels.consent), { required: true, id: id('consent'), kept: kept.consent }),
      ].join('');
    }
    case 'case.filed_directly':
      return select(s, 'filedReason', L.filedReason, choices(s, choiceLabels.filedDirectly), { required: true, id: id('why') });
    case 'mediator.assigned':
      return select(
        s,
        'mediator',
        L.mediator,
        (caseOrg?.mediators ?? []).filter(choosable).map((m) => ({ value: m.username, label: m.displayName || m.username })),
        { required: true, id: id('mediator') },
      );
    case 'session.scheduled':
      return [
        input(s, 'startsAt', L.startsAt, id('at'), 'type="datetime-local" required', kept.startsAt),
        select(s, 'mode', L.mode, choices(s, choiceLabels.sessionMode), { required: true, id: id('mode') }),
        input(s, 'place', L.place, id('place'), 'maxlength="200"', kept.place),
        select(
          s,
          'siteId',
          L.site,
          c.sites.map((x) => ({ value: x.id, label: x.name })),
          { id: id('site'), blank: s.text('optional') },
        ),
      ].join('');
    case 'session.held': {
      // the case's answered calls, newest first, but for those that hold a session already (one call, one session: the API refuses them)
      const free = c.calls.filter((x) => !callHoldsSession(d.case, x.callId));
      const why = free.length === c.calls.length && free.length > 0 ? null : free.length > 0 ? L.someCallsHeld : c.calls.length > 0 ? L.callsAllHeld : L.noCallsYet;
      const calls = select(
        s,
        'callId',
        L.callId,
        free.map((x) => ({ value: x.callId, label: callLabel(s, x) })),
        { id: id('call'), blank: s.text(L.noCall) },
      );
      return [
        select(s, 'sessionId', L.session, sessions('scheduled'), { required: true, id: id('session') }),
        input(s, 'minutes', L.minutes, id('minutes'), 'type="number" min="0" max="1440" required inputmode="numeric"', kept.minutes),
        textarea(s, 'notes', L.notes, id('notes'), '', kept.notes),
        why ? calls.replace('<select ', `<select aria-describedby="${id('call-note')}" `) : calls,
        why ? `<p class="note" id="${id('call-note')}" data-calls="${why === L.noCallsYet ? 'none' : 'held'}">${s.say(why)}</p>` : '',
        // the typed id only for a call made outside the case (the API checks it as it checks a listed one)
        input(s, 'callIdOther', L.callIdOther, id('call-other'), 'maxlength="80" autocomplete="off"', kept.callIdOther),
      ].join('');
    }
    case 'session.cancelled':
      return select(s, 'sessionId', L.session, sessions('scheduled'), { required: true, id: id('session') });
    case 'mediation.extended':
      return `${input(s, 'days', L.days, id('days'), `type="number" min="1" max="${MEDIATION_EXTENSION_MAX_DAYS}" required inputmode="numeric"`)}
<fieldset><legend>${s.say(L.agreedBy)}</legend>
<label><input type="checkbox" name="agreedApplicant" value="yes" required> ${s.say(L.agreedApplicant)}</label>
<label><input type="checkbox" name="agreedRespondent" value="yes" required> ${s.say(L.agreedRespondent)}</label>
</fieldset>`;
    case 'mediation.settled':
      return select(
        s,
        'sessionId',
        L.session,
        d.case.sessions.filter((x) => x.status === 'held').map((x) => ({ value: x.sessionId, label: `${courtTime(x.startsAt, 'minute')} · ${s.text(choiceLabels.sessionMode[x.mode])}` })),
        { id: id('session'), blank: s.text(L.noSession) },
      );
    case 'mediation.failed':
      return select(s, 'cause', L.cause, choices(s, choiceLabels.failed), { required: true, id: id('cause') });
    case 'case.closed':
      // only the causes that fit where the case stands (shared/cases/lifecycle.ts)
      return select(
        s,
        'cause',
        L.cause,
        choices(s, choiceLabels.closed).filter((x) => closeCausesFor(d.case.state).includes(x.value)),
        { required: true, id: id('cause') },
      );
    case 'confirmation.extended':
      return input(s, 'days', L.days, id('days'), `type="number" min="1" max="${RULING_EXTENSION_DAYS}" value="${RULING_EXTENSION_DAYS}" required inputmode="numeric"`);
    case 'confirmation.confirmed':
    case 'confirmation.refused': {
      // A judge rules from the console: the ruling drawn from the template (the usual way), or one uploaded before.
      const uploaded = d.documents.filter((x) => x.kind === 'ruling').map((x) => ({ value: x.documentId, label: `${x.documentId.slice(0, 8)} · v${x.version} · ${courtTime(x.createdAt, 'minute')}` }));
      return select(s, 'documentId', L.ruling, [{ value: DRAW_RULING, label: s.text(L.drawRuling) }, ...uploaded], { required: true, id: id('doc'), blank: null });
    }
    case 'case.reopened':
      return select(
        s,
        'reopenCause',
        L.reopenCause,
        [...(d.case.outcomeEventId ? [{ value: 'recorded_in_error', label: s.text(L.recordedInError) }] : []), { value: 'resumed', label: s.text(L.resumed) }],
        { required: true, id: id('cause') },
      );
    case 'case.reclassified':
      return select(
        s,
        'disputeType',
        L.disputeType,
        disputeTypes.map((t) => ({ value: t, label: s.text(disputeLabel(t)) })),
        { required: true, id: id('type') },
      );
    case 'note.added':
      return textarea(s, 'text', L.note, id('text'), ' required', kept.text);
    case 'mediation.withdrawn':
    case 'confirmation.applied':
    case 'case.filed_as_lawsuit':
      return '';
  }
}

/** Actions that must say why (an ending, a departure from the usual course). */
const reasonRequired = new Set<FormAction>(['case.filed_directly', 'mediation.failed', 'mediation.withdrawn', 'case.filed_as_lawsuit', 'case.closed', 'case.reopened', 'mediation.extended']);

/** The forms of the actions the caller may take now, each closed until opened (Enter on its title). */
export function actionForms(s: Speaker, d: CaseDetail, c: ActionChoices, typed: TypedForm | null = null): string {
  const offered = d.allowedActions.filter(isFormAction);
  if (offered.length === 0) return `<p class="note">${s.say('noActions')}</p>`;
  const action = consolePath(consolePaths.act, { caseId: d.case.caseId });
  return offered
    .map((type) => {
      const slug = type.replace('.', '-');
      const id = (n: string) => `${slug}-${n}`;
      const needsReason = reasonRequired.has(type);
      const kept: Fields = typed?.type === type ? typed.fields : {};
      return `<details class="action" data-action="${type}"${typed?.type === type ? ' open' : ''}>
<summary>${s.say(eventLabels[type])}</summary>
<form method="post" action="${escapeHtml(action)}" id="${actionAnchor(type)}">
<input type="hidden" name="type" value="${type}">
<input type="hidden" name="expectedSeq" value="${d.case.seq}">
${fieldsOf(s, type, d, c, id, kept)}
${type === 'note.added' ? '' : textarea(s, 'reason', needsReason ? L.reasonRequired : L.reason, id('reason'), needsReason ? ' required' : '', kept.reason)}
<button type="submit">${s.say('submit')} · ${s.say(eventLabels[type])}</button>
</form>
</details>`;
    })
    .join('\n');
}

const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const int = (v: string | undefined) => (opt(v) === undefined ? undefined : Number(v));

/** A court wall-clock time from a datetime-local field, as an instant. */
export function courtInstant(local: string | undefined): string | undefined {
  const v = opt(local);
  if (!v || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return v;
  const ms = Date.parse(`${v.length === 16 ? `${v}:00` : v}Z`) - COURT_UTC_OFFSET_MINUTES * 60_000;
  return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

/** The API request an action form's fields make (checked by the API, not here). */
export function actionRequest(f: Fields, outcomeEventId: string | null): { type: string; payload: unknown; reason: string | null; expectedSeq: number } {
  const type = f.type ?? '';
  const payloads: Record<FormAction, () => unknown> = {
    'case.diverted': () => ({ ...assigneeOf(f.assignee), consent: { method: opt(f.consent) } }),
    'case.filed_directly': () => ({ reason: opt(f.filedReason) }),
    'mediator.assigned': () => ({ mediator: opt(f.mediator) }),
    'session.scheduled': () => ({ startsAt: courtInstant(f.startsAt), mode: opt(f.mode), siteId: opt(f.siteId), place: opt(f.place) }),
    'session.held': () => ({ sessionId: opt(f.sessionId), minutes: int(f.minutes), notes: opt(f.notes), callId: opt(f.callIdOther) ?? opt(f.callId) }),
    'session.cancelled': () => ({ sessionId: opt(f.sessionId) }),
    'mediation.extended': () => ({ days: int(f.days), agreedBy: { applicant: f.agreedApplicant === 'yes', respondent: f.agreedRespondent === 'yes' } }),
    'mediation.settled': () => ({ sessionId: opt(f.sessionId) }),
    'mediation.failed': () => ({ cause: opt(f.cause) }),
    'mediation.withdrawn': () => ({}),
    'confirmation.applied': () => ({}),
    'confirmation.extended': () => ({ days: int(f.days) }),
    'confirmation.confirmed': () => ({ documentId: opt(f.documentId) }),
    'confirmation.refused': () => ({ documentId: opt(f.documentId) }),
    'case.filed_as_lawsuit': () => ({}),
    'case.closed': () => ({ cause: opt(f.cause) }),
    'case.reopened': () => (f.reopenCause === 'recorded_in_error' ? { cause: 'recorded_in_error', voidsEventId: outcomeEventId } : { cause: opt(f.reopenCause) }),
    'case.reclassified': () => ({ disputeType: opt(f.disputeType) }),
    'note.added': () => ({ text: opt(f.text) }),
  };
  // undefined fields are dropped so the API's strict schemas name what is missing, not what is extra
  const payload: unknown = isFormAction(type) ? JSON.parse(JSON.stringify(payloads[type]())) : {};
  return { type, payload, reason: opt(f.reason) ?? null, expectedSeq: int(f.expectedSeq) ?? 0 };
}
