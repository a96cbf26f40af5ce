import { createKioskApi, type KioskApi } from '../../shared/contract.js';
import { bridgeUrl, takeBridgeSecret } from './bridgeSecret.js';
import { createWsTransport } from './wsTransport.js';

// The renderer's one door to the kiosk agent. In Electron the preload exposes `window.kiosk`;
// in the browser host the same contract runs over a WebSocket to 127.0.0.1.

let api: KioskApi | null = null;

export function getKioskApi(): KioskApi {
  if (api) return api;
  const exposed = (globalThis as { kiosk?: unknown }).kiosk;
  api = isKioskApi(exposed) ? exposed : createBrowserHostApi();
  return api;
}

function createBrowserHostApi(): KioskApi {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  const secret = takeBridgeSecret(window.location, storage, window.history);
  return createKioskApi(createWsTransport({ url: bridgeUrl(window.location, secret) }));
}

function isKioskApi(value: unknown): value is KioskApi {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof KioskApi, unknown>>;
  return typeof v.call === 'function' && typeof v.on === 'function';
}
