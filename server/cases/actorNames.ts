import type { EventActor } from '../../shared/cases/caseEvents.js';
import type { CaseEventType } from '../../shared/cases/lifecycle.js';
import type { DbScope } from '../db/engine.js';
import { queryTemplate } from '../db/queryTemplate.js';

// How the people and places an event being appended names read to a person, looked up in the
// append's own transaction: its actor (a staff account's display name; a terminal's name and its
// site's name) and whoever its details name by id (the organisation and mediator a case goes to,
// a session's site, a hearing's judge). The event keeps them (hashed with it), so the timeline
// reads "李书记员（立案人员）" or "大厅一号机（诉讼服务中心）" for as long as the event exists, whatever
// later happens to the account, the organisation or the terminal.

const MAX = 120; // shared/cases/caseEvents.ts EventActor: a longer name is cut, never refused

const fit = (s: string | null | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t.slice(0, MAX) : undefined;
};

// Compiled once: a kiosk's intake runs the terminal's on every append (../db/queryTemplate.ts).
const staffName = queryTemplate((db, k: { username: string }) => db.selectFrom('staff').select('display_name').where('username', '=', k.username));
// A terminal's names come with its site and kind: a kiosk's intake opens its case knowing both from one look-up.
const terminalRow = queryTemplate((db, k: { terminalId: string }) =>
  db
    .selectFrom('terminals')
    .leftJoin('sites', 'sites.site_id', 'terminals.site_id')
    .select(['terminals.name as name', 'sites.name as siteName', 'terminals.site_id as siteId', 'terminals.kind as kind'])
    .where('terminals.terminal_id', '=', k.terminalId),
);

type TerminalActor = Extract<EventActor, { kind: 'terminal' }>;
const terminalNamed = (actor: TerminalActor, row: { name: string; siteName: string | null } | undefined): TerminalActor => {
  const name = fit(row?.name);
  const siteName = fit(row?.siteName);
  return { ...actor, ...(name ? { name } : {}), ...(siteName ? { siteName } : {}) };
};

/** A terminal as an actor (its names filled in as `namedActor` does), with its site and kind; null ones if it is not enrolled. */
export async function namedTerminal(scope: DbScope, terminalId: string): Promise<{ actor: TerminalActor; siteId: string | null; kind: string | null }> {
  const [row] = await terminalRow(scope, { terminalId });
  return { actor: terminalNamed({ kind: 'terminal', terminalId }, row), siteId: row?.siteId ?? null, kind: row?.kind ?? null };
}
const organisationName = queryTemplate((db, k: { organisationId: string }) => db.selectFrom('organisations').select('name').where('organisation_id', '=', k.organisationId));
const siteName = queryTemplate((db, k: { siteId: string }) => db.selectFrom('sites').select('name').where('site_id', '=', k.siteId));

/** The actor with `name` (and a terminal's `siteName`) filled in when known; as given otherwise. */
export async function namedActor(scope: DbScope, actor: EventActor): Promise<EventActor> {
  if (actor.kind === 'staff') {
    const [row] = await staffName(scope, { username: actor.username });
    const name = fit(row?.display_name);
    return name ? { ...actor, name } : actor;
  }
  if (actor.kind === 'terminal') {
    const [row] = await terminalRow(scope, { terminalId: actor.terminalId });
    return terminalNamed(actor, row);
  }
  return actor;
}

type Lookup = (scope: DbScope, id: string) => Promise<string | undefined>;
const staffLookup: Lookup = async (scope, username) => fit((await staffName(scope, { username }))[0]?.display_name);
const organisationLookup: Lookup = async (scope, organisationId) => fit((await organisationName(scope, { organisationId }))[0]?.name);
const siteLookup: Lookup = async (scope, siteId) => fit((await siteName(scope, { siteId }))[0]?.name);

/** Per event type: the detail that names someone by id, the key its name is kept under, and where to look it up. */
const namedInDetails: Partial<Record<CaseEventType, ReadonlyArray<readonly [idKey: string, nameKey: string, lookup: Lookup]>>> = {
  'case.diverted': [
    ['organisationId', 'organisationName', organisationLookup],
    ['mediator', 'mediatorName', staffLookup],
  ],
  'mediator.assigned': [
    ['organisationId', 'organisationName', organisationLookup],
    ['mediator', 'mediatorName', staffLookup],
  ],
  'session.scheduled': [['siteId', 'siteName', siteLookup]],
  'hearing.opened': [['judge', 'judgeName', staffLookup]],
};

/** The payload with the names of whoever its details name by id filled in when known; as given otherwise. */
export async function namedDetails(scope: DbScope, type: CaseEventType, payload: unknown): Promise<unknown> {
  const named = namedInDetails[type];
  if (!named || payload === null || typeof payload !== 'object') return payload;
  const p = payload as Record<string, unknown>;
  const out: Record<string, unknown> = { ...p };
  for (const [idKey, nameKey, lookup] of named) {
    const id = p[idKey];
    if (typeof id !== 'string') continue;
    const name = await lookup(scope, id);
    if (name) out[nameKey] = name;
  }
  return out;
}
