import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import { channelFileFor, offeredRelease, updaterFeed, type FeedAccess } from '../update/feedClient.js';
import { KioskUpdates } from '../update/kioskUpdates.js';
import type { TrialVerdict } from '../update/startupTrial.js';
import type { HostCapabilities } from './host.js';
import { errorKind, type Log } from './log.js';
import type { TerminalReports } from './reports/terminalReports.js';

// The agent's side of updating itself: the hub's feed read with this terminal's credential, the
// host's install step (only a host with one: Electron), reports queued in the outbox. Null where
// the host installs nothing (the browser host is updated by its package manager).

export interface SelfUpdateOptions {
  host: HostCapabilities;
  appVersion: string | undefined;
  dataDir: string;
  verdict: TrialVerdict | undefined;
  hubUrl: string;
  credential: () => string | null;
  fetch: typeof globalThis.fetch;
  screen: () => { screen: ScreenState; lastTouchAt: string | null };
  reports: TerminalReports;
  log: Log;
}

export function selfUpdate(o: SelfUpdateOptions): KioskUpdates | null {
  const hostUpdates = o.host.updates;
  if (!hostUpdates || !o.appVersion) return null;
  const access = (): FeedAccess => {
    const credential = o.credential();
    if (!credential) throw new Error('not enrolled yet');
    return { hubUrl: o.hubUrl, credential, channelFile: channelFileFor(), fetch: o.fetch };
  };
  return new KioskUpdates({
    running: o.appVersion,
    dataDir: o.dataDir,
    verdict: o.verdict ?? { kind: 'normal' },
    installer: {
      download: (version) => hostUpdates.download(version, updaterFeed(access())),
      install: (version) => hostUpdates.install(version),
    },
    offered: async () => (o.credential() ? ((await offeredRelease(access()))?.version ?? null) : null),
    screen: o.screen,
    queueReport: (report) => o.reports.queue('update', `update-${report.version}`, report),
    restart: () => (o.host.relaunchApp ?? o.host.relaunch)(),
    onError: (stage, err) => o.log.warn('update.failed', { stage, kind: errorKind(err) }),
  });
}
