import type { Language } from '../../shared/intake.js';
import type { DeviceState, ScreenState, TerminalPresence, TerminalSettings } from '../../shared/terminals/heartbeat.js';
import type { Screen } from '../wizard/wizardMachine.js';

// What the kiosk's screen reports for the terminal's heartbeat, and how the settings court staff
// pushed shape the screen. Pure: the hooks beside this file only wire them to React and the agent.

/** The kind of screen up now: never which resident, never what they entered. */
export function screenState(screen: Screen, idleLoop: boolean): ScreenState {
  if (screen === 'home') return idleLoop ? 'idle_loop' : 'home';
  if (screen === 'receipt') return 'receipt';
  if (screen === 'call') return 'call';
  if (screen === 'checkCase') return 'check_case';
  return 'intake';
}

/** Camera and microphone as the browser lists them: present is ok, absent is missing. */
export function mediaStates(devices: ReadonlyArray<{ kind: string }> | null): Pick<TerminalPresence, 'camera' | 'microphone'> {
  if (!devices) return { camera: 'unknown', microphone: 'unknown' };
  const has = (kind: string) => (devices.some((d) => d.kind === kind) ? 'ok' : 'missing');
  return { camera: has('videoinput'), microphone: has('audioinput') };
}

type MediaDevices = Pick<TerminalPresence, 'camera' | 'microphone'>;

/**
 * Camera and microphone for the heartbeat from what the browser lists and how they last answered
 * in a call (renderer/webrtc/localMedia.ts). A refusal or a failure stands until a later call finds
 * the device working, since a listed camera can still be one that will not start; but a device no
 * longer listed is missing whatever it did before, and one listed again no longer is.
 */
export function presenceDevices(listed: MediaDevices, used: MediaDevices | null): MediaDevices {
  const one = (l: DeviceState, u: DeviceState | undefined): DeviceState => {
    if (l === 'missing' || u === undefined || u === 'unknown') return l;
    if (u === 'missing') return l === 'unknown' ? u : l;
    return u;
  };
  return { camera: one(listed.camera, used?.camera), microphone: one(listed.microphone, used?.microphone) };
}

/** Which devices a call on this page has tried (and that are still listed): their states come from use, not from the list. */
export function triedDevices(listed: MediaDevices, used: MediaDevices | null): { camera: boolean; microphone: boolean } {
  const tried = (l: DeviceState, u: DeviceState | undefined) => l !== 'missing' && u !== undefined && u !== 'unknown' && u !== 'missing';
  return { camera: tried(listed.camera, used?.camera), microphone: tried(listed.microphone, used?.microphone) };
}

/** The untouched time before the "still there?" warning: a URL override (tests, staff) wins over the pushed setting. */
export function idleMsWith(settings: TerminalSettings | null, urlIdleMs: number, urlOverrides: boolean): number {
  return settings && !urlOverrides ? settings.idleTimeoutS * 1000 : urlIdleMs;
}

/** The language the kiosk should show: the resident's choice if it is offered, else the first offered. */
export function offeredLanguage(current: Language, settings: TerminalSettings | null): Language {
  if (!settings || settings.languages.includes(current)) return current;
  return settings.languages[0]!;
}
