import { cpus, freemem, loadavg, release, totalmem } from 'node:os';

// The human header printed before the figures: what machine and runtime produced them.

export function machineHeader(): string[] {
  const cpu = cpus();
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  return [
    `# dispute-kiosk benchmarks — ${new Date().toISOString()}`,
    `# cpu: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} (${process.arch})`,
    `# memory: ${gib(totalmem())} total, ${gib(freemem())} free; ${process.platform} ${release()}`,
    `# node: ${process.version} (v8 ${process.versions.v8})`,
  ];
}

/**
 * The 1-minute load average, with a warning when other work competes for the cores: every
 * figure here is sensitive to it (two processes share two cores, and fsync latency on a shared
 * virtual disk rises with its neighbours' I/O).
 */
export function loadNote(): string {
  const load = loadavg()[0] ?? 0;
  const busy = load > cpus().length * 0.25;
  return `load average (1 min) ${load.toFixed(2)}${busy ? ' — WARNING: machine busy, figures will be low and noisy' : ''}`;
}
