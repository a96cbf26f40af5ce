import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import { mayInstall } from './installRules.js';
import type { StartupTrial } from './startupTrial.js';

// The kiosk's update loop, in plain Node: ask which version the hub offers; when it differs from
// the one running, have the host download it in the background (the host verifies it); install
// only when no resident is using the kiosk (installRules.ts), after writing down the trial the
// new version's first starts run (startupTrial.ts). The host's part — electron-updater in the
// Electron shell (main/electron/updateInstall.ts) — is behind UpdateInstaller.

export interface UpdateInstaller {
  /** Fetches and verifies `version`; resolves when it is ready to install. */
  download(version: string): Promise<void>;
  /** Installs the downloaded `version` now (the Electron host quits and restarts into it). */
  install(version: string): Promise<void>;
}

export interface UpdateWatchOptions {
  running: string;
  /** The version the hub offers this terminal (null: none). */
  offered: () => Promise<string | null>;
  installer: UpdateInstaller;
  trial: Pick<StartupTrial, 'begin'>;
  /** What the kiosk shows now and when it was last touched. */
  screen: () => { screen: ScreenState; lastTouchAt: string | null };
  now?: () => number;
  onError?: (stage: 'check' | 'download' | 'install', err: unknown) => void;
}

export type UpdateState = { kind: 'current' } | { kind: 'downloading'; version: string } | { kind: 'ready'; version: string } | { kind: 'installing'; version: string };

export class UpdateWatch {
  private state: UpdateState = { kind: 'current' };
  constructor(private readonly o: UpdateWatchOptions) {}

  get current(): UpdateState {
    return this.state;
  }

  /** One step; call it on a timer and whenever the screen changes. Never throws. */
  async tick(): Promise<UpdateState['kind'] | 'deferred'> {
    const s = this.state;
    if (s.kind === 'downloading' || s.kind === 'installing') return s.kind;
    if (s.kind === 'ready') {
      const { screen, lastTouchAt } = this.o.screen();
      if (!mayInstall(screen, lastTouchAt, (this.o.now ?? Date.now)())) return 'deferred';
      this.state = { kind: 'installing', version: s.version };
      this.o.trial.begin(this.o.running, s.version);
      try {
        await this.o.installer.install(s.version);
      } catch (err) {
        this.o.onError?.('install', err);
        this.state = { kind: 'ready', version: s.version };
      }
      return this.state.kind;
    }
    let offered: string | null;
    try {
      offered = await this.o.offered();
    } catch (err) {
      this.o.onError?.('check', err);
      return 'current';
    }
    if (offered === null || offered === this.o.running) return 'current';
    this.state = { kind: 'downloading', version: offered };
    this.o.installer.download(offered).then(
      () => {
        this.state = { kind: 'ready', version: offered };
      },
      (err: unknown) => {
        this.o.onError?.('download', err);
        this.state = { kind: 'current' };
      },
    );
    return 'downloading';
  }
}
