import { defineConfig } from 'vitest/config';

// Four suites: unit (pure, fast); integration (real SQLite files, real hub on 127.0.0.1);
// integration-pg (the hub's integration tests again, each hub on a database of its own in a
// throwaway PostgreSQL cluster started once per run); e2e (the built renderer in Debian Chromium
// through the browser host, real hub). A hub test named *.sqlite.test.ts or *.postgres.test.ts is
// about that engine only; tests that never start a hub run once, on SQLite.
const integration = { include: ['tests/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 };
const withoutHub = ['agentStore', 'browserHost', 'receiptPrint', 'faultBounded'].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'integration', ...integration, exclude: ['tests/integration/**/*.postgres.test.ts'] } },
      {
        test: {
          name: 'integration-pg',
          ...integration,
          exclude: ['tests/integration/**/*.sqlite.test.ts', ...withoutHub],
          globalSetup: ['tests/support/postgresGlobalSetup.ts'],
          setupFiles: ['tests/support/postgresEngine.setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
