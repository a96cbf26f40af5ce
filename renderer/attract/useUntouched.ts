import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

/**
 * True once the screen has been left untouched for `ms` while `enabled`; any touch, key or
 * wheel resets it. `wake()` resets it too (the loop's own exit).
 */
export function useUntouched(enabled: boolean, ms: number): { idle: boolean; wake: () => void } {
  const [idle, setIdle] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const arm = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setIdle(true), ms);
  }, [ms]);

  const wake = useCallback(() => {
    setIdle(false);
    arm();
  }, [arm]);

  useEffect(() => {
    setIdle(false);
    if (!enabled) return;
    arm();
    const onActivity = () => {
      setIdle(false);
      arm();
    };
    for (const name of ACTIVITY) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY) window.removeEventListener(name, onActivity, { capture: true });
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [enabled, arm]);

  return { idle: enabled && idle, wake };
}
