import type { UpdateReport } from '../../shared/updates/release.js';
import type { StartupTrial } from './startupTrial.js';

// The start-up health check of a version on trial (startupTrial.ts), in plain Node: the host says
// what "healthy" is (the Electron shell: the agent answered and the window loaded the home
// screen) and how to start again; this decides, ends the trial and reports to the hub. A version
// that does not become healthy in time is started again (each start counts); one that used up its
// starts is reported failed, and the update loop then installs the version the hub offers instead
// (the one before).

export interface StartupCheckOptions {
  running: string;
  trial: Pick<StartupTrial, 'onStart' | 'pass'>;
  /** Resolves true once the kiosk works (false or no answer within timeoutMs: unhealthy). */
  healthy: () => Promise<boolean>;
  timeoutMs: number;
  report: (report: UpdateReport) => Promise<void>;
  /** Starts the kiosk again (another trial start). */
  restart: () => void;
  onError?: (err: unknown) => void;
}

export type StartupOutcome = 'normal' | 'passed' | 'restarted' | 'failed';

export async function runStartupCheck(o: StartupCheckOptions): Promise<StartupOutcome> {
  const verdict = o.trial.onStart(o.running);
  const report = (r: UpdateReport) => o.report(r).catch((err: unknown) => o.onError?.(err));
  if (verdict.kind === 'normal') return 'normal';
  if (verdict.kind === 'failed') {
    await report({ version: verdict.to, outcome: 'failed', previousVersion: verdict.from });
    return 'failed';
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), o.timeoutMs);
    timer.unref(); // a kiosk stopping mid-check must not be held open by it
  });
  const ok = await Promise.race([o.healthy().catch(() => false), timedOut]);
  clearTimeout(timer);
  if (!ok) {
    o.restart();
    return 'restarted';
  }
  o.trial.pass();
  await report({ version: o.running, outcome: 'running', previousVersion: verdict.from });
  return 'passed';
}
