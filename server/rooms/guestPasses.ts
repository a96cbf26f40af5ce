import { randomBytes } from 'node:crypto';
import type { DbScope } from '../db/engine.js';
import { sha256Hex } from '../http/credentials.js';
import type { Vault } from '../personalData/vault.js';
import type { GuestPass } from '../signalling/mediationDesk.js';

// The pass a party gets for getting through the join page: it opens the room's guest socket for
// one call, again after a dropped network too (through whichever hub instance the proxy picks),
// until the call ends or the pass is a day old. The only SQL of passes (migration 0039): a row per
// pass, the token kept as its sha256 and the pass sealed (a helper's name is in it). Using the
// invitation code that earns a pass is the one-time step, atomic in the database
// (./invitationStore.ts); the pass itself is read, never used up, so reading it needs no lock.

const PASS_TTL_MS = 24 * 60 * 60_000;

export interface GuestPasses {
  issue(pass: GuestPass): Promise<string>;
  get(token: string | null | undefined): Promise<GuestPass | null>;
}

const tokenHash = (token: string) => sha256Hex(`guest-pass:${token}`);

export function guestPasses(scope: DbScope, vault: Vault, now: () => number = Date.now): GuestPasses {
  return {
    async issue(pass) {
      const at = new Date(now()).toISOString();
      await scope.db.deleteFrom('guest_passes').where('expires_at', '<=', at).execute();
      const token = randomBytes(24).toString('base64url');
      await scope.db
        .insertInto('guest_passes')
        .values({ token_hash: tokenHash(token), call_id: pass.callId, pass_sealed: vault.seal('guestPass', JSON.stringify(pass)), expires_at: new Date(now() + PASS_TTL_MS).toISOString() })
        .execute();
      return token;
    },
    async get(token) {
      if (!token) return null;
      const row = await scope.db.selectFrom('guest_passes').select('pass_sealed').where('token_hash', '=', tokenHash(token)).where('expires_at', '>', new Date(now()).toISOString()).executeTakeFirst();
      return row ? (JSON.parse(vault.open('guestPass', row.pass_sealed)) as GuestPass) : null;
    },
  };
}
