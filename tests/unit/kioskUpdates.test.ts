import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskUpdates } from '../../main/update/kioskUpdates.js';
import { startupTrial, TRIAL_FILE, type TrialVerdict } from '../../main/update/startupTrial.js';
import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import type { UpdateReport } from '../../shared/updates/release.js';
import { tempDir } from '../support/fixtures.js';

// The update loop as the agent runs it: the start-up check decided by the screen's first report,
// its outcome queued (never sent directly), and no update asked for before a trial has passed.

function kiosk(verdict: TrialVerdict, o: { healthMs?: number; offered?: string | null } = {}) {
  const dataDir = tempDir('kiosk-updates-');
  if (verdict.kind === 'trial') startupTrial(dataDir).begin(verdict.from, verdict.to);
  const queued: UpdateReport[] = [];
  const asked: string[] = [];
  let restarts = 0;
  const screen: { screen: ScreenState; lastTouchAt: string | null } = { screen: 'home', lastTouchAt: new Date().toISOString() };
  const updates = new KioskUpdates({
    running: '1.1.0',
    dataDir,
    verdict,
    installer: { download: async (v) => void asked.push(`download ${v}`), install: async (v) => void asked.push(`install ${v}`) },
    offered: async () => {
      asked.push('offered?');
      return o.offered === undefined ? null : o.offered;
    },
    screen: () => screen,
    queueReport: (r) => void queued.push(r),
    restart: () => void restarts++,
    healthMs: o.healthMs ?? 60_000,
  });
  return { dataDir, queued, asked, screen, updates, restarts: () => restarts };
}

describe('the agent’s update loop', () => {
  it('a version on trial passes once the screen reports itself, queues "running", and only then asks the hub', async () => {
    const k = kiosk({ kind: 'trial', from: '1.0.0', to: '1.1.0' }, { offered: '1.1.0' });
    k.updates.start();
    expect(k.asked).toEqual([]); // nothing asked while on trial
    k.updates.screenReported();
    expect(await k.updates.startup).toBe('passed');
    expect(k.queued).toEqual([{ version: '1.1.0', outcome: 'running', previousVersion: '1.0.0' }]);
    expect(existsSync(join(k.dataDir, TRIAL_FILE))).toBe(false);
    await expect.poll(() => k.asked).toEqual(['offered?']);
    k.updates.stop();
  });

  it('a version on trial whose screen never comes restarts the app and reports nothing yet', async () => {
    const k = kiosk({ kind: 'trial', from: '1.0.0', to: '1.1.0' }, { healthMs: 1 });
    k.updates.start();
    expect(await k.updates.startup).toBe('restarted');
    expect(k.restarts()).toBe(1);
    expect(k.queued).toEqual([]);
    k.updates.stop();
  });

  it('a failed version is queued as failed at once, and the watch then asks for the version the hub offers', async () => {
    const k = kiosk({ kind: 'failed', from: '1.0.0', to: '1.1.0' }, { offered: '1.0.0' });
    k.updates.start();
    expect(await k.updates.startup).toBe('failed');
    expect(k.queued).toEqual([{ version: '1.1.0', outcome: 'failed', previousVersion: '1.0.0' }]);
    await expect.poll(() => k.asked).toEqual(['offered?', 'download 1.0.0']);
    k.screen.screen = 'intake';
    k.updates.screenReported();
    await expect.poll(() => k.updates.watch.current.kind).toBe('ready');
    expect(await k.updates.watch.tick()).toBe('deferred');
    k.screen.screen = 'idle_loop';
    k.updates.screenReported();
    await expect.poll(() => k.asked).toEqual(['offered?', 'download 1.0.0', 'install 1.0.0']);
    k.updates.stop();
  });

  it('a normal start reports nothing (the heartbeat names the version) and asks the hub', async () => {
    const k = kiosk({ kind: 'normal' });
    k.updates.start();
    expect(await k.updates.startup).toBe('normal');
    await expect.poll(() => k.asked).toEqual(['offered?']);
    expect(k.queued).toEqual([]);
    k.updates.stop();
  });
});
