import { afterAll } from 'vitest';
import { removeTestDirs } from './testDirs.js';

// Every project's setupFile: the test file's temporary folders go when it is over (./testDirs.ts).
// Registered before the file's own hooks, so with vitest's 'stack' order this afterAll runs last.

afterAll(() => {
  const { kept, failed } = removeTestDirs();
  if (kept.length > 0) console.log(`KEEP_TEST_DIRS=1: kept ${kept.join(' ')}`);
  // not a test failure: a folder left is litter, not a wrong answer; said so it gets fixed
  if (failed.length > 0) console.warn(`test folders that could not be removed:\n${failed.join('\n')}`);
});
