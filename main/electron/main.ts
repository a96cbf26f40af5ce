import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, net, powerSaveBlocker, protocol, safeStorage, session, utilityProcess, type WebContents } from 'electron';
import electronUpdater from 'electron-updater';
import { TerminalInfo } from '../../shared/contract.js';
import type { InitMessage } from '../agent/processProtocol.js';
import { startupTrial } from '../update/startupTrial.js';
import { AgentSupervisor, type AgentChild } from './agentSupervisor.js';
import { loadWrappedDataKey } from './dataKey.js';
import { createAppProtocolHandler, RECOVERY_URL } from './appProtocol.js';
import { eventForwarder, installIpcBridge } from './ipcBridge.js';
import { printReceiptDocument } from './receiptPrinting.js';
import { shellRequests } from './shellRequests.js';
import { electronUpdateInstaller } from './updateInstall.js';
import { guardRenderer } from './recovery.js';
import { APP_SCHEME, HOME_URL, hubConnectSources, navigationDecision, permissionCheckDecision, permissionDecision, windowOpenDecision } from './security.js';
import { kioskWindowOptions } from './windowOptions.js';
import { hubTlsFromEnv } from '../agent/hubTransport.js';
import { crashReportOf, writeCrashReport } from '../agent/reports/crashReports.js';
import { errorKind, fileLog, type Log } from '../agent/log.js';

// The Electron entry: glue only. Every decision lives in a tested module next to this one.
// Compiled layout: dist/main/electron/main.js (this), dist/main/agent/processEntry.js,
// dist/renderer/, dist/preload/index.cjs.

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '..', '..');
const paths = {
  renderer: path.join(distDir, 'renderer'),
  preload: path.join(distDir, 'preload', 'index.cjs'),
  agentEntry: path.join(distDir, 'main', 'agent', 'processEntry.js'),
};
const production = app.isPackaged || process.env.NODE_ENV === 'production';
/** The shell's own capped file (<dataDir>/logs/shell.log, beside the agent's), once the data folder is known. */
let shellFile: Log | null = null;
const log = (line: string) => {
  console.log(`[shell] ${line}`);
  shellFile?.info('shell', { line });
};

/** The real child: the agent in a utility process (crash isolation; no Node in the renderer). */
export function forkAgent(entryPath: string, init: InitMessage): AgentChild {
  const child = utilityProcess.fork(entryPath, [], { serviceName: 'kiosk-agent', stdio: 'pipe', env: process.env });
  // Configuration and the unwrapped data key go by message, never argv or env (visible in /proc).
  child.once('spawn', () => child.postMessage(init));
  // Piped output must be drained or the child blocks once the pipe buffer fills.
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefixLines('[agent] ', chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefixLines('[agent] ', chunk)));
  return child;
}

function prefixLines(prefix: string, chunk: Buffer): string {
  const text = chunk.toString('utf8');
  return text.replace(/^(?=.)/gm, prefix);
}

// --- before ready ----------------------------------------------------------------------------

app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  let window: BrowserWindow | null = null;
  /** Written into every page's CSP connect-src; the agent's configured hub replaces it when known. */
  let hubOrigin = process.env.KIOSK_HUB_URL ?? '';
  let quitting = false;
  let agentStopped = false;

  const dataDir = process.env.KIOSK_DATA_DIR ?? path.join(app.getPath('userData'), 'agent');
  shellFile = fileLog(path.join(dataDir, 'logs', 'shell.log')).log;
  let init: InitMessage | null = null;
  const supervisor = new AgentSupervisor({
    spawn: () => {
      if (!init) throw new Error('agent started before its data key was loaded');
      return forkAgent(paths.agentEntry, init);
    },
    log,
    // Host capabilities the agent asks main for (never exposed to the renderer): silent printing
    // of the receipt to KIOSK_PRINTER (or the system default printer), updates (a packaged app
    // only: electron-updater replaces the installed app), restarting the app, leaving kiosk mode.
    hostRequests: shellRequests({
      print: (document) => printReceiptDocument(document, { createWindow: (options) => new BrowserWindow(options), deviceName: process.env.KIOSK_PRINTER, log }),
      installer: app.isPackaged ? (feed) => electronUpdateInstaller(electronUpdater.autoUpdater, feed) : null,
      relaunch: () => {
        log('restarting the app');
        app.relaunch();
        quitting = true;
        app.quit();
      },
      exitKiosk: () => {
        // staff leave the kiosk for the desktop (the staff panel's "exit", audited at the hub)
        log('leaving kiosk mode');
        quitting = true;
        window?.setKiosk(false);
        app.quit();
      },
    }),
  });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  app.on('child-process-gone', (_event, details) => log(`child process gone: ${details.type} (${details.reason})`));

  app.on('before-quit', (event) => {
    quitting = true;
    if (agentStopped) return;
    event.preventDefault();
    void supervisor.stop().finally(() => {
      agentStopped = true;
      app.quit();
    });
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    if (production) Menu.setApplicationMenu(null); // no reload / devtools / zoom accelerators

    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rendererDir: paths.renderer,
        mediaDir: path.join(dataDir, 'media'),
        hubOrigin: () => hubOrigin,
        readFile: (file, range) => net.fetch(pathToFileURL(file).toString(), range ? { headers: { range } } : {}),
      }),
    );

    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
      callback(permissionDecision(permission, details.requestingUrl, details));
    });
    ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => permissionCheckDecision(permission, requestingOrigin, details));
    ses.setDevicePermissionHandler(() => false); // no HID / serial / USB from web content
    ses.on('will-download', (event) => event.preventDefault());

    powerSaveBlocker.start('prevent-display-sleep');

    const dataKey = await loadWrappedDataKey(path.join(dataDir, 'data.key.enc'), safeStorage, log);
    // Counted once per start of the app (an agent restart is not a new start): an update on trial
    // that keeps failing its start-up check is reported and rolled back (main/update/).
    const updateTrial = startupTrial(dataDir).onStart(app.getVersion());
    if (updateTrial.kind !== 'normal') log(`update ${updateTrial.to} ${updateTrial.kind === 'failed' ? 'failed its start-up check' : 'on trial'}`);
    init = {
      t: 'init',
      dataKey: dataKey.toString('base64'),
      options: {
        kind: 'electron',
        dataDir,
        hubUrl: process.env.KIOSK_HUB_URL ?? 'http://127.0.0.1:8750',
        appVersion: app.getVersion(),
        hubTls: hubTlsFromEnv(process.env),
        updateTrial,
        shellUpdates: app.isPackaged,
        ...optionalEnv({
          publicHubUrl: 'KIOSK_PUBLIC_HUB_URL',
          terminalId: 'KIOSK_TERMINAL_ID',
          terminalName: 'KIOSK_TERMINAL_NAME',
          location: 'KIOSK_LOCATION',
          enrollmentCode: 'KIOSK_ENROLLMENT_CODE',
          counter: 'KIOSK_COUNTER',
          idCardReader: 'KIOSK_ID_CARD_READER',
        }),
      },
    };
    supervisor.start();
    installIpcBridge(ipcMain, { forward: (name, input) => supervisor.request(name, input) });

    // Learn the hub from the agent's configuration before the first page gets its CSP; a slow
    // agent must not hold the screen up, so this is bounded.
    await Promise.race([learnHubOrigin(), new Promise((resolve) => setTimeout(resolve, 3_000))]);

    window = new BrowserWindow(kioskWindowOptions({ preloadPath: paths.preload, production }));
    const contents = window.webContents;
    window.once('ready-to-show', () => window?.show());
    window.on('close', (event) => {
      // Alt+F4 and friends: only a deliberate quit (admin exit, OS shutdown) closes the kiosk.
      if (production && !quitting) event.preventDefault();
    });
    contents.on('did-finish-load', () => {
      contents.setVisualZoomLevelLimits(1, 1).catch(() => {}); // no pinch zoom on the touchscreen
    });

    const sendEvent = eventForwarder(contents);
    const unsubscribe = supervisor.onEvent((name, payload) => sendEvent(name, payload));
    const guard = guardRenderer(contents, {
      homeUrl: HOME_URL,
      recoveryUrl: RECOVERY_URL,
      log,
      // The agent sends it (main/agent/reports/crashReports.ts); a renderer gone has no stack to give.
      onFailure: (cause, detail) => {
        const versions = { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome };
        try {
          writeCrashReport(dataDir, crashReportOf('renderer', { message: `renderer ${cause}: ${detail}`, stack: '' }, versions, 'unknown', new Date()));
        } catch {
          log('could not write the crash report');
        }
      },
    });
    window.on('closed', () => {
      unsubscribe();
      guard.dispose();
      window = null;
    });

    await contents.loadURL(HOME_URL).catch((error: unknown) => {
      log(`home failed to load: ${errorKind(error)}`); // the class and code only: a message can echo input
    });
  });

  async function learnHubOrigin(): Promise<void> {
    const result = await supervisor.request('terminal.info', undefined);
    if (!result.ok) return;
    const info = TerminalInfo.safeParse(result.value);
    if (info.success && hubConnectSources(info.data.hubUrl).length > 0) hubOrigin = info.data.hubUrl;
  }
}

function optionalEnv<K extends string>(names: Record<K, string>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, env] of Object.entries(names) as Array<[K, string]>) if (process.env[env]) out[key] = process.env[env];
  return out;
}

/** Applied to every webContents the app ever creates. */
function hardenContents(contents: WebContents): void {
  const guardNavigation = (event: { url: string; preventDefault(): void }) => {
    if (navigationDecision(event.url) !== 'allow') {
      event.preventDefault();
      log('blocked a navigation away from the app');
    }
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenDecision());
}
