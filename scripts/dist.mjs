// `npm run dist`: the kiosk's installers (Linux AppImage + deb, Windows NSIS) from electron-builder.yml.
// electron-builder downloads Electron and its packaging tools (NSIS, AppImage, fpm) from GitHub at
// package time; where that cannot happen (our build machines) this says so in one line and exits 1,
// because a release step that produced no installer must not look like one that did.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary.mjs';

const root = new URL('..', import.meta.url).pathname;
const electron = electronBinary(root, { needsDisplay: false });
if (!('path' in electron)) {
  console.log(`dist: cannot build the installers here: Electron ${electronVersion()} is not available (${electron.reason}); run npm run dist on a machine with internet (see README "Releases")`);
  process.exit(1);
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
