import type { HostLink } from '../api/hostLink.js';

// What the resident is told about the page's link to its host. A drop or a slow first connect
// is given a short grace (the host answers a restart within a second or two, and a reconnect
// should not flash a warning); after that the page says plainly that it cannot reach its host.

export type HostLinkState = 'connected' | 'connecting' | 'lost';

export const HOST_LOST_AFTER_MS = 2_500;

/** `downSinceMs`: when the link was last seen down (the page's start if it never came up). */
export function hostLinkState(connected: boolean, downSinceMs: number, nowMs: number): HostLinkState {
  if (connected) return 'connected';
  return nowMs - downSinceMs >= HOST_LOST_AFTER_MS ? 'lost' : 'connecting';
}

/** How long until a link that is down now should be reported lost (0: already). */
export function msUntilLost(downSinceMs: number, nowMs: number): number {
  return Math.max(0, downSinceMs + HOST_LOST_AFTER_MS - nowMs);
}

/** The link's state as it changes, with the grace timed here rather than in a component. */
export interface HostLinkWatch {
  readonly state: HostLinkState;
  onChange(listener: () => void): () => void;
}

export function watchHostLink(link: HostLink, now: () => number = Date.now): HostLinkWatch {
  const listeners = new Set<() => void>();
  let connected = link.connected;
  let state = hostLinkState(connected, now(), now());
  let timer: ReturnType<typeof setTimeout> | null = null;
  const update = () => {
    const next = hostLinkState(connected, downSince, now());
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  };
  let downSince = now();
  const armGrace = () => {
    if (timer !== null) clearTimeout(timer);
    timer = connected ? null : setTimeout(update, msUntilLost(downSince, now()));
  };
  link.onChange((up) => {
    if (up === connected) return;
    connected = up;
    if (!up) downSince = now();
    armGrace();
    update();
  });
  armGrace();
  return {
    get state() {
      return state;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
