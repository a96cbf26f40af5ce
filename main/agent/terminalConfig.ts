import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import type { Sealer } from './sealing.js';

// The terminal's identity and its link to the hub, kept in the store so they survive restarts.
// The hub credential is a secret, so it is sealed like personal data.

export interface TerminalConfig {
  terminalId: string;
  terminalName: string;
  location: string;
  hubUrl: string;
}

export interface TerminalConfigStore {
  read(): TerminalConfig;
  credential(): string | null;
  setCredential(credential: string | null): void;
  /** Enrolled: the hub's answer names the terminal (a token says which one it is) and its credential. */
  enrolledAs(terminalId: string, credential: string): void;
  /**
   * The credential this terminal asks the hub to register, chosen once and kept until enrolled, so
   * that a retry after a lost answer presents the same one (the hub then answers it again).
   */
  proposedCredential(): string;
}

export interface ConfigDefaults {
  terminalId?: string | undefined;
  terminalName?: string | undefined;
  location?: string | undefined;
  hubUrl: string;
}

export function openTerminalConfig(db: Db, sealer: Sealer, defaults: ConfigDefaults): TerminalConfigStore {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM config WHERE key = ?');
  const put = db.prepare('INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const del = db.prepare('DELETE FROM config WHERE key = ?');
  const value = (key: string) => get.get(key)?.value;

  // Explicit settings (env / installer) win; otherwise keep what the terminal already had.
  db.transaction(() => {
    const id = defaults.terminalId ?? value('terminalId') ?? `KSK-${randomBytes(3).toString('hex').toUpperCase()}`;
    if (value('terminalId') !== undefined && value('terminalId') !== id) del.run('credential');
    put.run('terminalId', id);
    put.run('terminalName', defaults.terminalName ?? value('terminalName') ?? id);
    put.run('location', defaults.location ?? value('location') ?? '');
    if (value('hubUrl') !== undefined && value('hubUrl') !== defaults.hubUrl) del.run('credential');
    put.run('hubUrl', defaults.hubUrl);
  })();

  return {
    read: () => ({
      terminalId: value('terminalId')!,
      terminalName: value('terminalName')!,
      location: value('location')!,
      hubUrl: value('hubUrl')!,
    }),
    credential() {
      const sealed = value('credential');
      return sealed ? sealer.open<string>(Buffer.from(sealed, 'base64')) : null;
    },
    setCredential(credential) {
      if (credential === null) del.run('credential');
      else put.run('credential', sealer.seal(credential).toString('base64'));
    },
    enrolledAs(terminalId, credential) {
      db.transaction(() => {
        put.run('terminalId', terminalId);
        put.run('credential', sealer.seal(credential).toString('base64'));
        del.run('proposedCredential');
      })();
    },
    proposedCredential() {
      const sealed = value('proposedCredential');
      if (sealed) return sealer.open<string>(Buffer.from(sealed, 'base64'));
      const chosen = randomBytes(32).toString('base64url');
      put.run('proposedCredential', sealer.seal(chosen).toString('base64'));
      return chosen;
    },
  };
}
