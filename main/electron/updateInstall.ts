import type { OutgoingHttpHeaders } from 'node:http';
import type { UpdateInstaller } from '../update/updateWatch.js';

// The Electron-only install step: electron-updater (generic provider, pointed at this kiosk's hub
// with its credential) downloads the version the hub offers — it verifies the sha512 the yml names
// — and installs it on request. Everything deciding when is plain Node (main/update/). The updater
// comes in as a parameter so this file's handlers are unit-tested without Electron.

/** The part of electron-updater's AppUpdater we use. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  requestHeaders: OutgoingHttpHeaders | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<{ updateInfo: { version: string }; isUpdateAvailable?: boolean } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export function electronUpdateInstaller(updater: UpdaterLike, feed: () => { url: string; headers: Record<string, string> }): UpdateInstaller {
  // Our loop decides when: never download or install on the updater's own initiative. A rollback
  // is an offer of an older version, so downgrades are allowed (the hub offers older only then).
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = true;
  let downloaded: string | null = null;
  return {
    async download(version) {
      const { url, headers } = feed();
      updater.setFeedURL({ provider: 'generic', url, channel: 'latest' });
      updater.requestHeaders = headers;
      const check = await updater.checkForUpdates();
      if (!check || check.updateInfo.version !== version) throw new Error(`the hub now offers ${check?.updateInfo.version ?? 'nothing'}, not ${version}`);
      if (check.isUpdateAvailable === false) throw new Error(`electron-updater sees no update to ${version}`);
      await updater.downloadUpdate();
      downloaded = version;
    },
    async install(version) {
      if (downloaded !== version) throw new Error(`${version} was not downloaded`);
      // silent installer, and start the kiosk again afterwards
      updater.quitAndInstall(true, true);
    },
  };
}
