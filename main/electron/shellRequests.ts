import { PrintReceiptPayload, UpdateDownloadPayload, UpdateInstallPayload, type HostOp } from '../agent/processProtocol.js';
import type { PrintOutcome, ReceiptDocument } from '../../shared/receipt.js';
import type { UpdateFeed } from '../update/feedClient.js';
import type { UpdateInstaller } from '../update/updateWatch.js';
import type { HostRequestHandler } from './agentSupervisor.js';

// What the Electron shell does when the agent asks (host request frames, main/agent/hostRequests.ts):
// print a receipt, download and install an update, start the whole app again, leave kiosk mode.
// Each payload is validated here; the Electron calls themselves come in through ShellActions, so
// this routing is unit-tested without Electron.

export interface ShellActions {
  print(document: ReceiptDocument): Promise<PrintOutcome>;
  /** The install step over electron-updater (updateInstall.ts); absent when this app is not packaged. */
  installer: ((feed: () => UpdateFeed) => UpdateInstaller) | null;
  relaunch(): void;
  exitKiosk(): void;
}

export function shellRequests(actions: ShellActions): HostRequestHandler {
  let feed: UpdateFeed | null = null;
  const installer = actions.installer?.(() => {
    if (!feed) throw new Error('no update feed yet');
    return feed;
  });
  const handlers: Record<HostOp, (payload: unknown) => Promise<unknown>> = {
    printReceipt: async (payload) => actions.print(PrintReceiptPayload.parse(payload).document),
    updateDownload: async (payload) => {
      if (!installer) throw new Error('updates are installed only by a packaged app');
      const request = UpdateDownloadPayload.parse(payload);
      feed = request.feed;
      await installer.download(request.version);
      return null;
    },
    updateInstall: async (payload) => {
      if (!installer) throw new Error('updates are installed only by a packaged app');
      await installer.install(UpdateInstallPayload.parse(payload).version);
      return null;
    },
    relaunchApp: async () => {
      actions.relaunch();
      return null;
    },
    exitKiosk: async () => {
      actions.exitKiosk();
      return null;
    },
  };
  return (op, payload) => handlers[op](payload);
}
