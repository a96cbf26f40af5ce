import { defineConfig } from 'vitest/config';

// The end-to-end subset through the real Electron host (`npm run e2e:electron`, issue 14 item 9):
// only where an Electron binary exists (scripts/e2eElectron.mjs checks and passes its path), so
// it is not a project of vitest.config.ts and never part of `npm test` on our build machines.
export default defineConfig({
  test: {
    include: ['tests/e2e-electron/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // the file's temporary folders go after it, as in vitest.config.ts (KEEP_TEST_DIRS=1 keeps them)
    setupFiles: ['tests/support/testDirs.setup.ts'],
  },
});
