import type { Heartbeat } from './heartbeat.js';

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
