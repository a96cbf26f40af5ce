import type { Heartbeat } from './heartbeat.js';
import type { AlertKind, TerminalHealth } from './terminalHealth.js';

// What a terminal's devices mean for the people using it (issue 11 item 2: camera, microphone,
// printer in the heartbeat), and the one colour rule the device view's tiles and alerts follow.
// A kiosk with no camera or no paper still takes intakes — it is amber, with what no longer works
// said in words (no picture in video calls, receipts cannot print); red is kept for a terminal the
// court cannot reach or whose submissions are not arriving. Read by terminalHealth (degraded), the
// dashboard's tiles and the tests.

export type Signal = 'green' | 'amber' | 'red' | 'grey';

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

/** A tile's colour: offline red, degraded amber, online green, never reported grey. */
export const healthSignal: Record<TerminalHealth, Signal> = { offline: 'red', degraded: 'amber', online: 'green', never_seen: 'grey' };

/** An alert's colour: a terminal out of reach or not delivering is red; a device that needs paper or a cache that needs refetching is amber. */
export const alertSignal: Record<AlertKind, 'amber' | 'red'> = { offline: 'red', outbox_stuck: 'red', printer_paper_out: 'amber', media_cache_broken: 'amber' };
