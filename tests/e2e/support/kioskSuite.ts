import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { cspViolations } from './cspWatch.js';
import { startHub, type RunningHub } from '../../support/hubHarness.js';
import { HubGate } from './hubGate.js';
import { launchChromium, SCREENSHOTS, startStack, type HubFront, type Stack } from './stack.js';

// The hooks every end-to-end file shares: Debian's Chromium with the project's flags, the file's
// stack started beside it and stopped at the end (with whatever a test started for itself), the
// screenshot folder, and after each test every browser context it opened closed, pass or fail:
// a failed test's pages would otherwise go on playing the idle loop or holding a call while the
// next test runs, on a machine that is busy enough already.

interface Closeable {
  close(): Promise<void>;
}

export interface E2eSuite<S> {
  readonly browser: Browser;
  readonly stack: S;
  /**
   * Closes `thing` (a stack or a process started for the file or a test) when the test that
   * started it ends, or when the file ends if it was started outside a test.
   */
  own<T extends Closeable>(thing: T): T;
}

export interface SuiteOptions<S> {
  /** Starts the file's stack (beside the browser). */
  start?: () => Promise<S>;
  /** Before each test, e.g. forget the last test's resident. */
  beforeEach?: (stack: S) => Promise<void>;
}

export function e2eSuite<S extends Closeable | undefined = undefined>(options: SuiteOptions<S> = {}): E2eSuite<S> {
  let browser: Browser | undefined;
  let stack: S | undefined;
  let started = false;
  const owned: Closeable[] = [];
  const ownedByTest: Closeable[] = [];
  let inTest = false;
  let before = new Set<BrowserContext>();
  const closeAll = async (things: Closeable[]) => {
    for (const thing of things.splice(0).reverse()) await thing.close();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [browser, stack] = await Promise.all([launchChromium(), options.start?.()]);
    started = true;
  });
  beforeEach(async () => {
    before = new Set(browser?.contexts());
    inTest = true;
    if (options.beforeEach) await options.beforeEach(stack as S);
  });
  afterEach(async () => {
    inTest = false;
    const violations: string[] = [];
    for (const context of browser?.contexts() ?? []) {
      if (before.has(context)) continue;
      violations.push(...(await cspViolations(context)));
      await context.close();
    }
    await closeAll(ownedByTest);
    if (violations.length > 0) throw new Error(`the page broke its Content-Security-Policy:\n${violations.join('\n')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await closeAll(owned);
    await stack?.close();
  });

  return {
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    get stack() {
      if (!started) throw new Error('the stack starts in beforeAll');
      return stack as S;
    },
    own(thing) {
      (inTest ? ownedByTest : owned).push(thing);
      return thing;
    },
  };
}

/**
 * A hub and a kiosk (browser host, real agent) for the whole file; each test is a new resident.
 * `front`: what the kiosk reaches the hub through (a gate that holds or cuts its deliveries).
 */
export function kioskSuite(front?: (hubUrl: string) => Promise<HubFront>): E2eSuite<Stack> {
  return e2eSuite({
    start: () => startStack('', front),
    beforeEach: async (stack) => {
      const discarded = await stack.host.agent.dispatch('draft.discard', undefined);
      if (!discarded.ok) throw new Error(`draft.discard failed: ${JSON.stringify(discarded.error)}`);
    },
  });
}

/** A kiosk suite whose agent reaches the hub through a HubGate, and the gate once the stack runs. */
export function gatedKioskSuite(): { suite: E2eSuite<Stack>; gate: () => HubGate } {
  let gate: HubGate | undefined;
  const suite = kioskSuite(async (hubUrl) => (gate = await HubGate.start(hubUrl)));
  return {
    suite,
    gate: () => {
      if (!gate) throw new Error('the gate starts with the stack');
      return gate;
    },
  };
}

/** A hub alone (its console, desk and pages) for the whole file, beside the browser. */
export function hubSuite(): E2eSuite<RunningHub> {
  return e2eSuite({ start: () => startHub() });
}
