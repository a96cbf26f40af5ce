import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tempDir } from './testDirs.js';

// A hub command as an operator runs it: its entry bundled to one .mjs in a temp folder (npm
// packages stay in node_modules, linked beside it; the folder goes after the test file,
// ./testDirs.ts), so a test can spawn it with only environment variables.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BundledCli {
  /** The temp folder holding the bundle (its cwd when spawned). */
  work: string;
  entry: string;
}

/** Bundles `source` (a path from the repository root, e.g. `server/main.ts`). */
export async function bundleCli(source: string, prefix: string): Promise<BundledCli> {
  const work = tempDir(prefix);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const entry = path.join(work, `${path.basename(source, '.ts')}.mjs`);
  await build({ entryPoints: [path.join(root, source)], outfile: entry, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
  return { work, entry };
}
