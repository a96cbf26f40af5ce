import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';

// The built kiosk (this project's e2e runs on `npm run build`'s dist) ships the pinyin dictionary
// with the LGPL-2.1 text its data asks for, beside it under the name its notice gives
// (scripts/build.mjs, renderer/ime/README.md), and the notice names sources that exist.

const assets = new URL('../../dist/renderer/assets/', import.meta.url);
const shipped = readdirSync(assets).find((name) => /^dictionary-.*\.json$/.test(name));

describe("the pinyin dictionary's licence in the build", () => {
  it('ships the LGPL-2.1 text beside the dictionary, under the name its notice gives', () => {
    expect(shipped, 'the build emits the dictionary').toBeDefined();
    const { notice } = JSON.parse(readFileSync(new URL(shipped!, assets), 'utf8')) as PinyinDictionary;
    const licenceName = /\b(ime-dictionary-LICENSE-[\w.-]+\.txt)\b/.exec(notice ?? '')?.[1];
    expect(licenceName, `the notice names the shipped licence: ${notice}`).toBeDefined();
    const licence = readFileSync(new URL(licenceName!, assets), 'utf8');
    expect(licence).toBe(readFileSync(new URL('../../renderer/ime/LICENSE-LGPL-2.1.txt', import.meta.url), 'utf8'));
    expect(licence).toContain('GNU LESSER GENERAL PUBLIC LICENSE');
    expect(licence).toContain('Version 2.1, February 1999');
  });

  it("names the model's derived data and the tools that make it, which the source holds", () => {
    const { notice } = JSON.parse(readFileSync(new URL(shipped!, assets), 'utf8')) as PinyinDictionary;
    for (const path of ['renderer/ime/source/lm-scores.txt', 'renderer/ime/source/lm-pairs.txt', 'renderer/ime/tools/lmScores.cpp', 'renderer/ime/tools/lmScores.mjs']) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      expect(notice).toContain(name);
      expect(existsSync(new URL(`../../${path}`, import.meta.url)), path).toBe(true);
    }
  });
});
