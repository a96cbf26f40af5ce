import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import { TOUCH_REPORT_MS, type ScreenState, type TerminalPresence, type TerminalSettings } from '../../shared/terminals/heartbeat.js';
import { mediaHealth, onMediaHealth } from './mediaHealth.js';
import { mediaStates, presenceDevices, triedDevices } from './terminalPresence.js';

/** The settings court staff pushed to this terminal (the defaults until any), kept current from the agent's event. */
export function useTerminalSettings(api: KioskApi): TerminalSettings | null {
  const [settings, setSettings] = useState<TerminalSettings | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on('terminal.settings', (applied) => {
      if (live) setSettings(applied.settings);
    });
    void api.call('terminal.settings').then((r) => {
      if (live && r.ok) setSettings(r.value.settings);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return settings;
}

/**
 * Tells the agent which kind of screen is up (and the media devices: present, and how they last
 * answered in a call) whenever either changes,
 * and that the screen was touched (at most every TOUCH_REPORT_MS), so staff see when it was last used.
 */
export function usePresenceReport(api: KioskApi, screen: ScreenState): void {
  const last = useRef<TerminalPresence | null>(null);
  const used = useSyncExternalStore(onMediaHealth, mediaHealth);
  useEffect(() => {
    let live = true;
    const media = navigator.mediaDevices?.enumerateDevices ? navigator.mediaDevices.enumerateDevices().catch(() => null) : Promise.resolve(null);
    void media.then((devices) => {
      if (!live) return;
      const listed = mediaStates(devices);
      last.current = { screen, ...presenceDevices(listed, used), tried: triedDevices(listed, used) };
      void api.call('terminal.presence', last.current);
    });
    return () => {
      live = false;
    };
  }, [api, screen, used]);
  useEffect(() => {
    let reportedAt = -Infinity;
    const onTouch = () => {
      if (!last.current || performance.now() - reportedAt < TOUCH_REPORT_MS) return;
      reportedAt = performance.now();
      void api.call('terminal.presence', { ...last.current, touched: true });
    };
    window.addEventListener('pointerdown', onTouch, { capture: true, passive: true });
    return () => window.removeEventListener('pointerdown', onTouch, { capture: true });
  }, [api]);
}
