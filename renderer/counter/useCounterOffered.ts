import { useEffect, useState } from 'react';
import type { KioskApi } from '../../shared/contract.js';

/** Whether this terminal is a remote service counter (the agent's KIOSK_COUNTER). */
export function useCounterOffered(api: KioskApi): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    void api.call('counter.state').then((r) => live && r.ok && setOffered(r.value.enabled));
    return () => {
      live = false;
    };
  }, [api]);
  return offered;
}
