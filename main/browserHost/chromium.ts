import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

// Opens the kiosk page in a local Chromium when there is a display. `kiosk` is for
// Chromium-kiosk installs (fullscreen, no UI); `app` is a plain app window for development.

export type WindowMode = 'kiosk' | 'app';
const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string | null {
  return candidates.find((p) => existsSync(p)) ?? null;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function chromiumArgs(url: string, mode: WindowMode, profileDir: string, asRoot = process.getuid?.() === 0): string[] {
  return [
    // Chromium refuses to start as root with its sandbox; a real kiosk runs as an unprivileged user.
    ...(asRoot ? ['--no-sandbox'] : []),
    `--user-data-dir=${profileDir}`,
    mode === 'kiosk' ? '--kiosk' : '--start-maximized',
    `--app=${url}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-translate',
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export function openChromium(binary: string, url: string, mode: WindowMode, profileDir: string): ChildProcess {
  const child = spawn(binary, chromiumArgs(url, mode, profileDir), { stdio: 'ignore', detached: false });
  child.on('error', () => undefined);
  return child;
}
