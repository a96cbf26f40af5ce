import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DbScope } from '../db/engine.js';
import { DEFAULT_SETTINGS, PlaylistSettings, type ItemSchedule, type PlaylistItem, type PlaylistManifest, type PlaylistMimeType, type PlayRecord } from '../../shared/playlist.js';
import { courtDay } from '../../shared/courtTime.js';

// The hub's playlist tables (migration 0004): media, items with their schedules, settings, and
// proof of play. The manifest's version is a hash of what it lists, so it changes exactly when
// a kiosk has something new to fetch, and doubles as the HTTP ETag.

export interface ItemFields {
  title: string;
  titleEn: string;
  durationMs: number | null;
  order: number;
  muted: boolean;
  schedule: ItemSchedule;
}

export interface MediaRow {
  sha256: string;
  mimeType: PlaylistMimeType;
  size: number;
}

interface ItemRow {
  item_id: string;
  title: string;
  title_en: string;
  sha256: string;
  mime_type: string;
  size: number;
  duration_ms: number | null;
  position: number;
  muted: number;
  schedule_json: string;
}

export interface PlayDayRow {
  courtDay: string;
  terminalId: string;
  terminalName: string | null;
  itemId: string;
  title: string | null;
  completed: number;
  skipped: number;
  /** e.g. "interrupted×3, error×1" */
  reasons: string;
}

const toItem = (r: ItemRow): PlaylistItem => ({
  id: r.item_id,
  title: r.title,
  titleEn: r.title_en,
  mimeType: r.mime_type as PlaylistMimeType, // checked by its bytes before it got a row
  sha256: r.sha256,
  size: r.size,
  durationMs: r.duration_ms,
  order: r.position,
  muted: r.muted === 1,
  schedule: JSON.parse(r.schedule_json) as ItemSchedule,
});

export type PlaylistStore = ReturnType<typeof openPlaylistStore>;

/** `announce` is told after each change (server/playlist/register.ts tells the other hub instances). */
export function openPlaylistStore({ db }: DbScope, now: () => Date, announce: () => void = () => undefined) {
  const items = () =>
    db
      .selectFrom('playlist_items as i')
      .innerJoin('playlist_media as m', 'm.sha256', 'i.sha256')
      .select(['i.item_id', 'i.title', 'i.title_en', 'i.sha256', 'm.mime_type', 'm.size', 'i.duration_ms', 'i.position', 'i.muted', 'i.schedule_json'])
      .where('i.removed_at', 'is', null);
  let cachedManifest: PlaylistManifest | null = null;
  /** Counts changes, so that a manifest read while one happened is not kept. */
  let generation = 0;
  const forgetManifest = () => {
    generation++;
    cachedManifest = null;
  };
  const changed = () => {
    forgetManifest();
    announce();
  };
  const settingsRow = () => db.selectFrom('playlist_settings').select(['settings_json', 'seeded_at']).where('slot', '=', 1).executeTakeFirst();
  const itemRow = (fields: ItemFields) => ({
    title: fields.title,
    title_en: fields.titleEn,
    duration_ms: fields.durationMs,
    position: fields.order,
    muted: fields.muted ? (1 as const) : (0 as const),
    schedule_json: JSON.stringify(fields.schedule),
  });

  const store = {
    /** Drops the manifest kept in memory (another instance changed the playlist). */
    forgetManifest,
    async settings(): Promise<PlaylistSettings> {
      const row = await settingsRow();
      const parsed = row ? PlaylistSettings.safeParse(JSON.parse(row.settings_json)) : null;
      return parsed?.success ? parsed.data : DEFAULT_SETTINGS;
    },
    async saveSettings(settings: PlaylistSettings): Promise<void> {
      await db
        .insertInto('playlist_settings')
        .values({ slot: 1, settings_json: JSON.stringify(settings) })
        .onConflict((oc) => oc.column('slot').doUpdateSet((eb) => ({ settings_json: eb.ref('excluded.settings_json') })))
        .execute();
      changed();
    },
    /** True once the default content was loaded (or the hub started with a playlist already). */
    /**
     * Claims the first-start seeding for this caller: true once per hub database, however many
     * instances start together. On PostgreSQL the upsert's row lock (or the unique key, when the
     * row is new) makes a concurrent claim wait for the first one's commit, then find it taken.
     */
    async claimSeeding(): Promise<boolean> {
      const claimed = await db
        .insertInto('playlist_settings')
        .values({ slot: 1, settings_json: JSON.stringify(await store.settings()), seeded_at: now().toISOString() })
        .onConflict((oc) =>
          oc
            .column('slot')
            .doUpdateSet((eb) => ({ seeded_at: eb.ref('excluded.seeded_at') }))
            .where('playlist_settings.seeded_at', 'is', null),
        )
        .returning('slot')
        .executeTakeFirst();
      changed();
      return claimed !== undefined;
    },

    async media(sha256: string): Promise<MediaRow | null> {
      const row = await db.selectFrom('playlist_media').select(['sha256', 'mime_type', 'size']).where('sha256', '=', sha256).executeTakeFirst();
      return row ? { sha256: row.sha256, mimeType: row.mime_type as PlaylistMimeType, size: row.size } : null;
    },
    async addMedia(m: MediaRow): Promise<void> {
      await db
        .insertInto('playlist_media')
        .values({ sha256: m.sha256, mime_type: m.mimeType, size: m.size, added_at: now().toISOString() })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    /** Media no live item uses any more (their files can go). Removes their rows. */
    async dropUnusedMedia(): Promise<string[]> {
      const rows = await db
        .deleteFrom('playlist_media')
        .where('sha256', 'not in', db.selectFrom('playlist_items').select('sha256').where('removed_at', 'is', null))
        .returning('sha256')
        .execute();
      return rows.map((r) => r.sha256);
    },

    async items(): Promise<PlaylistItem[]> {
      return (await items().orderBy('i.position').orderBy('i.item_id').execute()).map(toItem);
    },
    async item(itemId: string): Promise<PlaylistItem | null> {
      const row = await items().where('i.item_id', '=', itemId).executeTakeFirst();
      return row ? toItem(row) : null;
    },
    async addItem(sha256: string, fields: ItemFields, itemId: string = newItemId()): Promise<PlaylistItem> {
      const at = now().toISOString();
      await db
        .insertInto('playlist_items')
        .values({ item_id: itemId, sha256, ...itemRow(fields), created_at: at, updated_at: at })
        .execute();
      changed();
      return (await store.item(itemId))!;
    },
    async updateItem(itemId: string, fields: ItemFields): Promise<PlaylistItem | null> {
      const r = await db
        .updateTable('playlist_items')
        .set({ ...itemRow(fields), updated_at: now().toISOString() })
        .where('item_id', '=', itemId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      changed();
      return Number(r.numUpdatedRows) === 1 ? store.item(itemId) : null;
    },
    async removeItem(itemId: string): Promise<boolean> {
      const r = await db.updateTable('playlist_items').set({ removed_at: now().toISOString() }).where('item_id', '=', itemId).where('removed_at', 'is', null).executeTakeFirst();
      changed();
      return Number(r.numUpdatedRows) === 1;
    },
    /** The next free order number (new uploads go to the end of the loop). */
    async nextOrder(): Promise<number> {
      const row = await db
        .selectFrom('playlist_items')
        .select((eb) => eb.fn.max<number | null>('position').as('m'))
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return (row?.m ?? 0) + 10;
    },

    async manifest(): Promise<PlaylistManifest> {
      if (cachedManifest) return cachedManifest;
      const readAt = generation;
      const [items, settings] = [await store.items(), await store.settings()];
      const version = createHash('sha256')
        .update(JSON.stringify([items, settings]))
        .digest('hex')
        .slice(0, 20);
      const manifest = { version, items, settings };
      if (readAt === generation) cachedManifest = manifest;
      return manifest;
    },

    /** Stores a batch of plays; a play id seen before is left as first received. One statement: all or none. */
    async recordPlays(terminalId: string, plays: PlayRecord[], utcOffsetMinutes: number): Promise<void> {
      if (plays.length === 0) return;
      const at = now().toISOString();
      await db
        .insertInto('plays')
        .values(
          plays.map((p) => ({
            play_id: p.playId,
            terminal_id: terminalId,
            item_id: p.itemId,
            sha256: p.sha256,
            started_at: p.startedAt,
            ended_at: p.endedAt,
            outcome: p.outcome,
            reason: p.reason,
            court_day: courtDay(Date.parse(p.startedAt), utcOffsetMinutes),
            received_at: at,
          })),
        )
        .onConflict((oc) => oc.column('play_id').doNothing())
        .execute();
    },
    async playsCount(): Promise<number> {
      const { n } = await db
        .selectFrom('plays')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return n;
    },
    /** Plays per court day, terminal and item, newest day first. */
    async playsByDay(fromDay: string, toDay: string): Promise<PlayDayRow[]> {
      const { rows } = await sql<PlayDayRow>`
        SELECT p.court_day AS "courtDay", p.terminal_id AS "terminalId", t.name AS "terminalName", p.item_id AS "itemId",
          (SELECT title FROM playlist_items WHERE item_id = p.item_id) AS title,
          SUM(CASE WHEN p.outcome = 'completed' THEN 1 ELSE 0 END) AS completed,
          SUM(CASE WHEN p.outcome = 'skipped' THEN 1 ELSE 0 END) AS skipped,
          COALESCE((SELECT string_agg(r.reason || '×' || r.n, ', ' ORDER BY r.reason) FROM (
            SELECT q.reason, count(*) AS n FROM plays q
            WHERE q.court_day = p.court_day AND q.terminal_id = p.terminal_id AND q.item_id = p.item_id AND q.reason IS NOT NULL
            GROUP BY q.reason) r), '') AS reasons
        FROM plays p LEFT JOIN terminals t ON t.terminal_id = p.terminal_id
        WHERE p.court_day BETWEEN ${fromDay} AND ${toDay}
        GROUP BY p.court_day, p.terminal_id, p.item_id, t.name
        ORDER BY p.court_day DESC, p.terminal_id, title NULLS FIRST`.execute(db);
      return rows;
    },
  };
  return store;
}

function newItemId(): string {
  return `item-${randomBytes(6).toString('hex')}`;
}
