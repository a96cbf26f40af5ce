import type { ScreenState } from '../../shared/terminals/heartbeat.js';

// When a kiosk may install an update (pure): only when no resident is using it. The idle loop
// means nobody has touched it for the idle timeout; the home screen only after a quiet spell, since
// a resident may be reading it. Mid-intake, at the receipt, in a call, checking a case, at the
// counter or in the staff panel, the update waits.

/** How long the home screen must be untouched before an update may install there. */
export const HOME_QUIET_MS = 2 * 60_000;

export function mayInstall(screen: ScreenState, lastTouchAt: string | null, now: number): boolean {
  if (screen === 'idle_loop') return true;
  if (screen !== 'home') return false;
  return lastTouchAt === null || now - Date.parse(lastTouchAt) >= HOME_QUIET_MS;
}
