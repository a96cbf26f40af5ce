import { useEffect, useState } from 'react';
import type { KioskApi, SyncStatus } from '../../shared/contract.js';

const REFRESH_MS = 30_000;

/**
 * The outbox's state as the agent reports it: first by asking, then from its events. Asked again
 * whenever the page's link to the agent comes back (events sent meanwhile never arrived).
 */
export function useSyncStatus(api: KioskApi, linked: boolean): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    if (!linked) return;
    let live = true;
    const ask = () => {
      void api.call('sync.status').then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    };
    const off = api.on('sync.status', (payload) => {
      if (live) setStatus(payload);
    });
    ask();
    // Events may be missed while the bridge reconnects; a slow refresh keeps the indicator honest.
    const timer = setInterval(ask, REFRESH_MS);
    return () => {
      live = false;
      off();
      clearInterval(timer);
    };
  }, [api, linked]);
  // Without the link, the last report says nothing about now.
  return linked ? status : null;
}
