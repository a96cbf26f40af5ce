import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The kiosk's stylesheets keep to the design tokens (renderer/styles/tokens.css): no colour or
// font size of their own, so a palette change or elderly mode reaches every screen; and no rule
// for a class the renderer never sets (dead CSS from earlier slices).

const RENDERER = new URL('../../renderer/', import.meta.url).pathname;
const TOKENS = 'styles/tokens.css';

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });
}

const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');
const sheets = filesUnder(RENDERER, /\.css$/).map((path) => ({ name: relative(RENDERER, path), css: withoutComments(readFileSync(path, 'utf8')) }));
const featureSheets = sheets.filter((s) => s.name !== TOKENS);
const tokens = sheets.find((s) => s.name === TOKENS)!.css;

/** Every `property: value` in a sheet, with the line it is on. */
function declarations(css: string): { property: string; value: string; line: number }[] {
  const out: { property: string; value: string; line: number }[] = [];
  const re = /([-a-z]+)\s*:\s*([^;{}]+);/g;
  for (let m = re.exec(css); m; m = re.exec(css)) out.push({ property: m[1]!, value: m[2]!.trim(), line: css.slice(0, m.index).split('\n').length });
  return out;
}

const COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|\b(?:white|black|red|green|blue|gray|grey|yellow|orange|silver|navy)\b/i;

describe('kiosk stylesheets', () => {
  it('take every font size from a token', () => {
    const literal = featureSheets.flatMap(({ name, css }) =>
      declarations(css)
        .filter((d) => d.property === 'font-size' || d.property === 'font')
        .filter((d) => {
          if (d.property === 'font') return d.value !== 'inherit';
          // Only tokens, combined at most by clamp/min/max with a viewport-relative middle term; and
          // a number sized to its box (its box's width over its length in em, or the size it
          // inherits) only under a token's floor, so elderly mode still reaches it.
          const fitted = /calc\(100cqi \/ var\(--number-ems\)\)|\b1em\b/g;
          if (fitted.test(d.value) && !/^max\(var\(--font[-a-z0-9]*\),/.test(d.value)) return true;
          const rest = d.value
            .replace(fitted, '')
            .replace(/var\(--(?:font|key-font)[-a-z0-9]*\)/g, '')
            .replace(/\b(?:clamp|min|max)\(|[\d.]+vw|[(),\s]/g, '');
          return rest !== '';
        })
        .map((d) => `${name}:${d.line} ${d.property}: ${d.value}`),
    );
    expect(literal).toEqual([]);
  });

  it('take every colour from a token', () => {
    const literal = featureSheets.flatMap(({ name, css }) =>
      declarations(css)
        .filter((d) => !d.property.startsWith('--') && COLOUR.test(d.value))
        .map((d) => `${name}:${d.line} ${d.property}: ${d.value}`),
    );
    expect(literal).toEqual([]);
  });

  it('use only custom properties that are declared', () => {
    const declared = new Set(sheets.flatMap(({ css }) => [...css.matchAll(/(--[-a-z0-9]+)\s*:/g)].map((m) => m[1]!)));
    const unknown = featureSheets.flatMap(({ name, css }) =>
      [...css.matchAll(/var\((--[-a-z0-9]+)/g)]
        .map((m) => m[1]!)
        .filter((v) => !declared.has(v))
        .map((v) => `${name}: ${v}`),
    );
    expect(unknown).toEqual([]);
  });

  it('scale every font size token in elderly mode', () => {
    const fontTokens = declarations(tokens).filter((d) => /^--(?:font-|key-font)/.test(d.property));
    expect(fontTokens.length).toBeGreaterThan(10);
    // Each size is the type scale times a standard size, or another font token (a role).
    const unscaled = fontTokens.filter((d) => !d.value.includes('var(--type-scale)') && !/^var\(--font-[-a-z0-9]+\)$/.test(d.value));
    expect(unscaled.map((d) => `${d.property}: ${d.value}`)).toEqual([]);
    const elderlyScale = /\.elderly\s*\{[^}]*--type-scale:\s*([\d.]+)/.exec(tokens);
    expect(Number(elderlyScale?.[1])).toBeGreaterThan(1);
    // The sizes are declared where elderly mode sets its scale, or they would keep the standard one.
    expect(tokens).toMatch(/:root,\s*\.elderly\s*\{[^}]*--font-xs:\s*calc\([^)]*var\(--type-scale\)\)/);
  });

  it('style only classes the renderer sets', () => {
    const code = filesUnder(RENDERER, /\.tsx?$/)
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    // A class may be written whole, or built from a prefix in a template (`call-check-${status}`).
    const prefixes = [...code.matchAll(/([a-z][-a-z0-9]*-)\$\{/g)].map((m) => m[1]!);
    const used = (cls: string) => new RegExp(`["'\`\\s]${cls}["'\`\\s$]`).test(code) || prefixes.some((p) => cls.startsWith(p));
    const classes = new Set(featureSheets.flatMap(({ css }) => [...css.replace(/\{[^}]*\}/g, '{}').matchAll(/\.([a-z][-a-z0-9]*)/g)].map((m) => m[1]!)));
    expect([...classes].filter((cls) => !used(cls))).toEqual([]);
    // The check itself can tell: a class no code sets is found.
    expect(used('intake-form')).toBe(false);
  });
});
