import type { PrinterState } from '../../shared/terminals/heartbeat.js';

// What CUPS says of the receipt printer (`lpstat -l -p [destination]`): the printer's line says
// whether it is enabled, its "Alerts:" line lists the driver's printer-state-reasons (IPP, RFC
// 8011 §5.4.12): media-empty / media-needed is paper out, cover-open or door-open a cover open.
// A driver that reports none of these leaves `unknown` to the last print's outcome.

export function printerStateFromLpstat(output: string): PrinterState {
  const block = output.split(/\n(?=printer )/)[0] ?? '';
  if (!/^printer /m.test(block)) return 'unknown';
  const reasons = (/^\s*Alerts:\s*(.*)$/m.exec(block)?.[1] ?? '').split(/[\s,]+/).filter(Boolean);
  const has = (...names: string[]) => reasons.some((r) => names.some((n) => r === n || r.startsWith(`${n}-`)));
  if (has('media-empty', 'media-needed')) return 'paper_out';
  if (has('cover-open', 'door-open')) return 'cover_open';
  if (/^printer \S+ disabled/m.test(block)) return 'offline';
  return 'ok';
}
