import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { latencySummary } from './stats.js';

// The floor under every durable commit: raw write + fsync latency of the disk the data dir is
// on, measured beside a benchmark so a slow run can be told apart from a slow disk.

export function diskFsyncSummary(dir: string, samples = 1000): string {
  const path = join(dir, 'fsync-probe.dat');
  const fd = openSync(path, 'w');
  const page = Buffer.alloc(8192, 0x5a); // about one small WAL commit: two pages
  const ms: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      writeSync(fd, page, 0, page.length, (i % 256) * page.length);
      fsyncSync(fd);
      ms.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return `raw 8 KiB write+fsync: ${latencySummary(ms)}`;
}
