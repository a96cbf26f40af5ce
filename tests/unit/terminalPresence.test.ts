import { describe, expect, it } from 'vitest';
import { idleMsWith, mediaStates, offeredLanguage, screenState } from '../../renderer/terminal/terminalPresence.js';
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

  it('keeps the printer state the last real print found', () => {
    expect(printerStateAfter('unknown', { printed: true })).toBe('ok');
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
