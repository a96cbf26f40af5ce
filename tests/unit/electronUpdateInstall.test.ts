import type { AppUpdater } from 'electron-updater';
import { describe, expect, it } from 'vitest';
import { electronUpdateInstaller, type UpdaterLike } from '../../main/electron/updateInstall.js';

// The Electron-only install step, on the handlers it builds over electron-updater (here a fake
// with AppUpdater's shape; the real one cannot load without Electron).

// the real updater fits the part we use
export const fits: (u: AppUpdater) => UpdaterLike = (u) => u;

function fakeUpdater(offers: string | null) {
  const calls: string[] = [];
  const updater: UpdaterLike = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    requestHeaders: null,
    setFeedURL: (o) => void calls.push(`feed ${o.provider} ${o.url} ${o.channel}`),
    checkForUpdates: async () => (offers === null ? null : { updateInfo: { version: offers }, isUpdateAvailable: true }),
    downloadUpdate: async () => void calls.push('download'),
    quitAndInstall: (silent, runAfter) => void calls.push(`quitAndInstall ${silent} ${runAfter}`),
  };
  return { updater, calls };
}

const feed = () => ({ url: 'https://hub.example/api/v1/updates/feed', headers: { authorization: 'Bearer c' } });

describe('the Electron install step', () => {
  it('never lets electron-updater download or install on its own, and allows the downgrade a rollback needs', () => {
    const { updater } = fakeUpdater('1.2.0');
    electronUpdateInstaller(updater, feed);
    expect([updater.autoDownload, updater.autoInstallOnAppQuit, updater.allowDowngrade]).toEqual([false, false, true]);
  });

  it('points the generic provider at the hub with the credential, downloads the offered version, then installs it silently and restarts', async () => {
    const { updater, calls } = fakeUpdater('1.2.0');
    const installer = electronUpdateInstaller(updater, feed);
    await expect(installer.install('1.2.0')).rejects.toThrow('was not downloaded');
    await installer.download('1.2.0');
    expect(updater.requestHeaders).toEqual({ authorization: 'Bearer c' });
    await installer.install('1.2.0');
    expect(calls).toEqual(['feed generic https://hub.example/api/v1/updates/feed latest', 'download', 'quitAndInstall true true']);
  });

  it('refuses when the hub offers another version than the one the loop decided on', async () => {
    const moved = electronUpdateInstaller(fakeUpdater('1.3.0').updater, feed);
    await expect(moved.download('1.2.0')).rejects.toThrow('now offers 1.3.0');
    const none = electronUpdateInstaller(fakeUpdater(null).updater, feed);
    await expect(none.download('1.2.0')).rejects.toThrow('now offers nothing');
  });
});
