// One build: node code (agent, hosts, hub, fault/bench drivers) with tsc, the sandboxed preload
// bundled to CommonJS with esbuild, and the renderer with Vite.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }));
await build({
  entryPoints: ['preload/index.ts'],
  outfile: 'dist/preload/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});
run(bin('vite'), ['build', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--config', 'vite.console.config.ts', '--logLevel', 'warn']); // mediator console → dist/console
run(bin('vite'), ['build', '--config', 'vite.dashboard.config.ts', '--logLevel', 'warn']); // dashboard pages → dist/dashboard
mkdirSync('dist', { recursive: true });
writeFileSync('dist/.build-stamp', new Date().toISOString());
