import { Agent, setGlobalDispatcher } from 'undici';
import { BUSY_MS } from './busy.js';

// setupFiles of the hub-test projects: the tests' own fetch waits for a connection as long as any
// other step (BUSY_MS), not undici's default 10 s. That default is a time budget in disguise: CI
// once failed a burst of 20 posts to a test hub on 127.0.0.1 with "Connect Timeout Error … 10000ms"
// while the 2-core machine ran three projects at once. The hub's own clients (the kiosk agent's
// transport) keep their settings; only the test process's global fetch changes.
setGlobalDispatcher(new Agent({ connectTimeout: BUSY_MS }));
