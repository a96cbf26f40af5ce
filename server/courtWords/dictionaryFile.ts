import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { courtDictionary, type CourtDictionary } from './segmentation.js';

// Where the hub finds the kiosk's pinyin dictionary, and its one load. The hub never imports
// renderer code (tests/unit/boundaries.test.ts): it reads the dictionary as the data file it is —
// the one the kiosks of the same build fetch, so the hub counts exactly the words they can offer.
// In a checkout (tests, `tsx`) that is renderer/ime/dictionary.json; in a built hub (dist/, which a
// deployment copies whole) the renderer's build put it at dist/renderer/assets/dictionary-<hash>.json.

const SOURCE_FILE = path.join('renderer', 'ime', 'dictionary.json');
const BUILT_DIR = path.join('renderer', 'assets');
const BUILT_NAME = /^dictionary-[\w-]+\.json$/;

/** The dictionary nearest this module: the first folder up (at most six) holding either file. */
export function findDictionaryFile(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const source = path.join(dir, SOURCE_FILE);
    if (existsSync(source)) return source;
    const built = path.join(dir, BUILT_DIR);
    const name = existsSync(built) ? readdirSync(built).find((n) => BUILT_NAME.test(n)) : undefined;
    if (name) return path.join(built, name);
  }
  return null;
}

/** Each file's words, loaded once per process (hubs in one process, as tests start them, share them). */
const loaded = new Map<string, Promise<CourtDictionary>>();

/**
 * The dictionary's words, loaded at the first call, once (≈ 9 MB of JSON: never at start-up, which
 * it would delay); later calls get the same words. A failed load is tried again at the next call
 * (the next recount).
 */
export function lazyDictionary(file: string | null): () => Promise<CourtDictionary> {
  return () => {
    if (!file) return Promise.reject(new Error('no pinyin dictionary found (renderer/ime/dictionary.json, or dist/renderer/assets/dictionary-*.json in a built hub)'));
    let loading = loaded.get(file);
    if (!loading) {
      loading = readFile(file, 'utf8').then((text) => courtDictionary(JSON.parse(text) as Parameters<typeof courtDictionary>[0]));
      loaded.set(file, loading);
      loading.catch(() => loaded.delete(file));
    }
    return loading;
  };
}
