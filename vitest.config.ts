import { defineConfig } from 'vitest/config';

// Three suites: unit (pure, fast), integration (real SQLite files, real hub on 127.0.0.1),
// e2e (the built renderer in Debian Chromium through the browser host, real hub).
// Their timeouts guard against a hang; they are not speed budgets (every wait inside a test is
// for a condition), so they are sized for a 2-core machine that several builds share: there a
// property test takes seconds, a fuzz run half a minute, a visit typed key by key minutes.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
