import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The temporary folders tests make (hub and agent data, spools, caches: test "personal data"
// included) are each a `tempDir`, remembered here and removed once the test file is over by
// ./testDirs.setup.ts, a setupFile of every project. Its afterAll runs after the file's own
// (vitest's sequence.hooks 'stack': the setup file's hook is registered first, so it runs last),
// that is after the hubs, agents and browsers using the folders have stopped. KEEP_TEST_DIRS=1
// keeps them, and names them, to look into a failure.

const made = new Set<string>();

/** A fresh folder under the system's temporary folder, removed after the test file. */
export function tempDir(prefix = 'kiosk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export const keepTestDirs = (): boolean => process.env.KEEP_TEST_DIRS === '1';

/** Removes every folder made so far (or, with KEEP_TEST_DIRS=1, only forgets them and returns them); returns those kept. */
export function removeTestDirs(): { kept: string[]; failed: string[] } {
  const dirs = [...made];
  made.clear();
  if (keepTestDirs()) return { kept: dirs, failed: [] };
  const failed: string[] = [];
  for (const dir of dirs) {
    try {
      // retries: a child process that has just exited may still be releasing a file in it
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (error) {
      failed.push(`${dir}: ${(error as Error).message}`);
    }
  }
  return { kept: [], failed };
}
