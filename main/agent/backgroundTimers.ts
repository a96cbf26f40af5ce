import type { Timers } from '../../shared/timers.js';

// Node timers for the agent's background work (reconnects, waits on the host): unref'd, so a
// stopping agent process is never kept alive by a retry or a request nobody will answer.

export const backgroundTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
