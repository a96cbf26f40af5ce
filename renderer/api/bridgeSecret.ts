import { BRIDGE_PATH, RESUME_QUERY_KEY, SECRET_FRAGMENT_KEY } from '../../shared/bridgeProtocol.js';

// The browser host hands the page its per-launch secret in the URL fragment (never sent to a
// server). On first load it is moved into sessionStorage and removed from the address, so it is
// neither shown nor bookmarked; reloads find it in sessionStorage. The host's resume ticket is
// kept beside it: after a host restart the old secret is refused and the ticket lets the page in.

export const SECRET_STORAGE_KEY = 'kiosk.bridgeSecret';
export const RESUME_STORAGE_KEY = 'kiosk.bridgeResume';

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

/** The host's latest resume ticket for this page: kept in memory and, for reloads, in sessionStorage. */
export class ResumeTicket {
  private ticket: string | null;

  constructor(private readonly storage: StorageLike | null) {
    try {
      this.ticket = storage?.getItem(RESUME_STORAGE_KEY) ?? null;
    } catch {
      this.ticket = null;
    }
  }

  get current(): string | null {
    return this.ticket;
  }

  keep(ticket: string): void {
    this.ticket = ticket;
    try {
      this.storage?.setItem(RESUME_STORAGE_KEY, ticket);
    } catch {
      // storage disabled or full: the ticket still serves this page's lifetime
    }
  }
}

export function bridgeUrl(location: Pick<LocationLike, 'protocol' | 'host'>, secret: string | null, resume: string | null = null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const pairs: [string, string | null][] = [
    [SECRET_FRAGMENT_KEY, secret],
    [RESUME_QUERY_KEY, resume],
  ];
  const query = pairs.flatMap(([key, value]) => (value === null ? [] : [`${key}=${encodeURIComponent(value)}`])).join('&');
  return `${scheme}://${location.host}${BRIDGE_PATH}${query ? `?${query}` : ''}`;
}
