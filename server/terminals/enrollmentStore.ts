import { randomUUID } from 'node:crypto';
import type { EnrollmentRefusal } from '../../shared/terminals/enrollment.js';
import type { DbScope } from '../db/engine.js';

// The SQL of enrollment (shared/terminals/enrollment.ts): one-time tokens and the terminal rows they
// create. Every method takes the caller's scope, so claiming a token and enrolling the terminal
// happen in one transaction: a failed enrollment leaves the token unused.

export interface TerminalDetails {
  terminalId: string;
  name: string;
  location: string;
  siteId: string | null;
}

export interface TokenIssue extends TerminalDetails {
  tokenHash: string;
  issuedAt: string;
  issuedBy: string;
  expiresAt: string;
}

export type TerminalStanding = 'enrolled' | 'revoked' | 'pending' | 'unknown';

export type EnrollmentStore = ReturnType<typeof enrollmentStore>;

export function enrollmentStore() {
  return {
    /** Where a terminal id stands: enrolled (active credential), revoked, only a token issued, or unknown. */
    async standing(scope: DbScope, terminalId: string, now: string): Promise<TerminalStanding> {
      const row = await scope.db.selectFrom('terminals').select('revoked_at').where('terminal_id', '=', terminalId).executeTakeFirst();
      if (row) return row.revoked_at === null ? 'enrolled' : 'revoked';
      const token = await scope.db
        .selectFrom('terminal_enrollment_tokens')
        .select('token_hash')
        .where('terminal_id', '=', terminalId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return token ? 'pending' : 'unknown';
    },

    /** The terminal's details: its row if it has one, else those of its newest token. */
    async details(scope: DbScope, terminalId: string): Promise<TerminalDetails | null> {
      const row = await scope.db.selectFrom('terminals').select(['terminal_id as terminalId', 'name', 'location', 'site_id as siteId']).where('terminal_id', '=', terminalId).executeTakeFirst();
      if (row) return row;
      const token = await scope.db
        .selectFrom('terminal_enrollment_tokens')
        .select(['terminal_id as terminalId', 'name', 'location', 'site_id as siteId'])
        .where('terminal_id', '=', terminalId)
        .orderBy('issued_at', 'desc')
        .executeTakeFirst();
      return token ?? null;
    },

    /** Stores a new token; the terminal's earlier unused tokens stop working (marked used now). */
    async issue(scope: DbScope, t: TokenIssue): Promise<void> {
      await scope.db.updateTable('terminal_enrollment_tokens').set({ used_at: t.issuedAt }).where('terminal_id', '=', t.terminalId).where('used_at', 'is', null).execute();
      await scope.db
        .insertInto('terminal_enrollment_tokens')
        .values({
          token_hash: t.tokenHash,
          terminal_id: t.terminalId,
          name: t.name,
          location: t.location,
          site_id: t.siteId,
          issued_at: t.issuedAt,
          issued_by: t.issuedBy,
          expires_at: t.expiresAt,
          used_at: null,
        })
        .execute();
    },

    /** Uses the token (once): the terminal it was issued for, or why it cannot be used. */
    async claim(scope: DbScope, tokenHash: string, now: string): Promise<TerminalDetails | { refused: EnrollmentRefusal }> {
      const row = await scope.db
        .selectFrom('terminal_enrollment_tokens')
        .select(['terminal_id as terminalId', 'name', 'location', 'site_id as siteId', 'used_at', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return { refused: 'token_unknown' };
      if (row.used_at !== null) return { refused: 'token_used' };
      if (row.expires_at <= now) return { refused: 'token_expired' };
      // the guard on used_at makes two racing claims of one token end with one winner
      const claimed = await scope.db.updateTable('terminal_enrollment_tokens').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return { refused: 'token_used' };
      return { terminalId: row.terminalId, name: row.name, location: row.location, siteId: row.siteId };
    },

    /**
     * Gives the terminal its credential: a new row, or a revoked one taken back into service. An
     * enrolled terminal is never overwritten (false): staff must revoke it first.
     */
    async enroll(scope: DbScope, t: TerminalDetails & { credentialHash: string; at: string }): Promise<boolean> {
      const existing = await scope.db.selectFrom('terminals').select('revoked_at').where('terminal_id', '=', t.terminalId).executeTakeFirst();
      if (existing && existing.revoked_at === null) return false;
      if (existing) {
        const r = await scope.db
          .updateTable('terminals')
          .set({ name: t.name, location: t.location, site_id: t.siteId, credential_hash: t.credentialHash, credential_issued_at: t.at, revoked_at: null })
          .where('terminal_id', '=', t.terminalId)
          .where('revoked_at', 'is not', null)
          .executeTakeFirst();
        return Number(r.numUpdatedRows) === 1;
      }
      const inserted = await scope.db
        .insertInto('terminals')
        .values({ terminal_id: t.terminalId, name: t.name, location: t.location, site_id: t.siteId, credential_hash: t.credentialHash, enrolled_at: t.at, credential_issued_at: t.at })
        .onConflict((oc) => oc.column('terminal_id').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /** Ends the terminal's credential at once (false if it has none to end). */
    async revoke(scope: DbScope, terminalId: string, at: string): Promise<boolean> {
      const r = await scope.db
        .updateTable('terminals')
        // a value no sha256 hex digest can equal, unique as the column requires
        .set({ revoked_at: at, credential_hash: `revoked:${randomUUID()}` })
        .where('terminal_id', '=', terminalId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
