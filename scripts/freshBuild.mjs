// Builds when any source is newer than the last build (dist/.build-stamp): `npm start` and
// `npm run start:cluster` run what the checkout holds without a build step of their own.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIfStale(root, label) {
  const stamp = join(root, 'dist/.build-stamp');
  const sources = ['shared', 'main', 'preload', 'renderer', 'server', 'assets'].filter((d) => existsSync(join(root, d)));
  if (!existsSync(stamp) || Math.max(...sources.map((d) => newestSource(join(root, d)))) > statSync(stamp).mtimeMs) {
    console.log(`${label}: building…`);
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
