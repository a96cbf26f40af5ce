// Renderer crash and hang recovery. A crashed renderer (any reason but a clean exit) or a hung
// one (a watchdog probe unanswered for `maxMissedProbes` intervals, or Chromium's 'unresponsive')
// gets the built-in recovery page, then a fresh load of home. With the defaults a hang is caught
// within 8 s of its start and home is loading 1 s later, inside the 10 s target.
//
// A hung renderer is first killed with forcefullyCrashRenderer(), since it cannot run unload
// handlers; the render-process-gone that this causes is part of the same recovery and ignored.
// Home is loaded by URL rather than reload(): reload() would return to the route that hung.

export interface RenderProcessGone {
  reason: string;
  exitCode?: number;
}

/** The part of `webContents` recovery uses (a real `WebContents` fits). */
export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGone) => void): unknown;
  on(event: 'unresponsive', listener: () => void): unknown;
  removeListener(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGone) => void): unknown;
  removeListener(event: 'unresponsive', listener: () => void): unknown;
  executeJavaScript(code: string): Promise<unknown>;
  forcefullyCrashRenderer(): void;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
}

export interface RecoveryTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface RecoveryOptions {
  homeUrl: string;
  recoveryUrl: string;
  /** Watchdog period. */
  probeIntervalMs?: number;
  /** Consecutive intervals a probe may stay unanswered before the renderer counts as hung. */
  maxMissedProbes?: number;
  /** How long the recovery page stays up before home is loaded. */
  recoveryDisplayMs?: number;
  timers?: RecoveryTimers;
  log?: (line: string) => void;
  /** Told of each crash or hang found (not of a recovery asked for), once, before recovering: the crash report. */
  onFailure?: (cause: RecoveryCause, detail: string) => void;
}

export type RecoveryCause = 'crash' | 'hang';

export interface RendererGuard {
  readonly recovering: boolean;
  readonly recoveries: number;
  /** Runs the recovery now (e.g. from an admin action); no-op while one is under way. */
  recover(cause: RecoveryCause, detail?: string): void;
  dispose(): void;
}

const realTimers: RecoveryTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Only a clean exit (e.g. the window closing) is not a failure. */
export function needsRecovery(details: RenderProcessGone): boolean {
  return details.reason !== 'clean-exit';
}

export function guardRenderer(contents: RecoverableContents, options: RecoveryOptions): RendererGuard {
  const timers = options.timers ?? realTimers;
  const probeIntervalMs = options.probeIntervalMs ?? 2_000;
  const maxMissedProbes = options.maxMissedProbes ?? 3;
  const recoveryDisplayMs = options.recoveryDisplayMs ?? 1_000;
  const log = options.log ?? (() => {});

  let recovering = false;
  let recoveries = 0;
  let disposed = false;
  let missed = 0;
  let probeInFlight = false;
  let probeSeq = 0;
  let homeTimer: unknown = null;

  const load = (url: string) => {
    if (contents.isDestroyed()) return;
    contents.loadURL(url).catch(() => {
      // an aborted load (the renderer died under it) is covered by the next step or the watchdog
    });
  };

  const recover = (cause: RecoveryCause, detail = '') => {
    if (recovering || disposed || contents.isDestroyed()) return;
    recovering = true;
    recoveries++;
    probeSeq++; // answers to probes sent before this point no longer count
    probeInFlight = false;
    missed = 0;
    log(`renderer ${cause}${detail ? ` (${detail})` : ''}; recovering`);
    if (cause === 'hang') {
      try {
        contents.forcefullyCrashRenderer();
      } catch {
        // already gone
      }
    }
    load(options.recoveryUrl);
    homeTimer = timers.setTimeout(() => {
      homeTimer = null;
      recovering = false;
      load(options.homeUrl);
    }, recoveryDisplayMs);
  };

  const failed = (cause: RecoveryCause, detail: string) => {
    if (recovering || disposed) return; // the forced crash of a hang is part of that hang
    options.onFailure?.(cause, detail);
    recover(cause, detail);
  };
  const onGone = (_event: unknown, details: RenderProcessGone) => {
    if (needsRecovery(details)) failed('crash', details.reason);
  };
  const onUnresponsive = () => failed('hang', 'unresponsive');

  const probe = () => {
    if (recovering || disposed || contents.isDestroyed()) return;
    if (probeInFlight) {
      missed++;
      if (missed >= maxMissedProbes) failed('hang', `${missed} probes unanswered`);
      return;
    }
    probeInFlight = true;
    const seq = ++probeSeq;
    // A rejection is still an answer: a renderer that can fail a script is not hung.
    const answered = () => {
      if (seq !== probeSeq) return;
      probeInFlight = false;
      missed = 0;
    };
    let pending: Promise<unknown>;
    try {
      pending = contents.executeJavaScript('true');
    } catch {
      answered();
      return;
    }
    pending.then(answered, answered);
  };

  contents.on('render-process-gone', onGone);
  contents.on('unresponsive', onUnresponsive);
  const interval = timers.setInterval(probe, probeIntervalMs);

  return {
    get recovering() {
      return recovering;
    },
    get recoveries() {
      return recoveries;
    },
    recover,
    dispose() {
      if (disposed) return;
      disposed = true;
      timers.clearInterval(interval);
      if (homeTimer !== null) timers.clearTimeout(homeTimer);
      contents.removeListener('render-process-gone', onGone);
      contents.removeListener('unresponsive', onUnresponsive);
    },
  };
}
