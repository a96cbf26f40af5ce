import type { TerminalSummary } from '../../shared/signalling.js';
import type { DbScope } from '../db/engine.js';

// Enrolled kiosks: who they are, where they stand, and the hash of their bearer credential.

export interface TerminalEnrollment {
  terminalId: string;
  name: string;
  location: string;
  credentialHash: string;
  at: string;
}

export type TerminalStore = ReturnType<typeof openTerminalStore>;

export function openTerminalStore({ db }: DbScope) {
  return {
    /** Creates the terminal, or replaces its credential and details (test seeding; the hub enrolls through enrollmentStore). */
    async enroll(e: TerminalEnrollment): Promise<void> {
      await db
        .insertInto('terminals')
        .values({ terminal_id: e.terminalId, name: e.name, location: e.location, credential_hash: e.credentialHash, enrolled_at: e.at, credential_issued_at: e.at })
        .onConflict((oc) =>
          oc.column('terminal_id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            location: eb.ref('excluded.location'),
            credential_hash: eb.ref('excluded.credential_hash'),
            credential_issued_at: eb.ref('excluded.credential_issued_at'),
          })),
        )
        .execute();
    },
    /** The terminal a credential belongs to, if it is in service: neither revoked nor retired. */
    async byCredentialHash(hash: string): Promise<string | null> {
      const row = await db.selectFrom('terminals').select('terminal_id').where('credential_hash', '=', hash).where('revoked_at', 'is', null).where('retired_at', 'is', null).executeTakeFirst();
      return row?.terminal_id ?? null;
    },
    /** Name and place for staff; an unknown id stands for itself. */
    async summary(terminalId: string): Promise<TerminalSummary> {
      const row = await db.selectFrom('terminals').select(['terminal_id as terminalId', 'name', 'location']).where('terminal_id', '=', terminalId).executeTakeFirst();
      return row ?? { terminalId, name: terminalId, location: '' };
    },
  };
}
