import { useEffect } from 'react';
import type { KioskApi } from '../../shared/contract.js';

/**
 * A renderer that starts (or restarts after a crash) on the home screen has no call on screen:
 * if the agent still holds one from before, hang it up so no mediator waits for a ghost.
 */
export function useStaleCallCleanup(api: KioskApi): void {
  useEffect(() => {
    void api.call('call.current').then((r) => {
      if (r.ok && r.value) void api.call('call.hangup', { callId: r.value.state.callId });
    });
  }, [api]);
}
