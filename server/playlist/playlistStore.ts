import { createHash, randomBytes } from 'node:crypto';
import type { Database as HubDatabase } from 'better-sqlite3';
import {
  DEFAULT_SETTINGS,
  PlaylistSettings,
  type ItemSchedule,
  type PlaylistItem,
  type PlaylistManifest,
  type PlaylistMimeType,
  type PlayRecord,
} from '../../shared/playlist.js';
import { courtDay } from '../../shared/courtTime.js';

// The hub's playlist tables (migration 4): media, items with their schedules, settings, and
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
  mime_type: PlaylistMimeType;
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
  mimeType: r.mime_type,
  sha256: r.sha256,
  size: r.size,
  durationMs: r.duration_ms,
  order: r.position,
  muted: r.muted === 1,
  schedule: JSON.parse(r.schedule_json) as ItemSchedule,
});

export type PlaylistStore = ReturnType<typeof openPlaylistStore>;

export function openPlaylistStore(db: HubDatabase, now: () => Date) {
  const liveItems = db.prepare<[], ItemRow>(`
    SELECT i.*, m.mime_type, m.size FROM playlist_items i JOIN playlist_media m ON m.sha256 = i.sha256
    WHERE i.removed_at IS NULL ORDER BY i.position, i.item_id`);
  const oneItem = db.prepare<[string], ItemRow>(`
    SELECT i.*, m.mime_type, m.size FROM playlist_items i JOIN playlist_media m ON m.sha256 = i.sha256
    WHERE i.item_id = ? AND i.removed_at IS NULL`);
  let cachedManifest: PlaylistManifest | null = null;
  const changed = () => (cachedManifest = null);

  const settingsRow = () => db.prepare<[], { settings_json: string; seeded_at: string | null }>('SELECT * FROM playlist_settings WHERE slot = 1').get();

  const store = {
    settings(): PlaylistSettings {
      const row = settingsRow();
      const parsed = row ? PlaylistSettings.safeParse(JSON.parse(row.settings_json)) : null;
      return parsed?.success ? parsed.data : DEFAULT_SETTINGS;
    },
    saveSettings(settings: PlaylistSettings): void {
      db.prepare(
        `INSERT INTO playlist_settings (slot, settings_json) VALUES (1, ?)
         ON CONFLICT(slot) DO UPDATE SET settings_json = excluded.settings_json`,
      ).run(JSON.stringify(settings));
      changed();
    },
    /** True once the default content was loaded (or the hub started with a playlist already). */
    seeded(): boolean {
      return Boolean(settingsRow()?.seeded_at);
    },
    markSeeded(settings: PlaylistSettings): void {
      db.prepare(
        `INSERT INTO playlist_settings (slot, settings_json, seeded_at) VALUES (1, ?, ?)
         ON CONFLICT(slot) DO UPDATE SET seeded_at = excluded.seeded_at`,
      ).run(JSON.stringify(settings), now().toISOString());
      changed();
    },

    media(sha256: string): MediaRow | null {
      const row = db.prepare<[string], { sha256: string; mime_type: PlaylistMimeType; size: number }>('SELECT * FROM playlist_media WHERE sha256 = ?').get(sha256);
      return row ? { sha256: row.sha256, mimeType: row.mime_type, size: row.size } : null;
    },
    addMedia(m: MediaRow): void {
      db.prepare('INSERT INTO playlist_media (sha256, mime_type, size, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
        m.sha256,
        m.mimeType,
        m.size,
        now().toISOString(),
      );
    },
    /** Media no live item uses any more (their files can go). Removes their rows. */
    dropUnusedMedia(): string[] {
      return db.transaction(() => {
        const unused = db
          .prepare<[], { sha256: string }>(
            'SELECT sha256 FROM playlist_media WHERE sha256 NOT IN (SELECT sha256 FROM playlist_items WHERE removed_at IS NULL)',
          )
          .all()
          .map((r) => r.sha256);
        const del = db.prepare('DELETE FROM playlist_media WHERE sha256 = ?');
        for (const sha of unused) del.run(sha);
        return unused;
      })();
    },

    items(): PlaylistItem[] {
      return liveItems.all().map(toItem);
    },
    item(itemId: string): PlaylistItem | null {
      const row = oneItem.get(itemId);
      return row ? toItem(row) : null;
    },
    addItem(sha256: string, fields: ItemFields, itemId: string = newItemId()): PlaylistItem {
      const at = now().toISOString();
      db.prepare(
        `INSERT INTO playlist_items (item_id, title, title_en, sha256, duration_ms, position, muted, schedule_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(itemId, fields.title, fields.titleEn, sha256, fields.durationMs, fields.order, fields.muted ? 1 : 0, JSON.stringify(fields.schedule), at, at);
      changed();
      return store.item(itemId)!;
    },
    updateItem(itemId: string, fields: ItemFields): PlaylistItem | null {
      const r = db
        .prepare(
          `UPDATE playlist_items SET title = ?, title_en = ?, duration_ms = ?, position = ?, muted = ?, schedule_json = ?, updated_at = ?
           WHERE item_id = ? AND removed_at IS NULL`,
        )
        .run(fields.title, fields.titleEn, fields.durationMs, fields.order, fields.muted ? 1 : 0, JSON.stringify(fields.schedule), now().toISOString(), itemId);
      changed();
      return r.changes === 1 ? store.item(itemId) : null;
    },
    removeItem(itemId: string): boolean {
      const r = db.prepare('UPDATE playlist_items SET removed_at = ? WHERE item_id = ? AND removed_at IS NULL').run(now().toISOString(), itemId);
      changed();
      return r.changes === 1;
    },
    /** The next free order number (new uploads go to the end of the loop). */
    nextOrder(): number {
      const row = db.prepare<[], { m: number | null }>('SELECT MAX(position) AS m FROM playlist_items WHERE removed_at IS NULL').get();
      return (row?.m ?? 0) + 10;
    },

    manifest(): PlaylistManifest {
      if (cachedManifest) return cachedManifest;
      const items = store.items();
      const settings = store.settings();
      const version = createHash('sha256').update(JSON.stringify([items, settings])).digest('hex').slice(0, 20);
      cachedManifest = { version, items, settings };
      return cachedManifest;
    },

    /** Stores a batch of plays; a play id seen before is left as first received. */
    recordPlays(terminalId: string, plays: PlayRecord[], utcOffsetMinutes: number): void {
      const insert = db.prepare(
        `INSERT INTO plays (play_id, terminal_id, item_id, sha256, started_at, ended_at, outcome, reason, court_day, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(play_id) DO NOTHING`,
      );
      const at = now().toISOString();
      db.transaction(() => {
        for (const p of plays) {
          const day = courtDay(Date.parse(p.startedAt), utcOffsetMinutes);
          insert.run(p.playId, terminalId, p.itemId, p.sha256, p.startedAt, p.endedAt, p.outcome, p.reason, day, at);
        }
      }).immediate();
    },
    playsCount(): number {
      return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM plays').get()!.n;
    },
    /** Plays per court day, terminal and item, newest day first. */
    playsByDay(fromDay: string, toDay: string): PlayDayRow[] {
      return db
        .prepare<[string, string], PlayDayRow>(
          `SELECT p.court_day AS courtDay, p.terminal_id AS terminalId, t.name AS terminalName, p.item_id AS itemId,
             (SELECT title FROM playlist_items WHERE item_id = p.item_id) AS title,
             SUM(p.outcome = 'completed') AS completed, SUM(p.outcome = 'skipped') AS skipped,
             COALESCE((SELECT group_concat(reason || '×' || n, ', ') FROM (
               SELECT reason, count(*) AS n FROM plays q
               WHERE q.court_day = p.court_day AND q.terminal_id = p.terminal_id AND q.item_id = p.item_id AND q.reason IS NOT NULL
               GROUP BY reason ORDER BY reason)), '') AS reasons
           FROM plays p LEFT JOIN terminals t ON t.terminal_id = p.terminal_id
           WHERE p.court_day BETWEEN ? AND ?
           GROUP BY p.court_day, p.terminal_id, p.item_id
           ORDER BY p.court_day DESC, p.terminal_id, title`,
        )
        .all(fromDay, toDay);
    },
  };
  return store;
}

function newItemId(): string {
  return `item-${randomBytes(6).toString('hex')}`;
}
