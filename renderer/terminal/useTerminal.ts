import { useEffect, useState } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import type { ScreenState, TerminalSettings } from '../../shared/terminals/heartbeat.js';
import { mediaStates } from './terminalPresence.js';

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

/** Tells the agent which kind of screen is up (and the media devices present) whenever it changes. */
export function usePresenceReport(api: KioskApi, screen: ScreenState): void {
  useEffect(() => {
    let live = true;
    const media = navigator.mediaDevices?.enumerateDevices ? navigator.mediaDevices.enumerateDevices().catch(() => null) : Promise.resolve(null);
    void media.then((devices) => {
      if (live) void api.call('terminal.presence', { screen, ...mediaStates(devices) });
    });
    return () => {
      live = false;
    };
  }, [api, screen]);
}
