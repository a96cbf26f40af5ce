import { describe, expect, it } from 'vitest';
import { mayInstall, HOME_QUIET_MS } from '../../main/update/installRules.js';
import { runStartupCheck } from '../../main/update/startupCheck.js';
import { MAX_TRIAL_STARTS, startupTrial, trialStep } from '../../main/update/startupTrial.js';
import { channelFileFor } from '../../main/update/feedClient.js';
import type { UpdateReport } from '../../shared/updates/release.js';
import { tempDir } from '../support/fixtures.js';

// When an update may install, and the start-up trial of a new version: passed, restarted, failed.

describe('when an update may install', () => {
  const now = Date.parse('2026-12-05T04:00:00Z');
  it('only with no resident at the kiosk', () => {
    expect(mayInstall('idle_loop', new Date(now - 1000).toISOString(), now)).toBe(true);
    for (const s of ['intake', 'receipt', 'call', 'check_case', 'staff', 'recovery', 'unknown'] as const) expect([s, mayInstall(s, null, now)]).toEqual([s, false]);
    expect(mayInstall('home', new Date(now - 1000).toISOString(), now)).toBe(false);
    expect(mayInstall('home', new Date(now - HOME_QUIET_MS).toISOString(), now)).toBe(true);
  });
  it('names the channel file electron-updater asks for', () => {
    expect([channelFileFor('win32', 'x64'), channelFileFor('linux', 'x64'), channelFileFor('linux', 'arm64')]).toEqual(['latest.yml', 'latest-linux.yml', 'latest-linux-arm64.yml']);
  });
});

describe('the start-up trial', () => {
  it('counts the starts of the installed version and fails it after the last', () => {
    let record = { from: '1.1.0', to: '1.2.0', starts: 0 };
    for (let i = 1; i <= MAX_TRIAL_STARTS; i++) {
      const step = trialStep(record, '1.2.0');
      expect(step.verdict.kind).toBe('trial');
      record = step.keep!;
    }
    expect(trialStep(record, '1.2.0')).toEqual({ verdict: { kind: 'failed', from: '1.1.0', to: '1.2.0' }, keep: null });
    expect(trialStep(record, '1.1.0')).toEqual({ verdict: { kind: 'normal' }, keep: null }); // the install never happened
    expect(trialStep(null, '1.2.0').verdict.kind).toBe('normal');
  });

  it('passes a healthy start and reports it; restarts an unhealthy one; reports the failure when the starts are used up', async () => {
    const dir = tempDir('trial-');
    const trial = startupTrial(dir);
    const reports: UpdateReport[] = [];
    let restarts = 0;
    const check = (healthy: boolean) =>
      runStartupCheck({ running: '1.2.0', trial, healthy: async () => healthy, timeoutMs: 60_000, report: async (r) => void reports.push(r), restart: () => restarts++ });

    expect(await check(true)).toBe('normal');
    trial.begin('1.1.0', '1.2.0');
    expect(await check(true)).toBe('passed');
    expect(reports).toEqual([{ version: '1.2.0', outcome: 'running', previousVersion: '1.1.0' }]);
    expect(await check(true)).toBe('normal'); // the trial is over

    trial.begin('1.1.0', '1.2.0');
    for (let i = 0; i < MAX_TRIAL_STARTS; i++) expect(await check(false)).toBe('restarted');
    expect(restarts).toBe(MAX_TRIAL_STARTS);
    expect(await check(false)).toBe('failed');
    expect(reports.at(-1)).toEqual({ version: '1.2.0', outcome: 'failed', previousVersion: '1.1.0' });
    expect(await check(false)).toBe('normal');
  });

  it('counts a start that never answers as unhealthy', async () => {
    const trial = startupTrial(tempDir('trial-'));
    trial.begin('1.1.0', '1.2.0');
    const outcome = await runStartupCheck({ running: '1.2.0', trial, healthy: () => new Promise(() => undefined), timeoutMs: 10, report: async () => undefined, restart: () => undefined });
    expect(outcome).toBe('restarted');
  });
});
