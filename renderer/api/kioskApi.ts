import { createKioskApi, type KioskApi } from '../../shared/contract.js';
import { bridgeUrl, ResumeTicket, takeBridgeSecret } from './bridgeSecret.js';
import { alwaysLinked, type HostLink } from './hostLink.js';
import { createWsTransport } from './wsTransport.js';

// The renderer's one door to the kiosk agent. In Electron the preload exposes `window.kiosk`;
// in the browser host the same contract runs over a WebSocket to 127.0.0.1.

let door: { api: KioskApi; link: HostLink } | null = null;

function open(): { api: KioskApi; link: HostLink } {
  if (door) return door;
  const exposed = (globalThis as { kiosk?: unknown }).kiosk;
  door = isKioskApi(exposed) ? { api: exposed, link: alwaysLinked } : createBrowserHostDoor();
  return door;
}

export function getKioskApi(): KioskApi {
  return open().api;
}

/** Whether the agent can be reached now (the shell says so when it cannot). */
export function getHostLink(): HostLink {
  return open().link;
}

function createBrowserHostDoor(): { api: KioskApi; link: HostLink } {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  const secret = takeBridgeSecret(window.location, storage, window.history);
  const resume = new ResumeTicket(storage);
  const transport = createWsTransport({
    url: () => bridgeUrl(window.location, secret, resume.current),
    onResume: (ticket) => resume.keep(ticket),
  });
  const link: HostLink = {
    get connected() {
      return transport.connected;
    },
    onChange: (listener) => transport.onConnectionChange(listener),
  };
  return { api: createKioskApi(transport), link };
}

function isKioskApi(value: unknown): value is KioskApi {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof KioskApi, unknown>>;
  return typeof v.call === 'function' && typeof v.on === 'function';
}
