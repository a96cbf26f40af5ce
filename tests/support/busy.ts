// The deadline is a hang guard, not a speed budget: the condition is what the test waits for, and a
// 2-core machine shared by several builds can take many seconds over a step (an agent's health
// probe, a retry, a PostgreSQL commit). It stays below the integration tests' 120 s timeout so a
// hang says what it was waiting for.
/** The default wait for one step in a browser or on a socket: a hang guard sized for a loaded shared machine. */
export const BUSY_MS = 60_000;
