import type { FastifyRequest } from 'fastify';
import { can, type StaffAbility } from '../../shared/staff/roles.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import { passwordChangeRequired } from './passwordChange.js';
import { auditorOf, type StaffAuthenticator, type StaffPrincipal } from './principal.js';

// The one door check of every staff route (the court API's table and the hub's own pages and
// JSON): signed in (401), holding the ability (403 FORBIDDEN, audited as denied under the route's
// action), and past a password an admin set (403 PASSWORD_CHANGE_REQUIRED). The role is asked
// before the password: a role that may not is refused whatever its password, so it is told so (and
// the attempt audited) rather than sent to change a password that would not let it in.

export interface StaffGateDeps {
  scope: DbScope;
  authenticate: StaffAuthenticator;
  audit: AuditStore;
}

/** The refusal of a role (the court API's words for it: shared/courtApi/refusalWords.ts 'role'). */
export const roleRefused = (): HubError => new HubError(403, hubErrorCodes.forbidden, 'Your role does not allow this');

/** Refuses `principal` unless holding `ability` (null: any role; the refusal audited) and, unless `whileMustChange`, past the password change. */
export async function holdToAbility(deps: Pick<StaffGateDeps, 'scope' | 'audit'>, principal: StaffPrincipal, ability: StaffAbility | null, action: string, whileMustChange = false): Promise<void> {
  if (ability && !can(principal.account.role, ability)) {
    await deps.audit.record(deps.scope.db, auditorOf(principal), { action, outcome: 'denied', recordKind: 'ability', recordId: ability });
    throw roleRefused();
  }
  if (!whileMustChange && principal.account.mustChangePassword) throw passwordChangeRequired();
}

/** The caller of a staff route that needs `ability`, or a refusal thrown (see above). */
export async function admitStaff(deps: StaffGateDeps, request: FastifyRequest, ability: StaffAbility | null, action: string): Promise<StaffPrincipal> {
  const principal = await deps.authenticate(deps.scope, request);
  if (!principal) throw new HubError(401, hubErrorCodes.unauthorized, 'Staff sign-in required');
  await holdToAbility(deps, principal, ability, action);
  return principal;
}
