import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statusCss } from '../../server/caseStatus/statusPage.js';
import { consoleCss } from '../../server/console/consoleStyle.js';
import { detailCss } from '../../server/console/detailPage.js';
import { playlistCss } from '../../server/playlist/adminStyle.js';
import { hubTypeCss } from '../../server/web/hubType.js';
import { paletteCss } from '../../server/web/palette.js';
import { hubPalette } from '../../server/web/palettePlugin.js';
import { staffCss } from '../../server/web/staffStyle.js';

// The hub's colours are defined once (server/web/palette.ts): every stylesheet the hub serves and
// the mediator desk's use the palette's custom properties, never a colour of their own.

const sheets: Record<string, string> = {
  'staff pages': staffCss.replace(paletteCss + hubTypeCss, ''),
  application: detailCss,
  'console work pages': consoleCss,
  'playlist admin': playlistCss,
  'status page': statusCss.replace(paletteCss + hubTypeCss, ''),
  'mediator desk': readFileSync(new URL('../../server/console-app/console.css', import.meta.url), 'utf8'),
};
const defined = new Set([...paletteCss.matchAll(/(--[a-z-]+):/g)].map((m) => m[1]));

describe('hub palette', () => {
  it('is where every colour of the hub is written', () => {
    for (const [name, css] of Object.entries(sheets)) {
      expect(css.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/gi), name).toBeNull();
      expect(css, name).not.toMatch(/:root\s*\{/);
    }
  });

  it('defines every custom property the sheets use', () => {
    for (const [name, css] of Object.entries(sheets)) {
      for (const [, used] of css.matchAll(/var\((--[a-z-]+)\)/g)) expect(defined, `${name}: ${used}`).toContain(used);
    }
  });

  it('comes first in the sheets a page loads first, with the hub’s type rules', () => {
    expect(staffCss.startsWith(paletteCss + hubTypeCss)).toBe(true);
    expect(statusCss.startsWith(paletteCss + hubTypeCss)).toBe(true);
    const load = hubPalette.load as (id: string) => string | null;
    expect(load('\0virtual:hub-palette.css')).toBe(paletteCss + hubTypeCss);
  });

  it('holds colours alone: the rules of type are in server/web/hubType.ts', () => {
    // nothing but the :root block of custom properties
    expect(paletteCss.replace(/\/\*[\s\S]*?\*\//g, '').trim()).toMatch(/^:root\s*\{[^{}]*\}$/);
    expect(hubTypeCss).toMatch(/:lang\(en\)\s*\{\s*font-variant-east-asian:\s*proportional-width;/);
  });
});
