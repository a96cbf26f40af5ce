import type { StaffRole } from '../../shared/staff/roles.js';
import type { CounterEntry } from '../../shared/counter/counterProtocol.js';
import type { CounterSignInRow } from './counterSignInStore.js';

// Who may work a terminal's counter, and which intakes count as entered there. Pure.

/** Only counter staff, and only of the site the terminal stands at. */
export function mayWorkCounter(account: { role: StaffRole; siteId: string | null; active: boolean }, terminalSiteId: string): boolean {
  return account.active && account.role === 'counter_staff' && account.siteId === terminalSiteId;
}

/**
 * An intake's counter entry stands if it names a sign-in made at this very terminal by that staff
 * member. Not its expiry: an intake entered during the sign-in may be delivered days later.
 */
export function entryStands(entry: CounterEntry, terminalId: string, signIn: CounterSignInRow | null): signIn is CounterSignInRow {
  return signIn !== null && signIn.terminalId === terminalId && signIn.username === entry.staffUsername;
}
