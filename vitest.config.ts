import { defineConfig } from 'vitest/config';

// Three suites: unit (pure, fast), integration (real SQLite files, real hub on 127.0.0.1),
// e2e (the built renderer in Debian Chromium through the browser host, real hub).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // A guard against a hang, not a speed budget (every wait inside a test is for a
          // condition): on a loaded 2-core machine a long visit typed key by key takes minutes.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
