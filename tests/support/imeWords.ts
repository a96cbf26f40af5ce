import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { disputeTypes, type DisputeType } from '../../shared/disputeTypes.js';
import type { PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';

// The pinyin benchmark's word lists, read once for its tests (imeDisputeWords, imeDisputeContext):
// the dispute words and their groups' dispute types, which of them the build saw in texts we wrote,
// and the everyday words.

export const root = join(import.meta.dirname, '..', '..');
export const dictionary = JSON.parse(readFileSync(join(root, 'renderer', 'ime', 'dictionary.json'), 'utf8')) as PinyinDictionary;

/** The words of a list file: whitespace-separated, # lines ignored. */
export const listed = (...path: string[]) =>
  readFileSync(join(root, ...path), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter((w) => w !== '');
const disputeWordsPath = ['tests', 'fixtures', 'ime', 'disputeWords.txt'] as const;
export const words = [...new Set(listed(...disputeWordsPath))];

/**
 * Each entry's dispute types, from a list file's text: its group's "# type: …" header ("all": every
 * type), first group holding it. Any other "#" line starts a group (its heading), so a group without
 * its own header fails here instead of taking the previous group's types, and so does a type name
 * shared/disputeTypes.ts does not know (a typo would silently mean "no context").
 */
export function typesByEntry(text: string): Map<string, DisputeType[]> {
  const out = new Map<string, DisputeType[]>();
  let groupTypes: DisputeType[] = [];
  for (const line of text.split('\n')) {
    const header = /^# type: (.+)$/.exec(line);
    if (header) {
      const names = header[1]!.trim() === 'all' ? [...disputeTypes] : header[1]!.trim().split(/,\s*/);
      const unknown = names.filter((name) => !(disputeTypes as readonly string[]).includes(name));
      if (unknown.length > 0) throw new Error(`# type: names no dispute type: ${unknown.join(', ')}`);
      groupTypes = names as DisputeType[];
    } else if (line.startsWith('#')) groupTypes = [];
    else
      for (const entry of line.split(/\s+/).filter((w) => w !== '')) {
        if (groupTypes.length === 0) throw new Error(`${entry}: its group has no "# type:" header`);
        if (!out.has(entry)) out.set(entry, groupTypes);
      }
  }
  return out;
}
/** The dispute words' types (session 16's in-context benchmark types a word in each of them). */
export const wordTypes = typesByEntry(readFileSync(join(root, ...disputeWordsPath), 'utf8'));

/** Words the dictionary's build saw in texts we wrote: boosted from the kiosk's texts, or added by hand. */
export const seenByBuild = new Set([
  ...readFileSync(join(root, 'renderer', 'ime', 'source', 'domain-counts.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(' ')[0]!),
  // "word" or "word/syl-syl" (a reading given by hand).
  ...listed('renderer', 'ime', 'source', 'words.txt').map((entry) => entry.split('/')[0]!),
]);

/** word/hu-an… in the list gives the reading; otherwise pinyin-pro's. */
export const syllables = (word: string) => pinyin(word, { type: 'array', toneType: 'none', v: true });
/** Word → its syllables; keyed by the word without its reading. */
export const readings = new Map(words.map((entry) => [entry.split('/')[0]!, entry.includes('/') ? entry.split('/')[1]!.split('-') : syllables(entry)]));
/** The types of a word (by the word without its reading). */
export const typesOf = (word: string): DisputeType[] => wordTypes.get(words.find((entry) => entry.split('/')[0] === word)!) ?? [];
/** The headline's words: those the build never saw in texts we wrote. */
export const heldOut = [...readings.keys()].filter((word) => !seenByBuild.has(word));

/** jieba's dictionary (its dict.txt). */
export const jiebaDict = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8');
/** Everyday words: the 500 commonest two-character words of jieba's corpus. */
export const everydayWords = jiebaDict
  .split('\n')
  .map((line) => line.split(' '))
  .filter(([word]) => word !== undefined && /^[\u4e00-\u9fff]{2}$/.test(word))
  .sort((a, b) => Number(b[1]) - Number(a[1]))
  .slice(0, 500)
  .map(([word]) => word!);

/**
 * The everyday words residents actually write (the lead's decision, session 16): those of the 500
 * that people's consultation questions use at least twice (source/consultation-counts.txt). The
 * dispute type's share is chosen on these, typed in every type's context.
 */
const consultationCounts = new Map(
  readFileSync(join(root, 'renderer', 'ime', 'source', 'consultation-counts.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => [line.split(' ')[0]!, Number(line.split(' ')[1])] as const),
);
export const everydayResident = everydayWords.filter((word) => (consultationCounts.get(word) ?? 0) >= 2);

export const pct = (n: number, of: number) => Number(((100 * n) / of).toFixed(1));
