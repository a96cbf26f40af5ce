import { defineConfig } from 'vitest/config';

// Four suites: unit (pure, fast); integration (real SQLite files, real hub on 127.0.0.1);
// integration-pg (the hub's integration tests again, each hub on a database of its own in a
// throwaway PostgreSQL cluster started once per run); e2e (the built renderer in Debian Chromium
// through the browser host, real hub). A hub test named *.sqlite.test.ts or *.postgres.test.ts is
// about that engine only; tests that never start a hub run once, on SQLite.
// Their timeouts guard against a hang; they are not speed budgets (every wait inside a test is
// for a condition), so they are sized for a 2-core machine that several builds share: there a
// property test takes seconds, a fuzz run half a minute, a visit typed key by key minutes.
// Workers: vitest's default on a 2-core machine is one, which leaves the cores idle while a hub
// starts; three hub-test files at once keep CI inside its 30 minutes and put every test under
// the load a shared build machine gives it anyway.
// expect.poll's own default gives up after 1 s, a time budget in disguise: every project waits up
// to a minute for the condition instead.
const expectPoll = { poll: { timeout: 60_000, interval: 50 } };
// The tests' own fetch waits for a connection as long as for any other step (patientFetch.setup.ts).
const patientFetch = 'tests/support/patientFetch.setup.ts';
// Every file's temporary folders are removed after it (KEEP_TEST_DIRS=1 keeps them): tests/support/testDirs.ts.
const testDirs = 'tests/support/testDirs.setup.ts';
const integration = { include: ['tests/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, maxWorkers: 3, expect: expectPoll, setupFiles: [testDirs, patientFetch] };
const withoutHub = ['agentStore', 'browserHost', 'receiptPrint', 'faultBounded'].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000, maxWorkers: 3, expect: expectPoll, setupFiles: [testDirs] } },
      { test: { name: 'integration', ...integration, exclude: ['tests/integration/**/*.postgres.test.ts'] } },
      {
        test: {
          name: 'integration-pg',
          ...integration,
          exclude: ['tests/integration/**/*.sqlite.test.ts', ...withoutHub],
          globalSetup: ['tests/support/postgresGlobalSetup.ts'],
          setupFiles: [testDirs, patientFetch, 'tests/support/postgresEngine.setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          expect: expectPoll,
          // Two browser files at once keep CI inside its 30 minutes. That is safe because no wait
          // in them is a time budget: locators, polls and frame counts wait up to BUSY_MS
          // (tests/support/hubHarness.ts) for their condition.
          maxWorkers: 2,
          setupFiles: [testDirs, patientFetch],
        },
      },
    ],
  },
});
