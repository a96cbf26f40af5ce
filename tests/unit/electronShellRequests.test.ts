import { describe, expect, it } from 'vitest';
import { shellRequests, type ShellActions } from '../../main/electron/shellRequests.js';
import { testReceiptDocument } from '../../main/agent/admin/adminPanel.js';

// The Electron shell's answers to the agent's host requests, without Electron: each payload is
// checked, an update goes to the installer with the feed the agent handed over, and an app that
// is not packaged installs nothing.

function shell(packaged: boolean) {
  const done: string[] = [];
  const actions: ShellActions = {
    print: async () => {
      done.push('print');
      return { printed: true };
    },
    installer: packaged
      ? (feed) => ({
          download: async (v) => void done.push(`download ${v} from ${feed().url} with ${feed().headers.authorization}`),
          install: async (v) => void done.push(`install ${v}`),
        })
      : null,
    relaunch: () => void done.push('relaunch'),
    exitKiosk: () => void done.push('exitKiosk'),
  };
  return { handle: shellRequests(actions), done };
}

const feed = { url: 'https://hub.example/api/v1/updates/feed', headers: { authorization: 'Bearer c' } };

describe('the shell’s host requests', () => {
  it('routes each operation, with the feed the agent handed over', async () => {
    const { handle, done } = shell(true);
    await handle('printReceipt', { document: testReceiptDocument('KSK-1', 'https://hub.example', new Date()), auto: false });
    await handle('updateDownload', { version: '1.2.0', feed });
    await handle('updateInstall', { version: '1.2.0' });
    await handle('relaunchApp', null);
    await handle('exitKiosk', null);
    expect(done).toEqual(['print', 'download 1.2.0 from https://hub.example/api/v1/updates/feed with Bearer c', 'install 1.2.0', 'relaunch', 'exitKiosk']);
  });

  it('refuses malformed payloads and updates in an app that is not packaged', async () => {
    const { handle, done } = shell(false);
    await expect(handle('updateDownload', { version: '1.2.0', feed })).rejects.toThrow(/packaged/);
    const packaged = shell(true);
    await expect(packaged.handle('updateDownload', { version: '../evil', feed })).rejects.toThrow();
    await expect(packaged.handle('updateInstall', { version: '1.2.0', extra: 1 })).rejects.toThrow();
    expect([done, packaged.done]).toEqual([[], []]);
  });
});
