import { useEffect } from 'react';

/**
 * Keeps the display awake while `active` (Screen Wake Lock API; the Electron shell also blocks
 * display sleep for the whole app). The lock is dropped by the browser when the page is hidden,
 * so it is taken again when the page comes back.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
    if (!active || !wakeLock) return;
    let sentinel: { release(): Promise<void> } | null = null;
    let live = true;
    const take = () => {
      if (document.visibilityState !== 'visible') return;
      wakeLock.request('screen').then(
        (s) => {
          if (live) sentinel = s;
          else void s.release();
        },
        () => undefined, // not allowed here (e.g. no secure context): the OS setting applies
      );
    };
    take();
    document.addEventListener('visibilitychange', take);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', take);
      void sentinel?.release().catch(() => undefined);
    };
  }, [active]);
}
