// The keyboard's one engine, loaded with the dictionary on first use, and the court's words the
// agent gave, handed to it whenever either arrives.

import type { CourtWordsList } from '../../shared/courtWords.js';
import { PinyinEngine, type PinyinDictionary } from './pinyinEngine.js';

/**
 * The dictionary (8.7 MB) is a static file of the build (assets/dictionary-<hash>.json), not a JS
 * chunk: data parsed as JSON, not compiled as a 7 MB script, and no chunk over the build's size
 * warning. Vite emits the file for this `new URL`; the page fetches it from its own origin, which
 * both hosts serve (kiosk://app, registered with fetch support; the browser host's loopback HTTP,
 * which sends the build's .br beside it), within the CSP's connect-src 'self'.
 */
const DICTIONARY_URL = new URL('./dictionary.json', import.meta.url);

let loading: Promise<PinyinEngine> | null = null;
/** The court's words as the agent last gave them (renderer/keyboard/useCourtWords.ts). */
let courtWords: CourtWordsList | null = null;

/** Loads the dictionary once, the first time Chinese input is needed; a failed load is tried again at the next use. */
export function loadPinyinEngine(): Promise<PinyinEngine> {
  loading ??= fetch(DICTIONARY_URL)
    .then(async (response) => {
      if (!response.ok) throw new Error(`pinyin dictionary: HTTP ${response.status}`);
      const engine = new PinyinEngine((await response.json()) as PinyinDictionary);
      engine.setCourtWords(courtWords);
      return engine;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** Who ranks again when the loaded engine takes new court words (a composition already shown). */
const reranks = new Set<() => void>();

/** The court's words for the keyboard, whenever they arrive: the engine ranks by them once loaded (now, if it is). */
export function rankByCourtWords(list: CourtWordsList | null): void {
  // Asked again at every resident's first step: the same version changes nothing, and finding every
  // word's reading again cost 17–350 ms on the main thread (the review's measure).
  if ((list?.version ?? null) === (courtWords?.version ?? null)) return;
  courtWords = list;
  void loading
    ?.then((engine) => {
      engine.setCourtWords(courtWords);
      reranks.forEach((rerank) => rerank());
    })
    .catch(() => undefined);
}

/** Calls `rerank` each time the loaded engine takes new court words; returns the unsubscribe. */
export function onCourtWordsRanked(rerank: () => void): () => void {
  reranks.add(rerank);
  return () => reranks.delete(rerank);
}
