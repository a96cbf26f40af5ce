import type { Plugin } from 'vite';
import { hubTypeCss } from './hubType.js';
import { paletteCss } from './palette.js';

// The hub's palette as a stylesheet the Vite-built staff apps (mediator desk, dashboard) import as
// `virtual:hub-palette.css`, so their colours are defined once (./palette.ts), with the hub's type rules (./hubType.ts).

const PALETTE = 'virtual:hub-palette.css';

export const hubPalette: Plugin = {
  name: 'hub-palette',
  resolveId: (id) => (id === PALETTE ? `\0${PALETTE}` : null),
  load: (id) => (id === `\0${PALETTE}` ? paletteCss + hubTypeCss : null),
};
