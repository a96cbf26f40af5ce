import { describe, expect, it } from 'vitest';
import { idleMsWith, mediaStates, offeredLanguage, presenceDevices, screenState, triedDevices } from '../../renderer/terminal/terminalPresence.js';
import { DEFAULT_TERMINAL_SETTINGS, printerStateAfter } from '../../shared/terminals/heartbeat.js';

// What the kiosk reports of its screen and devices for the heartbeat, and how pushed settings
// shape the screen (renderer/terminal/terminalPresence.ts, shared/terminals/heartbeat.ts).

describe('terminal presence', () => {
  it('names the kind of screen, never more', () => {
    expect(screenState('home', false)).toBe('home');
    expect(screenState('home', true)).toBe('idle_loop');
    expect(screenState('call', false)).toBe('call');
    expect(screenState('receipt', false)).toBe('receipt');
    expect(screenState('checkCase', false)).toBe('check_case');
    expect(screenState('submitting', false)).toBe('intake');
  });

  it('reports camera and microphone as the browser lists them', () => {
    expect(mediaStates(null)).toEqual({ camera: 'unknown', microphone: 'unknown' });
    expect(mediaStates([{ kind: 'audioinput' }, { kind: 'audiooutput' }])).toEqual({ camera: 'missing', microphone: 'ok' });
    expect(mediaStates([{ kind: 'videoinput' }, { kind: 'audioinput' }])).toEqual({ camera: 'ok', microphone: 'ok' });
  });

  it("keeps a call's refusal or failure until the device works again, but a device no longer listed is missing", () => {
    const listed = { camera: 'ok', microphone: 'ok' } as const;
    expect(presenceDevices(listed, null)).toEqual(listed);
    expect(presenceDevices(listed, { camera: 'failed', microphone: 'ok' })).toEqual({ camera: 'failed', microphone: 'ok' });
    expect(presenceDevices(listed, { camera: 'denied', microphone: 'denied' })).toEqual({ camera: 'denied', microphone: 'denied' });
    // unplugged since: missing; plugged back in after a call found it missing: listed again
    expect(presenceDevices({ camera: 'missing', microphone: 'ok' }, { camera: 'failed', microphone: 'ok' })).toEqual({ camera: 'missing', microphone: 'ok' });
    expect(presenceDevices(listed, { camera: 'missing', microphone: 'ok' })).toEqual(listed);
    expect(presenceDevices({ camera: 'unknown', microphone: 'unknown' }, { camera: 'missing', microphone: 'unknown' })).toEqual({ camera: 'missing', microphone: 'unknown' });
  });

  it('says which devices a call on this page tried, so only those may clear a failure the agent holds', () => {
    const listed = { camera: 'ok', microphone: 'ok' } as const;
    expect(triedDevices(listed, null)).toEqual({ camera: false, microphone: false });
    expect(triedDevices(listed, { camera: 'failed', microphone: 'unknown' })).toEqual({ camera: true, microphone: false });
    expect(triedDevices(listed, { camera: 'ok', microphone: 'denied' })).toEqual({ camera: true, microphone: true });
    // a call that found it missing did not try it; nor is an unplugged device's old answer a try
    expect(triedDevices(listed, { camera: 'missing', microphone: 'ok' })).toEqual({ camera: false, microphone: true });
    expect(triedDevices({ camera: 'missing', microphone: 'ok' }, { camera: 'ok', microphone: 'ok' })).toEqual({ camera: false, microphone: true });
  });

  it('keeps the printer state the last real print found', () => {
    expect(printerStateAfter('unknown', { printed: true })).toBe('ok');
    expect(printerStateAfter('ok', { printed: false, reason: 'paper_out' })).toBe('paper_out');
    expect(printerStateAfter('paper_out', { printed: false, reason: 'cover_open' })).toBe('cover_open');
    expect(printerStateAfter('paper_out', { printed: true })).toBe('ok');
    expect(printerStateAfter('ok', { printed: false, reason: 'no_printer' })).toBe('offline');
    expect(printerStateAfter('ok', { printed: false, reason: 'failed' })).toBe('error');
    expect(printerStateAfter('error', { printed: false, reason: 'already_printed' })).toBe('error');
  });
});

describe('pushed settings on the screen', () => {
  const pushed = { ...DEFAULT_TERMINAL_SETTINGS, idleTimeoutS: 45, languages: ['en' as const] };
  it('uses the pushed idle timeout unless the URL set one', () => {
    expect(idleMsWith(null, 120_000, false)).toBe(120_000);
    expect(idleMsWith(pushed, 120_000, false)).toBe(45_000);
    expect(idleMsWith(pushed, 2_000, true)).toBe(2_000);
  });

  it('keeps the resident on an offered language', () => {
    expect(offeredLanguage('zh-CN', null)).toBe('zh-CN');
    expect(offeredLanguage('zh-CN', pushed)).toBe('en');
    expect(offeredLanguage('en', pushed)).toBe('en');
  });
});
