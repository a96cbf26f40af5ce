import { describe, expect, it } from 'vitest';
import { deviceAlerts, deviceProblems, reportedDeviceState } from '../../shared/terminals/deviceHealth.js';
import type { Heartbeat } from '../../shared/terminals/heartbeat.js';
import { alertKinds, alertSignal, DEFAULT_THRESHOLDS, healthSignal, heartbeatAlerts, terminalHealth } from '../../shared/terminals/terminalHealth.js';

// The devices in a heartbeat and the one colour rule (shared/terminals/deviceHealth.ts): a kiosk
// without a camera or without paper still files, so it is amber with what stopped working; red
// is a kiosk out of reach or not delivering; fixed devices clear it.

const now = Date.parse('2026-12-05T10:00:00Z');
function beat(devices: Partial<Heartbeat['devices']>): Heartbeat {
  return {
    sentAt: new Date(now).toISOString(),
    appVersion: '1.0.0',
    uptimeS: 60,
    outbox: { depth: 0, oldestAgeS: null, parked: 0 },
    lastSyncAt: null,
    devices: { camera: 'ok', microphone: 'ok', printer: 'ok', ...devices },
    diskFreeMb: 50_000,
    playlist: { version: null, cache: 'ok', items: 3 },
    lastTouchAt: null,
    screen: 'home',
    configVersion: 0,
    commandsDone: [],
  };
}
const healthOf = (devices: Partial<Heartbeat['devices']>) => terminalHealth({ receivedAt: new Date(now).toISOString(), heartbeat: beat(devices) }, now, DEFAULT_THRESHOLDS);

describe('device health', () => {
  it('says what each device problem stops, all amber', () => {
    expect(deviceProblems(beat({}).devices)).toEqual([]);
    expect(deviceProblems(beat({ camera: 'unknown', microphone: 'unknown', printer: 'unknown' }).devices)).toEqual([]);
    expect(deviceProblems(beat({ camera: 'denied' }).devices)).toEqual([{ device: 'camera', state: 'denied', consequence: 'callsWithoutPicture', signal: 'amber' }]);
    expect(deviceProblems(beat({ microphone: 'failed' }).devices)).toEqual([{ device: 'microphone', state: 'failed', consequence: 'callsWithoutSound', signal: 'amber' }]);
    for (const printer of ['paper_out', 'cover_open', 'offline', 'error'] as const) {
      expect(deviceProblems(beat({ printer }).devices)).toEqual([{ device: 'printer', state: printer, consequence: 'receiptsCannotPrint', signal: 'amber' }]);
    }
    // an old kiosk's 'error' reads as a failed camera
    expect(deviceProblems(beat({ camera: 'error', printer: 'paper_out' }).devices).map((p) => p.device)).toEqual(['camera', 'printer']);
  });

  it('turns a tile amber for a device problem, red when offline, and back to green when fixed', () => {
    expect(healthSignal[healthOf({ camera: 'missing' })]).toBe('amber');
    expect(healthSignal[healthOf({ printer: 'paper_out' })]).toBe('amber');
    expect(healthSignal[healthOf({ printer: 'ok' })]).toBe('green');
    expect(healthSignal[terminalHealth({ receivedAt: new Date(now - DEFAULT_THRESHOLDS.offlineAfterMs - 1).toISOString(), heartbeat: beat({}) }, now, DEFAULT_THRESHOLDS)]).toBe('red');
    expect(healthSignal[terminalHealth(null, now, DEFAULT_THRESHOLDS)]).toBe('grey');
  });

  it('raises an alert (amber) for paper out, cover open, and a camera or microphone missing, refused or failing', () => {
    const alerts = (devices: Partial<Heartbeat['devices']>) => [...heartbeatAlerts(beat(devices), DEFAULT_THRESHOLDS)].sort();
    expect(alerts({})).toEqual([]);
    expect(alerts({ camera: 'unknown', microphone: 'unknown', printer: 'unknown' })).toEqual([]);
    expect(alerts({ printer: 'paper_out' })).toEqual(['printer_paper_out']);
    expect(alerts({ printer: 'cover_open', camera: 'failed' })).toEqual(['camera_failed', 'printer_cover_open']);
    expect(alerts({ camera: 'missing', microphone: 'denied' })).toEqual(['camera_missing', 'microphone_denied']);
    expect(alerts({ camera: 'denied', microphone: 'missing' })).toEqual(['camera_denied', 'microphone_missing']);
    // an old kiosk's 'error' is a failure; a printer offline or in error shows amber on the tile, with no alert
    expect(alerts({ camera: 'error', microphone: 'failed', printer: 'offline' })).toEqual(['camera_failed', 'microphone_failed']);
    expect(deviceAlerts(beat({ printer: 'error' }).devices)).toEqual([]);
    expect(Object.entries(alertSignal).filter(([, colour]) => colour === 'red')).toEqual([
      ['offline', 'red'],
      ['outbox_stuck', 'red'],
    ]);
    expect(Object.keys(alertSignal).sort()).toEqual([...alertKinds].sort());
  });

  it('keeps a refused or failed camera until a report that tried it, believing the list about absence', () => {
    expect(reportedDeviceState('failed', 'ok', false)).toBe('failed');
    expect(reportedDeviceState('denied', 'ok', false)).toBe('denied');
    expect(reportedDeviceState('error', 'unknown', false)).toBe('error');
    expect(reportedDeviceState('failed', 'ok', true)).toBe('ok');
    expect(reportedDeviceState('failed', 'missing', false)).toBe('missing');
    expect(reportedDeviceState('missing', 'ok', false)).toBe('ok');
    expect(reportedDeviceState('ok', 'failed', true)).toBe('failed');
    expect(reportedDeviceState('unknown', 'ok', false)).toBe('ok');
  });
});
