import { BRIDGE_PATH, SECRET_FRAGMENT_KEY } from '../../shared/bridgeProtocol.js';

// The browser host hands the page its per-launch secret in the URL fragment (never sent to a
// server). On first load it is moved into sessionStorage and removed from the address, so it is
// neither shown nor bookmarked; reloads find it in sessionStorage.

export const SECRET_STORAGE_KEY = 'kiosk.bridgeSecret';

export interface LocationLike {
  readonly protocol: string;
  readonly host: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | null): void;
}

export function takeBridgeSecret(location: LocationLike, storage: StorageLike | null, history: HistoryLike): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromFragment = fragment.get(SECRET_FRAGMENT_KEY);
  if (fromFragment) {
    try {
      storage?.setItem(SECRET_STORAGE_KEY, fromFragment);
    } catch {
      // storage disabled or full: the secret still works for this page's lifetime
    }
    fragment.delete(SECRET_FRAGMENT_KEY);
    const rest = fragment.toString();
    try {
      history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    } catch {
      // an opaque origin may refuse; nothing else to do
    }
    return fromFragment;
  }
  try {
    return storage?.getItem(SECRET_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function bridgeUrl(location: Pick<LocationLike, 'protocol' | 'host'>, secret: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = secret === null ? '' : `?secret=${encodeURIComponent(secret)}`;
  return `${scheme}://${location.host}${BRIDGE_PATH}${query}`;
}
