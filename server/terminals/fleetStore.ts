import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Heartbeat, HeartbeatReply, TerminalSettings } from '../../shared/terminals/heartbeat.js';
import { HEARTBEAT_INTERVAL_S } from '../../shared/terminals/heartbeat.js';
import { heartbeatAlerts, isOffline, type AlertKind, type FleetThresholds } from '../../shared/terminals/terminalHealth.js';
import type { TerminalUpdate, TerminalView } from '../../shared/courtApi/terminals.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { terminalSite } from '../sites/courtDefaults.js';

// The terminals' health as the hub keeps it (server/DATA.md terminal_* tables): the latest
// heartbeat per terminal and a bounded history, the alerts raised and cleared by the rules of
// shared/terminals/terminalHealth.ts, the configuration staff pushed (by terminal or by site),
// and restart / resync requests. The only SQL over those tables.

/** Heartbeats kept per terminal (a day at one every 30 s). */
export const HEARTBEAT_HISTORY = 2880;

export interface FleetTerminal {
  terminalId: string;
  name: string;
  siteId: string | null;
  kind: string;
  receivedAt: string | null;
  heartbeat: Heartbeat | null;
  openAlerts: FleetAlert[];
}

export interface FleetAlert {
  alertId: string;
  kind: AlertKind;
  raisedAt: string;
  acknowledged: { at: string; by: string; note: string } | null;
}

type TerminalRow = { terminal_id: string; name: string; site_id: string | null; kind: string; retired_at: string | null };
const toView = (r: TerminalRow): TerminalView => ({ terminalId: r.terminal_id, name: r.name, siteId: r.site_id, kind: r.kind, retiredAt: r.retired_at });

async function openAlerts({ db }: DbScope, terminalId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('terminal_alerts').select('kind').where('terminal_id', '=', terminalId).where('cleared_at', 'is', null).execute();
  return new Set(rows.map((r) => r.kind));
}

/** Raises the alert unless it is open already: false when another instance's sweep or heartbeat raised it first (one open alert per kind, a unique index). */
async function raise({ db }: DbScope, terminalId: string, kind: AlertKind, at: string): Promise<boolean> {
  const r = await db
    .insertInto('terminal_alerts')
    .values({ alert_id: randomUUID(), terminal_id: terminalId, kind, raised_at: at, cleared_at: null, acknowledged_at: null, acknowledged_by: null, note: null })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

async function clear({ db }: DbScope, terminalId: string, kind: AlertKind, at: string): Promise<void> {
  await db.updateTable('terminal_alerts').set({ cleared_at: at }).where('terminal_id', '=', terminalId).where('kind', '=', kind).where('cleared_at', 'is', null).execute();
}

/**
 * The newest settings for a terminal: its own, or its site's, whichever staff set last. Its site
 * is the one `terminalSite()` names (a terminal given none is the hall's), so a push to the hall
 * reaches it like any hall terminal.
 */
async function latestConfig({ db }: DbScope, terminalId: string): Promise<{ version: number; settings: TerminalSettings } | null> {
  const terminal = await db.selectFrom('terminals').select('site_id').where('terminal_id', '=', terminalId).executeTakeFirst();
  if (!terminal) return null;
  const row = await db
    .selectFrom('terminal_config as c')
    .select(['c.version', 'c.settings_json'])
    .where((eb) =>
      eb.or([eb.and([eb('c.target_kind', '=', 'terminal'), eb('c.target_id', '=', terminalId)]), eb.and([eb('c.target_kind', '=', 'site'), eb('c.target_id', '=', terminalSite(terminal.site_id))])]),
    )
    .orderBy('c.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: Number(row.version), settings: JSON.parse(row.settings_json) as TerminalSettings } : null;
}

export function fleetStore(thresholds: FleetThresholds) {
  return {
    /**
     * Keeps a heartbeat (latest + bounded history), raises and clears the alerts it shows (and
     * "offline": the terminal is back), records commands done; answers with what the terminal has
     * not applied yet and the requests waiting for it.
     */
    async recordHeartbeat(scope: DbScope, terminalId: string, h: Heartbeat, at: string): Promise<HeartbeatReply> {
      return inTransaction(scope, async (trx) => {
        const json = JSON.stringify(h);
        const status = { received_at: at, app_version: h.appVersion, screen: h.screen, config_version: h.configVersion, heartbeat_json: json };
        await trx.db
          .insertInto('terminal_status')
          .values({ terminal_id: terminalId, ...status })
          .onConflict((oc) => oc.column('terminal_id').doUpdateSet(status))
          .execute();
        await trx.db.insertInto('terminal_heartbeats').values({ terminal_id: terminalId, received_at: at, heartbeat_json: json }).execute();
        const keepFrom = await trx.db
          .selectFrom('terminal_heartbeats')
          .select('heartbeat_seq')
          .where('terminal_id', '=', terminalId)
          .orderBy('heartbeat_seq', 'desc')
          .offset(HEARTBEAT_HISTORY - 1)
          .limit(1)
          .executeTakeFirst();
        if (keepFrom) await trx.db.deleteFrom('terminal_heartbeats').where('terminal_id', '=', terminalId).where('heartbeat_seq', '<', keepFrom.heartbeat_seq).execute();

        const shown = heartbeatAlerts(h, thresholds);
        const open = await openAlerts(trx, terminalId);
        for (const kind of shown) if (!open.has(kind)) await raise(trx, terminalId, kind, at);
        for (const kind of open) if (!shown.has(kind as AlertKind)) await clear(trx, terminalId, kind as AlertKind, at);

        for (const done of h.commandsDone) {
          await trx.db
            .updateTable('terminal_commands')
            .set({ done_at: at, outcome: done.outcome })
            .where('command_id', '=', done.commandId)
            .where('terminal_id', '=', terminalId)
            .where('done_at', 'is', null)
            .execute();
        }
        const config = await latestConfig(trx, terminalId);
        const waiting = await trx.db
          .selectFrom('terminal_commands')
          .select(['command_id', 'kind'])
          .where('terminal_id', '=', terminalId)
          .where('done_at', 'is', null)
          .orderBy('requested_at')
          .limit(20)
          .execute();
        if (waiting.length > 0)
          await trx.db
            .updateTable('terminal_commands')
            .set({ delivered_at: at })
            .where(
              'command_id',
              'in',
              waiting.map((c) => c.command_id),
            )
            .where('delivered_at', 'is', null)
            .execute();
        return {
          config: config && config.version > h.configVersion ? config : null,
          commands: waiting.map((c) => ({ commandId: c.command_id, kind: c.kind as 'restart' | 'resync' })),
          intervalS: HEARTBEAT_INTERVAL_S,
        };
      });
    },

    /** Raises "offline" for every active terminal silent for too long; the ids newly raised. */
    async sweepOffline(scope: DbScope, now: Date): Promise<string[]> {
      const rows = await scope.db
        .selectFrom('terminals as t')
        .innerJoin('terminal_status as s', 's.terminal_id', 't.terminal_id')
        .select(['t.terminal_id', 's.received_at'])
        .where('t.retired_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('terminal_alerts as a').select(sql.lit(1).as('one')).whereRef('a.terminal_id', '=', 't.terminal_id').where('a.kind', '=', 'offline').where('a.cleared_at', 'is', null),
            ),
          ),
        )
        .execute();
      const raised: string[] = [];
      for (const r of rows) {
        if (!isOffline(r.received_at, now.getTime(), thresholds)) continue;
        if (await raise(scope, r.terminal_id, 'offline', now.toISOString())) raised.push(r.terminal_id);
      }
      return raised;
    },

    /** Every active terminal with its latest heartbeat and open alerts, by site then name. */
    async list(scope: DbScope, siteId: string | null): Promise<FleetTerminal[]> {
      const all = await scope.db
        .selectFrom('terminals as t')
        .leftJoin('terminal_status as s', 's.terminal_id', 't.terminal_id')
        .select(['t.terminal_id', 't.name', 't.site_id', 't.kind', 's.received_at', 's.heartbeat_json'])
        .where('t.retired_at', 'is', null)
        .orderBy('t.site_id')
        .orderBy('t.name')
        .orderBy('t.terminal_id')
        .execute();
      // the site a terminal is at is `terminalSite()`'s answer, not restated here (a fleet is hundreds of rows)
      const rows = siteId === null ? all : all.filter((r) => terminalSite(r.site_id) === siteId);
      const alerts = await scope.db
        .selectFrom('terminal_alerts')
        .select(['alert_id', 'terminal_id', 'kind', 'raised_at', 'acknowledged_at', 'acknowledged_by', 'note'])
        .where('cleared_at', 'is', null)
        .orderBy('raised_at')
        .execute();
      return rows.map((r) => ({
        terminalId: r.terminal_id,
        name: r.name,
        siteId: terminalSite(r.site_id),
        kind: r.kind,
        receivedAt: r.received_at,
        heartbeat: r.heartbeat_json ? (JSON.parse(r.heartbeat_json) as Heartbeat) : null,
        openAlerts: alerts
          .filter((a) => a.terminal_id === r.terminal_id)
          .map((a) => ({
            alertId: a.alert_id,
            kind: a.kind as AlertKind,
            raisedAt: a.raised_at,
            acknowledged: a.acknowledged_at ? { at: a.acknowledged_at, by: a.acknowledged_by ?? '', note: a.note ?? '' } : null,
          })),
      }));
    },

    /** A terminal's alerts, open and cleared, the newest first (the console's terminal page). */
    async alertHistory({ db }: DbScope, terminalId: string, limit: number): Promise<Array<FleetAlert & { clearedAt: string | null }>> {
      const rows = await db
        .selectFrom('terminal_alerts')
        .select(['alert_id', 'kind', 'raised_at', 'cleared_at', 'acknowledged_at', 'acknowledged_by', 'note'])
        .where('terminal_id', '=', terminalId)
        .orderBy('raised_at', 'desc')
        .orderBy('alert_id')
        .limit(limit)
        .execute();
      return rows.map((a) => ({
        alertId: a.alert_id,
        kind: a.kind as AlertKind,
        raisedAt: a.raised_at,
        clearedAt: a.cleared_at,
        acknowledged: a.acknowledged_at ? { at: a.acknowledged_at, by: a.acknowledged_by ?? '', note: a.note ?? '' } : null,
      }));
    },

    /** Pushes settings to a terminal or a site; the new version (terminals apply the newest). */
    async pushConfig({ db }: DbScope, target: { kind: 'site' | 'terminal'; id: string }, settings: TerminalSettings, by: string, at: string): Promise<number> {
      const row = await db
        .selectFrom('terminal_config')
        .select(sql<number>`coalesce(max(version), 0)`.as('v'))
        .executeTakeFirstOrThrow();
      const version = Number(row.v) + 1;
      await db
        .insertInto('terminal_config')
        .values({ version, target_kind: target.kind, target_id: target.id, settings_json: JSON.stringify(settings), created_at: at, created_by: by })
        .execute();
      return version;
    },

    async terminal({ db }: DbScope, terminalId: string): Promise<TerminalView | null> {
      const row = await db.selectFrom('terminals').select(['terminal_id', 'name', 'site_id', 'kind', 'retired_at']).where('terminal_id', '=', terminalId).executeTakeFirst();
      return row ? toView(row) : null;
    },

    /** Renames, moves or sets the kind of an active terminal; false if there is no such active terminal. */
    async updateTerminal({ db }: DbScope, terminalId: string, u: TerminalUpdate): Promise<boolean> {
      const set: { name?: string; site_id?: string; kind?: string } = {};
      if (u.name !== undefined) set.name = u.name;
      if (u.kind !== undefined) set.kind = u.kind;
      if (u.siteId !== undefined) set.site_id = u.siteId;
      const done = await db.updateTable('terminals').set(set).where('terminal_id', '=', terminalId).where('retired_at', 'is', null).executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },

    /** Retires a terminal (kept for the record) and closes its open alerts; false if it was not active. */
    async retire(scope: DbScope, terminalId: string, at: string): Promise<boolean> {
      return inTransaction(scope, async ({ db }) => {
        const done = await db.updateTable('terminals').set({ retired_at: at }).where('terminal_id', '=', terminalId).where('retired_at', 'is', null).executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) return false;
        await db.updateTable('terminal_alerts').set({ cleared_at: at }).where('terminal_id', '=', terminalId).where('cleared_at', 'is', null).execute();
        return true;
      });
    },

    /** Notes that staff saw an alert; 'missing' if there is no such alert, 'already' if someone did. */
    async acknowledgeAlert({ db }: DbScope, alertId: string, by: string, note: string, at: string): Promise<'done' | 'missing' | 'already'> {
      const done = await db
        .updateTable('terminal_alerts')
        .set({ acknowledged_at: at, acknowledged_by: by, note })
        .where('alert_id', '=', alertId)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 1) return 'done';
      return (await db.selectFrom('terminal_alerts').select('alert_id').where('alert_id', '=', alertId).executeTakeFirst()) ? 'already' : 'missing';
    },

    async requestCommand({ db }: DbScope, terminalId: string, kind: 'restart' | 'resync', by: string, at: string): Promise<string> {
      const commandId = randomUUID();
      await db
        .insertInto('terminal_commands')
        .values({ command_id: commandId, terminal_id: terminalId, kind, requested_at: at, requested_by: by, delivered_at: null, done_at: null, outcome: null })
        .execute();
      return commandId;
    },
  };
}
export type FleetStore = ReturnType<typeof fleetStore>;
