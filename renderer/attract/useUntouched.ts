import { useCallback, useEffect, useState } from 'react';
import { UntouchedWatch } from './untouchedWatch.js';

const PRESS = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;
const LIFT = ['pointerup', 'pointercancel'] as const;
const ALL_LIFTED = ['touchend', 'touchcancel'] as const;

/**
 * True once the screen has been left untouched for the whole of `ms` while `enabled` (see
 * UntouchedWatch): any touch, key or wheel resets it, a resting finger holds it. `wake()`
 * resets it too (the loop's own exit).
 */
export function useUntouched(enabled: boolean, ms: number): { idle: boolean; wake: () => void } {
  const [idle, setIdle] = useState(false);
  const [watch] = useState(() => new UntouchedWatch(ms, setIdle));

  useEffect(() => watch.setDelay(ms), [watch, ms]);

  useEffect(() => {
    if (!enabled) return;
    const press = (e: Event) => watch.activity(e.type === 'pointerdown' ? (e as PointerEvent).pointerId : undefined);
    const lift = (e: Event) => watch.release((e as PointerEvent).pointerId);
    const liftAll = (e: Event) => {
      if ((e as TouchEvent).touches.length === 0) watch.release();
    };
    const lost = () => watch.release();
    const options = { capture: true, passive: true } as const;
    for (const name of PRESS) window.addEventListener(name, press, options);
    for (const name of LIFT) window.addEventListener(name, lift, options);
    for (const name of ALL_LIFTED) window.addEventListener(name, liftAll, options);
    window.addEventListener('blur', lost);
    watch.start();
    return () => {
      for (const name of PRESS) window.removeEventListener(name, press, { capture: true });
      for (const name of LIFT) window.removeEventListener(name, lift, { capture: true });
      for (const name of ALL_LIFTED) window.removeEventListener(name, liftAll, { capture: true });
      window.removeEventListener('blur', lost);
      watch.stop();
    };
  }, [enabled, watch]);

  const wake = useCallback(() => watch.activity(), [watch]);
  return { idle: enabled && idle, wake };
}
