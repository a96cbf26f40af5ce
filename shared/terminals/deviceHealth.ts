import type { DeviceState, Heartbeat } from './heartbeat.js';

// What a terminal's devices mean for the people using it (issue 11 item 2: camera, microphone,
// printer in the heartbeat), and so which of them turn its tile amber.
// A kiosk with no camera or no paper still takes intakes — it is amber, with what no longer works
// said in words (no picture in video calls, receipts cannot print); red is kept for a terminal the
// court cannot reach or whose submissions are not arriving (the colours: terminalHealth.ts). Read
// by terminalHealth (degraded), the dashboard's tiles and the tests.

export const deviceConsequences = ['callsWithoutPicture', 'callsWithoutSound', 'receiptsCannotPrint'] as const;
export type DeviceConsequence = (typeof deviceConsequences)[number];

export interface DeviceProblem {
  device: keyof Heartbeat['devices'];
  state: string;
  /** What residents can no longer do at this terminal. */
  consequence: DeviceConsequence;
  signal: 'amber';
}

const mediaTrouble = new Set(['missing', 'denied', 'failed', 'error']);
const printerTrouble = new Set(['paper_out', 'cover_open', 'offline', 'error']);

/** The devices that need a hand, with what each stops; `unknown` (not yet found out) is not a problem. */
export function deviceProblems(devices: Heartbeat['devices']): DeviceProblem[] {
  const problems: DeviceProblem[] = [];
  if (mediaTrouble.has(devices.camera)) problems.push({ device: 'camera', state: devices.camera, consequence: 'callsWithoutPicture', signal: 'amber' });
  if (mediaTrouble.has(devices.microphone)) problems.push({ device: 'microphone', state: devices.microphone, consequence: 'callsWithoutSound', signal: 'amber' });
  if (printerTrouble.has(devices.printer)) problems.push({ device: 'printer', state: devices.printer, consequence: 'receiptsCannotPrint', signal: 'amber' });
  return problems;
}

/** The device alerts a heartbeat raises (terminalHealth.ts alertKinds); `error`, sent by older kiosks, reads as failed. */
export type DeviceAlert = 'camera_missing' | 'camera_denied' | 'camera_failed' | 'microphone_missing' | 'microphone_denied' | 'microphone_failed' | 'printer_paper_out' | 'printer_cover_open';

const mediaAlert = (device: 'camera' | 'microphone', state: DeviceState): DeviceAlert | null => {
  if (state === 'missing' || state === 'denied' || state === 'failed') return `${device}_${state}`;
  return state === 'error' ? `${device}_failed` : null;
};

export function deviceAlerts(devices: Heartbeat['devices']): DeviceAlert[] {
  const alerts = [mediaAlert('camera', devices.camera), mediaAlert('microphone', devices.microphone)];
  if (devices.printer === 'paper_out') alerts.push('printer_paper_out');
  if (devices.printer === 'cover_open') alerts.push('printer_cover_open');
  return alerts.filter((a): a is DeviceAlert => a !== null);
}

/**
 * A camera's or microphone's state after the screen reports it again. Only a report that tried the
 * device (a call started it, or failed to) may say a refused or failed one works again: the browser
 * still lists a camera that will not start, so a report from the list alone leaves the failure
 * standing. A device gone from the list is missing whatever it did before.
 */
export function reportedDeviceState(previous: DeviceState, reported: DeviceState, tried: boolean): DeviceState {
  if (tried || reported === 'missing') return reported;
  const stood = previous === 'denied' || previous === 'failed' || previous === 'error';
  return stood && (reported === 'ok' || reported === 'unknown') ? previous : reported;
}
