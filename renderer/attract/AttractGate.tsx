import './attract.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { KioskApi } from '../../shared/contract.js';
import { DEFAULT_SETTINGS } from '../../shared/playlist.js';
import { readAttractOptions, type AttractOptions } from './attractOptions.js';
import { AttractScreen } from './AttractScreen.js';
import { useUntouched } from './useUntouched.js';

// Wraps the home screen: after the hub's idle delay untouched (and only while `enabled`: home,
// no resident's data, no call, no dialog), the legal-education loop covers the screen. Any touch
// removes it in the same frame. A loop that has taken over the screen (AttractScreen's onCover)
// leaves a transparent shield that absorbs the rest of the waking touch for a moment, so that
// touch does not also press a button on home; a loop still starting, or just appearing, has
// taken nothing: the touch reaches the control under it. The shield goes when it has eaten the
// touch's click — on a busy kiosk that click can come well after 400 ms, and a shield timed to
// 400 ms let it through to the button beneath — or, for a touch that makes no click (a swipe),
// after SHIELD_MAX_MS.

const SHIELD_MAX_MS = 1_500;

export interface AttractGateProps {
  api: KioskApi;
  enabled: boolean;
  children: ReactNode;
  options?: AttractOptions;
  /** Told when the loop starts and stops (the terminal's heartbeat reports it). */
  onIdle?: (idle: boolean) => void;
}

export function AttractGate({ api, enabled, children, options: given, onIdle }: AttractGateProps) {
  const options = useMemo(() => given ?? readAttractOptions(window.location.search), [given]);
  const [hubIdleMs, setHubIdleMs] = useState(DEFAULT_SETTINGS.attractAfterSeconds * 1000);
  const { idle } = useUntouched(enabled, options.idleMs ?? hubIdleMs);
  const [shield, setShield] = useState(false);
  const covered = useRef(false);
  const onCover = useCallback(() => {
    covered.current = true;
  }, []);

  // The idle delay is the court's setting (hub), unless the URL overrides it.
  useEffect(() => {
    if (options.idleMs !== null) return;
    let live = true;
    const load = () =>
      void api.call('playlist.current').then((r) => {
        if (live && r.ok) setHubIdleMs(r.value.settings.attractAfterSeconds * 1000);
      });
    load();
    const off = api.on('playlist.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [api, options.idleMs]);

  useEffect(() => onIdle?.(idle), [idle, onIdle]);

  useLayoutEffect(() => {
    if (idle) return;
    if (covered.current) setShield(true);
    covered.current = false;
  }, [idle]);
  useEffect(() => {
    if (!shield) return;
    const timer = setTimeout(() => setShield(false), SHIELD_MAX_MS);
    return () => clearTimeout(timer);
  }, [shield]);

  return (
    <>
      {children}
      {idle && createPortal(<AttractScreen api={api} options={options} onCover={onCover} />, document.body)}
      {shield &&
        createPortal(
          <div
            className="attract-shield"
            aria-hidden="true"
            onClickCapture={(e) => {
              e.preventDefault();
              e.stopPropagation();
              setShield(false);
            }}
          />,
          document.body,
        )}
    </>
  );
}
