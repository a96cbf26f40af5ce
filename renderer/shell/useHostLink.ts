import { useMemo, useSyncExternalStore } from 'react';
import type { HostLink } from '../api/hostLink.js';
import { watchHostLink, type HostLinkState } from './hostLinkState.js';

/** The page's link to its host, as the shell shows it (renderer/shell/hostLinkState.ts). */
export function useHostLink(link: HostLink): HostLinkState {
  const watch = useMemo(() => watchHostLink(link), [link]);
  return useSyncExternalStore(
    (listener) => watch.onChange(listener),
    () => watch.state,
  );
}
