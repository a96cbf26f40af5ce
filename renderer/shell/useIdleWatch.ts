import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { IdleWatch } from './idleWatch.js';

const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'input'] as const;

interface IdleWarningState {
  /** Milliseconds left before the wipe, or null when no warning is showing. */
  remainingMs: number | null;
  continue: () => void;
}

/**
 * While `active`, watches for touches; after `idleMs` untouched it reports a countdown of
 * `warnMs`, then calls `onExpire`. Restarts whenever `active` or `resetKey` changes.
 */
export function useIdleWatch(active: boolean, idleMs: number, warnMs: number, onExpire: () => void, resetKey: unknown): IdleWarningState {
  const [remainingMs, setRemainingMs] = useState<number | null>(null);
  const watchRef = useRef<IdleWatch | null>(null);
  const expireRef = useRef(onExpire);
  useLayoutEffect(() => {
    expireRef.current = onExpire;
  });

  useEffect(() => {
    if (!active) return;
    const watch = new IdleWatch({
      idleMs,
      warnMs,
      onWarn: (ms) => setRemainingMs(ms),
      onExpire: () => {
        setRemainingMs(null);
        expireRef.current();
      },
    });
    watchRef.current = watch;
    const onActivity = () => watch.activity();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    watch.start();
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      watch.stop();
      if (watchRef.current === watch) watchRef.current = null;
      // A restart (or the end of watching) takes any warning away with the watch that showed it.
      setRemainingMs(null);
    };
  }, [active, idleMs, warnMs, resetKey]);

  return {
    remainingMs,
    continue: () => {
      watchRef.current?.continue();
      setRemainingMs(null);
    },
  };
}
