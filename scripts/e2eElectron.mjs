// `npm run e2e:electron`: the end-to-end subset through the real Electron host (tests/e2e-electron/,
// vitest.electron.config.ts) against a real hub. Where no Electron binary can be had (our build
// machines) it says so in one line and exits 0, having tested nothing; kept out of `npm test`.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary.mjs';

const root = new URL('..', import.meta.url).pathname;
const electron = electronBinary(root, { needsDisplay: false });
if (!('path' in electron)) {
  console.log(`e2e:electron: not run, nothing tested: no Electron binary here (${electron.reason})`);
  process.exit(0);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const vitest = ['npx', 'vitest', 'run', '--config', 'vitest.electron.config.ts'];
// Electron needs a display; on a headless Linux machine, a virtual one.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const [command, ...args] = headless ? ['xvfb-run', '-a', ...vitest] : vitest;
const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_ELECTRON_BINARY: electron.path } });
process.exit(run.status ?? 1);
