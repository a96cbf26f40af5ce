// Where the Electron binary is, or why there is none. The electron package fetches its binary on
// first use; on our build machines that download fails, and every script that needs Electron
// (start, dist, e2e:electron) says so in one line instead of failing somewhere deeper.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** @returns {{ path: string } | { reason: string }} */
export function electronBinary(root, { needsDisplay = true } = {}) {
  if (needsDisplay && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') return { reason: 'no display' };
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (r.status === 0 && r.stdout && existsSync(r.stdout)) return { path: r.stdout };
  return { reason: 'its binary could not be downloaded' };
}
