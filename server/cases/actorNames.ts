import type { EventActor } from '../../shared/cases/caseEvents.js';
import type { DbScope } from '../db/engine.js';
import { queryTemplate } from '../db/queryTemplate.js';

// How the actor of an event being appended reads to a person, looked up in the append's own
// transaction: a staff account's display name; a terminal's name and its site's name. The event
// keeps them (hashed with it), so the timeline reads "李书记员（立案人员）" or "大厅一号机（诉讼服务中心）"
// for as long as the event exists, whatever later happens to the account or the terminal.

const MAX = 120; // shared/cases/caseEvents.ts EventActor: a longer name is cut, never refused

const fit = (s: string | null | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t.slice(0, MAX) : undefined;
};

// Compiled once: a kiosk's intake runs the terminal's on every append (../db/queryTemplate.ts).
const staffName = queryTemplate((db, k: { username: string }) => db.selectFrom('staff').select('display_name').where('username', '=', k.username));
const terminalName = queryTemplate((db, k: { terminalId: string }) =>
  db.selectFrom('terminals').leftJoin('sites', 'sites.site_id', 'terminals.site_id').select(['terminals.name as name', 'sites.name as siteName']).where('terminals.terminal_id', '=', k.terminalId),
);

/** The actor with `name` (and a terminal's `siteName`) filled in when known; as given otherwise. */
export async function namedActor(scope: DbScope, actor: EventActor): Promise<EventActor> {
  if (actor.kind === 'staff') {
    const [row] = await staffName(scope, { username: actor.username });
    const name = fit(row?.display_name);
    return name ? { ...actor, name } : actor;
  }
  if (actor.kind === 'terminal') {
    const [row] = await terminalName(scope, { terminalId: actor.terminalId });
    const name = fit(row?.name);
    const siteName = fit(row?.siteName);
    return { ...actor, ...(name ? { name } : {}), ...(siteName ? { siteName } : {}) };
  }
  return actor;
}
