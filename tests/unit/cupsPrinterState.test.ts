import { describe, expect, it } from 'vitest';
import { printerStateFromLpstat } from '../../main/browserHost/cupsPrinterState.js';

// The receipt printer's state from `lpstat -l -p` (main/browserHost/cupsPrinterState.ts): the
// driver's reasons for paper out and an open cover, a disabled queue offline, else ok.

const printer = (line: string, alerts: string) => `printer receipt ${line}\n\tForm mounted:\n\tAlerts: ${alerts}\n\tDescription: Receipt printer\n`;

describe('CUPS printer state', () => {
  it('reads paper out, cover open, disabled and fine', () => {
    expect(printerStateFromLpstat(printer('is idle.  enabled since Sat 05 Dec 2026 10:00:00', 'none'))).toBe('ok');
    expect(printerStateFromLpstat(printer('is idle.  enabled since Sat 05 Dec 2026 10:00:00', 'media-empty-error'))).toBe('paper_out');
    expect(printerStateFromLpstat(printer('now printing receipt-12.  enabled since Sat', 'media-needed-warning'))).toBe('paper_out');
    expect(printerStateFromLpstat(printer('is idle.  enabled since Sat', 'cover-open-warning'))).toBe('cover_open');
    expect(printerStateFromLpstat(printer('disabled since Sat 05 Dec 2026 10:00:00 -', 'none'))).toBe('offline');
    // paper first: with both, the resident's receipt needs paper
    expect(printerStateFromLpstat(printer('is idle.  enabled since Sat', 'cover-open-warning, media-empty-error'))).toBe('paper_out');
  });

  it('says unknown when CUPS says nothing about a printer', () => {
    expect(printerStateFromLpstat('')).toBe('unknown');
    expect(printerStateFromLpstat('lpstat: No destinations added.\n')).toBe('unknown');
  });

  it('reads the first printer listed when no destination was named', () => {
    expect(printerStateFromLpstat(printer('is idle.  enabled since Sat', 'media-empty') + printer('is idle.  enabled since Sat', 'none'))).toBe('paper_out');
  });
});
