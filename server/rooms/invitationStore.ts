import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { DbScope } from '../db/engine.js';
import { JOIN_CODE_DIGITS, JOIN_CODE_TTL_MS, JOIN_TRIES_PER_CODE } from '../../shared/rooms/joining.js';

// The only SQL of room invitations (migration 0023). A code is stored as its sha256; it is let in
// by one conditional UPDATE (unused, unexpired, under the failure limit), so two browsers racing
// with the same code cannot both get in.

export interface StoredInvitation {
  inviteId: string;
  callId: string;
  caseId: string | null;
  role: string;
  expiresAt: string;
  usedAt: string | null;
  /** Who the code let in (a join pass's identity, or `terminal:<id>`). */
  usedBy: string | null;
  failures: number;
}

const stored = (r: {
  invite_id: string;
  call_id: string;
  case_id: string | null;
  role: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  failures: number;
}): StoredInvitation => ({
  inviteId: r.invite_id,
  callId: r.call_id,
  caseId: r.case_id,
  role: r.role,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
  failures: r.failures,
});

export const codeHash = (code: string): string => createHash('sha256').update(`room-invite:${code}`).digest('hex');

export type InvitationStore = ReturnType<typeof invitationStore>;

export function invitationStore() {
  return {
    /** A new invitation with a fresh code (retried on the rare clash with a live code). */
    async create(scope: DbScope, i: { callId: string; caseId: string | null; role: string; createdBy: string; at: Date }): Promise<{ code: string; inviteId: string; expiresAt: string }> {
      const expiresAt = new Date(i.at.getTime() + JOIN_CODE_TTL_MS).toISOString();
      for (;;) {
        const code = String(randomInt(0, 10 ** JOIN_CODE_DIGITS)).padStart(JOIN_CODE_DIGITS, '0');
        const hash = codeHash(code);
        const taken = await scope.db.selectFrom('room_invitations').select('expires_at').where('code_hash', '=', hash).executeTakeFirst();
        // An expired or used code's row goes, so the six digits can serve again.
        if (taken && taken.expires_at > i.at.toISOString()) continue;
        if (taken) await scope.db.deleteFrom('room_invitations').where('code_hash', '=', hash).execute();
        const inviteId = randomBytes(12).toString('base64url');
        await scope.db
          .insertInto('room_invitations')
          .values({
            code_hash: hash,
            invite_id: inviteId,
            call_id: i.callId,
            case_id: i.caseId,
            role: i.role,
            created_by: i.createdBy,
            created_at: i.at.toISOString(),
            expires_at: expiresAt,
            used_at: null,
            used_by: null,
          })
          .execute();
        return { code, inviteId, expiresAt };
      }
    },

    async byCode(scope: DbScope, code: string): Promise<StoredInvitation | null> {
      const r = await scope.db.selectFrom('room_invitations').selectAll().where('code_hash', '=', codeHash(code)).executeTakeFirst();
      return r ? stored(r) : null;
    },

    /** The invitation a join link names (after the call too: the link then opens its record to sign). */
    async byInvite(scope: DbScope, inviteId: string): Promise<StoredInvitation | null> {
      const r = await scope.db.selectFrom('room_invitations').selectAll().where('invite_id', '=', inviteId).executeTakeFirst();
      return r ? stored(r) : null;
    },

    /** A wrong identity given with this code. */
    async failed(scope: DbScope, code: string): Promise<void> {
      await scope.db
        .updateTable('room_invitations')
        .set((eb) => ({ failures: eb('failures', '+', 1) }))
        .where('code_hash', '=', codeHash(code))
        .execute();
    },

    /** Uses the code up for `usedBy`; false if it was used, expired or exhausted meanwhile. */
    async use(scope: DbScope, code: string, usedBy: string, at: Date): Promise<boolean> {
      const result = await scope.db
        .updateTable('room_invitations')
        .set({ used_at: at.toISOString(), used_by: usedBy })
        .where('code_hash', '=', codeHash(code))
        .where('used_at', 'is', null)
        .where('expires_at', '>', at.toISOString())
        .where('failures', '<', JOIN_TRIES_PER_CODE)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
