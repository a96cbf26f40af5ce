import { useEffect, useState } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import type { HelpReason, StaffHelpState } from '../../shared/terminals/helpRequest.js';

/** Where the resident's call for staff stands: being sent, told, waiting for the network, or not sent at all. */
export type HelpProgress = 'asking' | StaffHelpState['delivery'] | 'failed';

const RECHECK_MS = 1_500;

/**
 * Asks the agent to tell staff (once per opening of the dialog) and follows the request until
 * the hub has it, so the dialog never promises more than is true.
 */
export function useHelpRequest(api: KioskApi, reason: HelpReason, screen: ScreenState): HelpProgress {
  const [progress, setProgress] = useState<HelpProgress>('asking');
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = (state: StaffHelpState) => {
      if (!live) return;
      setProgress(state.delivery);
      if (state.delivery !== 'told')
        timer = setTimeout(() => {
          void api.call('terminal.helpState', { requestId: state.requestId }).then((r) => (r.ok ? follow(r.value) : live && setProgress('failed')));
        }, RECHECK_MS);
    };
    void api.call('terminal.askStaff', { reason, screen }).then((r) => (r.ok ? follow(r.value) : live && setProgress('failed')));
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one request per opening; the screen it was asked from does not change it
  }, [api, reason]);
  return progress;
}
