import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import type { UpdateReport } from '../../shared/updates/release.js';
import { runStartupCheck, type StartupOutcome } from './startupCheck.js';
import { startupTrial, type TrialVerdict } from './startupTrial.js';
import { UpdateWatch, type UpdateInstaller } from './updateWatch.js';

// The update loop as the agent runs it, whichever host installs (plain Node). The host counted
// this start against the trial file before anything else (its `onStart`, once per start of the
// app, not per agent restart) and hands the verdict in; here the start-up check waits for the
// kiosk to work — the screen's first presence report means the window loaded and the agent
// answers — ends the trial, and queues the outcome durably (the outbox), so a failed version's
// report reaches the hub even when the first send fails. Then the watch asks the hub on a timer
// and on every screen change, downloads in the background, and installs only when no resident
// is using the kiosk.

/** How long a version on trial has to show a working screen before it counts as a failed start. */
export const STARTUP_HEALTH_MS = 120_000;
/** Between two questions to the hub (and install attempts while one waits for a quiet screen). */
export const UPDATE_CHECK_MS = 10 * 60_000;

export interface KioskUpdatesOptions {
  running: string;
  dataDir: string;
  verdict: TrialVerdict;
  installer: UpdateInstaller;
  offered: () => Promise<string | null>;
  screen: () => { screen: ScreenState; lastTouchAt: string | null };
  /** Durable: the report is kept until the hub acknowledges it. */
  queueReport: (report: UpdateReport) => void;
  /** Starts the whole kiosk again (another trial start). */
  restart: () => void;
  onError?: (stage: 'check' | 'download' | 'install' | 'startup', err: unknown) => void;
  healthMs?: number;
  checkMs?: number;
}

export class KioskUpdates {
  readonly watch: UpdateWatch;
  private healthy!: (ok: boolean) => void;
  private readonly healthySeen = new Promise<boolean>((resolve) => (this.healthy = resolve));
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The start-up check's outcome, once decided. */
  readonly startup: Promise<StartupOutcome>;

  constructor(private readonly o: KioskUpdatesOptions) {
    const trial = startupTrial(o.dataDir);
    this.watch = new UpdateWatch({
      running: o.running,
      offered: o.offered,
      installer: o.installer,
      trial,
      screen: o.screen,
      ...(o.onError ? { onError: o.onError } : {}),
    });
    this.startup = runStartupCheck({
      running: o.running,
      trial: { onStart: () => o.verdict, pass: () => trial.pass() },
      healthy: () => this.healthySeen,
      timeoutMs: o.healthMs ?? STARTUP_HEALTH_MS,
      report: async (report) => o.queueReport(report),
      restart: o.restart,
      onError: (err) => o.onError?.('startup', err),
    });
  }

  /** The screen reported itself: the kiosk works; and an update waiting for a quiet screen may go now. */
  screenReported(): void {
    this.healthy(true);
    if (this.timer) void this.watch.tick();
  }

  /** Starts asking the hub once the start-up check passed (a version on trial installs nothing). */
  start(): void {
    void this.startup.then((outcome) => {
      if (outcome === 'restarted' || this.timer || this.stopped) return;
      this.timer = setInterval(() => void this.watch.tick(), this.o.checkMs ?? UPDATE_CHECK_MS);
      this.timer.unref();
      void this.watch.tick();
    });
  }

  /** Stops asking; a start-up check still waiting is left undecided (the next start counts again). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
