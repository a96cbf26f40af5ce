import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { ADMIN_PIN_SCRYPT, type AdminPinDigest } from '../../shared/kioskAdmin.js';
import type { DbScope } from '../db/engine.js';

// The kiosk staff panel's PIN per site (shared/kioskAdmin.ts): hashed here with a fresh salt, kept
// only as that digest (site_admin_pins, the only SQL of it), and read for a terminal's heartbeat reply.

const scryptAsync = promisify(scrypt) as (pin: string, salt: string, keyLength: number, options: object) => Promise<Buffer>;

export async function digestAdminPin(pin: string, setAt: string): Promise<AdminPinDigest> {
  const salt = randomBytes(18).toString('base64url');
  const { keyLength, ...cost } = ADMIN_PIN_SCRYPT;
  const hash = (await scryptAsync(pin, salt, keyLength, cost)).toString('hex');
  return { salt, hash, setAt };
}

export function adminPinStore() {
  return {
    async set(scope: DbScope, siteId: string, digest: AdminPinDigest, setBy: string): Promise<void> {
      const row = { salt: digest.salt, pin_hash: digest.hash, set_at: digest.setAt, set_by: setBy };
      await scope.db
        .insertInto('site_admin_pins')
        .values({ site_id: siteId, ...row })
        .onConflict((oc) => oc.column('site_id').doUpdateSet(row))
        .execute();
    },
    /** The digest for a terminal's site, or null (no site, no PIN set: the panel stays shut). */
    async siteOf(scope: DbScope, terminalId: string): Promise<string | null> {
      const row = await scope.db.selectFrom('terminals').select('site_id').where('terminal_id', '=', terminalId).executeTakeFirst();
      return row?.site_id ?? null;
    },
    async forTerminal(scope: DbScope, terminalId: string): Promise<AdminPinDigest | null> {
      const row = await scope.db
        .selectFrom('terminals')
        .innerJoin('site_admin_pins', 'site_admin_pins.site_id', 'terminals.site_id')
        .select(['site_admin_pins.salt', 'site_admin_pins.pin_hash', 'site_admin_pins.set_at'])
        .where('terminals.terminal_id', '=', terminalId)
        .executeTakeFirst();
      return row ? { salt: row.salt, hash: row.pin_hash, setAt: row.set_at } : null;
    },
  };
}
export type AdminPinStore = ReturnType<typeof adminPinStore>;
