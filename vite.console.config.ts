import { defineConfig, type Plugin } from 'vite';
import { paletteCss } from './server/web/palette.js';

// Builds the mediator console (server/console-app) into dist/console; the hub serves it under
// /mediator. It shares the perfect-negotiation and media code with the kiosk (renderer/webrtc).

/** The hub's palette as a stylesheet the desk imports, so its colours are defined once. */
const PALETTE = 'virtual:hub-palette.css';
const hubPalette: Plugin = {
  name: 'hub-palette',
  resolveId: (id) => (id === PALETTE ? `\0${PALETTE}` : null),
  load: (id) => (id === `\0${PALETTE}` ? paletteCss : null),
};

export default defineConfig({
  root: 'server/console-app',
  plugins: [hubPalette],
  base: '/mediator/',
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'es2022',
  },
});
