import type { TerminalSummary } from '../../shared/signalling.js';
import type { Database as HubDatabase } from 'better-sqlite3';

// Enrolled kiosks: who they are, where they stand, and the hash of their bearer credential.

export interface TerminalEnrollment {
  terminalId: string;
  name: string;
  location: string;
  credentialHash: string;
  at: string;
}

export type TerminalStore = ReturnType<typeof openTerminalStore>;

export function openTerminalStore(db: HubDatabase) {
  const s = {
    upsert: db.prepare(`
      INSERT INTO terminals (terminal_id, name, location, credential_hash, enrolled_at, credential_issued_at)
      VALUES (@terminalId, @name, @location, @credentialHash, @at, @at)
      ON CONFLICT (terminal_id) DO UPDATE SET
        name = excluded.name, location = excluded.location,
        credential_hash = excluded.credential_hash, credential_issued_at = excluded.credential_issued_at`),
    byCredential: db.prepare(`SELECT terminal_id AS terminalId FROM terminals WHERE credential_hash = ?`),
    summary: db.prepare(`SELECT terminal_id AS terminalId, name, location FROM terminals WHERE terminal_id = ?`),
  };
  return {
    /** Creates the terminal, or rotates its credential and details if it enrolls again. */
    enroll(e: TerminalEnrollment): void {
      s.upsert.run(e);
    },
    byCredentialHash(hash: string): string | null {
      return (s.byCredential.get(hash) as { terminalId: string } | undefined)?.terminalId ?? null;
    },
    /** Name and place for staff; an unknown id stands for itself. */
    summary(terminalId: string): TerminalSummary {
      return (s.summary.get(terminalId) as TerminalSummary | undefined) ?? { terminalId, name: terminalId, location: '' };
    },
  };
}
