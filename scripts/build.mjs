// One build: node code (agent, hosts, hub, fault/bench drivers) with tsc, the sandboxed preload
// bundled to CommonJS with esbuild, and the renderer with Vite.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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
shipDictionaryLicence('dist/renderer/assets');
precompress('dist/renderer');
run(bin('vite'), ['build', '--config', 'vite.console.config.ts', '--logLevel', 'warn']); // mediator console → dist/console
run(bin('vite'), ['build', '--config', 'vite.dashboard.config.ts', '--logLevel', 'warn']); // dashboard pages → dist/dashboard
mkdirSync('dist', { recursive: true });
writeFileSync('dist/.build-stamp', new Date().toISOString());

// The pinyin dictionary is derived in part from LGPL-2.1 data, and the LGPL asks for its text to go
// with it: beside the dictionary, under the fixed name its `notice` gives (renderer/ime/README.md).
// No dictionary found means Vite's output changed; the build stops rather than ship it without.
function shipDictionaryLicence(dir) {
  if (!readdirSync(dir).some((name) => /^dictionary-.*\.json$/.test(name))) throw new Error(`build: no pinyin dictionary in ${dir}`);
  copyFileSync('renderer/ime/LICENSE-LGPL-2.1.txt', join(dir, 'ime-dictionary-LICENSE-LGPL-2.1.txt'));
}

// The kiosk's text assets also as .br and .gz beside them, compressed once here at the highest
// level instead of on every request; main/browserHost/static.ts sends them (cold start, issue 16).
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(js|css|html|svg|json)$/.test(entry.name)) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const data = readFileSync(path);
    if (data.length < 1024) continue;
    writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  }
}
