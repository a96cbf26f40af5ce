import { CourtWord } from '../../shared/courtWords.js';

// Which of the kiosk's dictionary words a resident's text holds: a forward longest match over the
// dictionary's words of 2–6 characters (the simplest segmentation that never invents a word), and
// the one shape of word that is never counted, a private person's name.

/** What counting needs of the kiosk's dictionary (renderer/ime/dictionary.json, read by ./dictionaryFile.ts). */
export interface CourtDictionary {
  /** Its words of 2–6 Chinese characters (CourtWord). */
  words: ReadonlySet<string>;
  /** The surnames and the given-name characters its build composes names of (source/surnames.txt, given-names.txt). */
  surnames: ReadonlySet<string>;
  givenNames: ReadonlySet<string>;
}

/** The longest word counted, in characters (CourtWord's 6). */
const LONGEST = 6;

/** What the hub reads of the dictionary file (./dictionaryFile.ts): every index's entries, and the name characters. */
export interface DictionaryEntries {
  /** "word:score" entries of every index (by whole pinyin, by initials, per type), space-separated. */
  entries: string;
  /** The characters of its `surnames` and `givenNames` (source/surnames.txt, given-names.txt). */
  surnames: string;
  givenNames: string;
}

/** Entries read between two pauses: a slice of a few milliseconds, so a hub reading the dictionary still answers. */
const ENTRIES_PER_SLICE = 10_000;

/** The dictionary's words of 2–6 Chinese characters and its name characters; `pause` is awaited between slices. */
export async function courtDictionary(read: DictionaryEntries, pause: () => Promise<void> = async () => undefined): Promise<CourtDictionary> {
  const words = new Set<string>();
  const entries = read.entries.split(' ');
  for (let at = 0; at < entries.length; at += ENTRIES_PER_SLICE) {
    for (const entry of entries.slice(at, at + ENTRIES_PER_SLICE)) {
      const word = entry.slice(0, entry.lastIndexOf(':'));
      if (CourtWord.safeParse(word).success) words.add(word);
    }
    await pause();
  }
  return { words, surnames: new Set(read.surnames), givenNames: new Set(read.givenNames) };
}

/**
 * The dictionary words of `text`, in order, each use once: within each run of Chinese characters,
 * the longest dictionary word starting here (6 characters down to 2), else one character on.
 */
export function dictionaryWordsIn(text: string, words: ReadonlySet<string>): string[] {
  const found: string[] = [];
  // The run's characters are all in the BMP (U+3400–U+9FFF): one UTF-16 unit each, so string
  // offsets are character offsets.
  for (const [run] of text.matchAll(/[\u3400-\u9fff]+/gu)) {
    for (let at = 0; at < run.length;) {
      let taken = 0;
      for (let length = Math.min(LONGEST, run.length - at); length >= 2 && taken === 0; length--) {
        const candidate = run.slice(at, at + length);
        if (words.has(candidate)) {
          found.push(candidate);
          taken = length;
        }
      }
      at += taken === 0 ? 1 : taken;
    }
  }
  return found;
}

/**
 * A word shaped like a private person's name (李华, 王秀兰): a surname followed only by given-name
 * characters, three characters at most — the rule renderer/ime/tools/buildDictionary.mjs applies to
 * the language model's new words (`personName`), over the same character lists, which the hub reads
 * from the dictionary the build wrote them into. That build is plain Node and cannot import
 * TypeScript, so this is its hub-side copy; tests/unit/courtWordsCounting.test.ts holds them equal.
 */
export function nameShaped(word: string, dictionary: Pick<CourtDictionary, 'surnames' | 'givenNames'>): boolean {
  const chars = [...word];
  return chars.length <= 3 && dictionary.surnames.has(chars[0]!) && chars.slice(1).every((ch) => dictionary.givenNames.has(ch));
}
