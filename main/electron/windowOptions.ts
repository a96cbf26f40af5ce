import type { BrowserWindowConstructorOptions } from 'electron';

// The kiosk window. Every hardening flag is written out even where it matches Electron's
// default, so a future default change (or a reviewer) cannot miss one.

export const KIOSK_BACKGROUND = '#f4f6f8';
export const KIOSK_TITLE = '诉源治理一站式服务终端';

/** What every window the app opens gets: no Node, isolated, sandboxed, nothing legacy. */
export const hardenedWebPreferences = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  enableWebSQL: false,
  safeDialogs: true,
  disableBlinkFeatures: 'Auxclick',
} as const satisfies NonNullable<BrowserWindowConstructorOptions['webPreferences']>;

export interface KioskWindowInput {
  /** Absolute path of the bundled preload (dist/preload/index.cjs). */
  preloadPath: string;
  /** Packaged or NODE_ENV=production: no devtools. */
  production: boolean;
}

export function kioskWindowOptions({ preloadPath, production }: KioskWindowInput): BrowserWindowConstructorOptions {
  return {
    title: KIOSK_TITLE,
    // Kiosk mode is only fullscreen on Windows/Linux (electron#7597); real lockdown is the OS's job.
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    show: false, // shown on 'ready-to-show', so a resident never sees a blank frame
    webPreferences: {
      ...hardenedWebPreferences,
      // The idle loop plays legal-education clips with sound before anyone has touched the screen.
      autoplayPolicy: 'no-user-gesture-required',
      devTools: !production,
      preload: preloadPath,
    },
  };
}
