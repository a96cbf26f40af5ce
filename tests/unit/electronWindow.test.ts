import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../main/electron/windowOptions.js';

describe('kiosk window options', () => {
  const options = kioskWindowOptions({ preloadPath: '/opt/kiosk/dist/preload/index.cjs', production: true });
  const web = options.webPreferences ?? {};

  it('is a fullscreen kiosk window without a menu bar', () => {
    expect(options.fullscreen).toBe(true);
    expect(options.kiosk).toBe(true);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('sets every hardening flag explicitly', () => {
    expect(web).toMatchObject({
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
      preload: '/opt/kiosk/dist/preload/index.cjs',
    });
    for (const key of [
      'sandbox',
      'contextIsolation',
      'nodeIntegration',
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webSecurity',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'webviewTag',
      'navigateOnDragDrop',
      'spellcheck',
      'devTools',
    ] as const) {
      expect(Object.hasOwn(web, key), key).toBe(true);
    }
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('has no devtools in production, and devtools in development', () => {
    expect(web.devTools).toBe(false);
    expect(kioskWindowOptions({ preloadPath: '/p.cjs', production: false }).webPreferences?.devTools).toBe(true);
  });

  it('does not let the development build weaken anything else', () => {
    const dev = kioskWindowOptions({ preloadPath: '/p.cjs', production: false }).webPreferences ?? {};
    const { devTools: _a, preload: _b, ...devRest } = dev;
    const { devTools: _c, preload: _d, ...prodRest } = web;
    expect(devRest).toEqual(prodRest);
  });
});
