import { describe, expect, it, vi } from 'vitest';
import { bridgeUrl, SECRET_STORAGE_KEY, takeBridgeSecret, type LocationLike } from '../../renderer/api/bridgeSecret.js';

const loc = (hash: string, extra: Partial<LocationLike> = {}): LocationLike => ({
  protocol: 'http:',
  host: '127.0.0.1:4310',
  pathname: '/index.html',
  search: '?idleMs=1000',
  hash,
  ...extra,
});
const memoryStorage = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
};

describe('bridge secret', () => {
  it('moves the secret from the fragment into sessionStorage and strips it from the address', () => {
    const storage = memoryStorage();
    const history = { replaceState: vi.fn() };
    expect(takeBridgeSecret(loc('#secret=a%2Bb%2F%3D'), storage, history)).toBe('a+b/=');
    expect(storage.map.get(SECRET_STORAGE_KEY)).toBe('a+b/=');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/index.html?idleMs=1000');
  });

  it('keeps other fragment parameters', () => {
    const history = { replaceState: vi.fn() };
    takeBridgeSecret(loc('#secret=s&x=1'), memoryStorage(), history);
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/index.html?idleMs=1000#x=1');
  });

  it('finds the secret in sessionStorage after a reload', () => {
    const storage = memoryStorage();
    storage.setItem(SECRET_STORAGE_KEY, 'kept');
    const history = { replaceState: vi.fn() };
    expect(takeBridgeSecret(loc(''), storage, history)).toBe('kept');
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('still works when storage is unavailable', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeBridgeSecret(loc('#secret=s'), broken, { replaceState: vi.fn() })).toBe('s');
    expect(takeBridgeSecret(loc(''), broken, { replaceState: vi.fn() })).toBeNull();
    expect(takeBridgeSecret(loc(''), null, { replaceState: vi.fn() })).toBeNull();
  });

  it('builds the bridge URL on the page’s own host, ws or wss to match', () => {
    expect(bridgeUrl(loc(''), 'a b&c')).toBe('ws://127.0.0.1:4310/bridge?secret=a%20b%26c');
    expect(bridgeUrl(loc('', { protocol: 'https:', host: 'kiosk.local' }), 's')).toBe('wss://kiosk.local/bridge?secret=s');
    expect(bridgeUrl(loc(''), null)).toBe('ws://127.0.0.1:4310/bridge');
  });
});
