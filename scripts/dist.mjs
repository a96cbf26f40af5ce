// `npm run dist`: the kiosk's installers (Linux AppImage + deb, Windows NSIS) from electron-builder.yml.
// electron-builder downloads Electron and its packaging tools (NSIS, AppImage, fpm) from GitHub at
// package time; where that cannot happen (our build machines) this says so in one line — that no
// installer was built — and exits 0, as `npm run e2e:electron` does. A release pipeline runs
// `npm run dist -- --strict`, which exits 1 there instead: no installer must not look like a release.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary.mjs';

const root = new URL('..', import.meta.url).pathname;
const electron = electronBinary(root, { needsDisplay: false });
if (!('path' in electron)) {
  console.log(`dist: no installers built: Electron ${electronVersion()} is not available here (${electron.reason}); run npm run dist on a machine with internet (see README "Releases")`);
  process.exit(process.argv.includes('--strict') ? 1 : 0);
}

const steps = [
  ['npm', ['run', 'build']],
  ['npx', ['electron-builder', '--config', 'electron-builder.yml', '--linux', 'AppImage', 'deb', '--win', 'nsis', '--x64', '--publish', 'never']],
];
for (const [command, args] of steps) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log('dist: installers and latest*.yml are in release/; upload them in the console under Releases');

function electronVersion() {
  const r = spawnSync(process.execPath, ['-p', "require('electron/package.json').version"], { cwd: root, encoding: 'utf8' });
  return r.stdout.trim();
}
