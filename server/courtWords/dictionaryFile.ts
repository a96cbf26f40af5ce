import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { courtDictionary, type CourtDictionary, type DictionaryEntries } from './segmentation.js';

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

// Parsing ≈ 9 MB of JSON blocks a thread for a third of a second (a second on a busy machine): a
// worker does it and hands back the indexes' entries as one string (copied, not rebuilt), so the
// hub's own thread never stops answering. Plain JavaScript, evaluated, that reads as a script and as
// a module alike (dynamic import): the hub runs from TypeScript in tests and from dist/ in a
// deployment, under whatever flags its process got.
const PARSE_IN_WORKER = `
(async () => {
  const { readFileSync } = await import('node:fs');
  const { parentPort, workerData } = await import('node:worker_threads');
  const d = JSON.parse(readFileSync(workerData, 'utf8'));
  const indexes = [d.words || {}, d.initials || {}, ...Object.values(d.topics || {}).map((t) => t.words || {})];
  parentPort.postMessage({
    entries: indexes.map((index) => Object.values(index).join(' ')).join(' '),
    surnames: Object.values(d.surnames || {}).join(''),
    givenNames: Object.values(d.givenNames || {}).join(''),
  });
})();`;

function readEntries(file: string): Promise<DictionaryEntries> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PARSE_IN_WORKER, { eval: true, workerData: file, execArgv: [] });
    worker.once('message', (read: DictionaryEntries) => resolve(read));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the dictionary's reader ended (${code}) without an answer`)));
  });
}

/** Each file's words, loaded once per process (hubs in one process, as tests start them, share them). */
const loaded = new Map<string, Promise<CourtDictionary>>();

/**
 * The dictionary's words, loaded at the first call, once (never at start-up); later calls get the
 * same words. The word list is built in slices between which the hub answers. A failed load is
 * tried again at the next call (the next recount).
 */
export function lazyDictionary(file: string | null): () => Promise<CourtDictionary> {
  return () => {
    if (!file) return Promise.reject(new Error('no pinyin dictionary found (renderer/ime/dictionary.json, or dist/renderer/assets/dictionary-*.json in a built hub)'));
    let loading = loaded.get(file);
    if (!loading) {
      loading = readEntries(file).then((read) => courtDictionary(read, () => turn()));
      loaded.set(file, loading);
      loading.catch(() => loaded.delete(file));
    }
    return loading;
  };
}
