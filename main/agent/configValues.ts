import type { Db } from './db.js';

// The agent's config table: small named values the kiosk keeps across restarts (its identity and
// hub link, the settings and PIN digest the hub pushed, the staff panel's wrong-PIN count, the
// devices held failed). The only SQL over that table; each feature names its own keys.

export class ConfigValues {
  private readonly get;
  private readonly put;
  private readonly del;

  constructor(private readonly db: Db) {
    this.get = db.prepare<[string], { value: string }>('SELECT value FROM config WHERE key = ?');
    this.put = db.prepare<[string, string]>('INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.del = db.prepare<[string]>('DELETE FROM config WHERE key = ?');
  }

  /** The stored text, undefined when the key was never set (or was removed). */
  text(key: string): string | undefined {
    return this.get.get(key)?.value;
  }

  setText(key: string, value: string): void {
    this.put.run(key, value);
  }

  /** The stored value as JSON, null when absent; throws if what is stored is not JSON. */
  json<T>(key: string): T | null {
    const stored = this.text(key);
    return stored === undefined ? null : (JSON.parse(stored) as T);
  }

  setJson(key: string, value: unknown): void {
    this.put.run(key, JSON.stringify(value));
  }

  remove(key: string): void {
    this.del.run(key);
  }

  /** Several changes as one: all stored, or none. */
  together<T>(change: () => T): T {
    return this.db.transaction(change)();
  }
}
