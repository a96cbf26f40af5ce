// The words source/words.txt adds by hand, as a corpus tool counts them (consultationCorpus.mjs):
// pure, so tests/unit/imeDisputeWords.test.ts checks the rule on a made-up text; types in ./handWords.d.mts.

/** The section of words.txt whose words are given names for name fields: a person's name is personal data, never counted. */
export const GIVEN_NAMES_SECTION = '# Given names';

/**
 * words.txt's words of two or more characters outside its given-names section (还钱, 不还, 号楼), in
 * order, each once. Kept out by their section, not by their characters' shape: 国栋 is a given name
 * though 栋 is not one of the given-name characters.
 */
export function handWords(wordsTxt) {
  const words = new Set();
  let inGivenNames = false;
  for (const line of wordsTxt.split('\n')) {
    // The section runs from its heading to the next comment line (the next section's heading).
    if (line.startsWith('#')) inGivenNames = line.trim() === GIVEN_NAMES_SECTION;
    if (line.startsWith('#') || inGivenNames) continue;
    for (const entry of line.split(/\s+/)) {
      const word = entry.split('/')[0];
      if ([...word].length >= 2) words.add(word);
    }
  }
  return [...words];
}

/** Each word → how many times the texts' Chinese runs hold it as a string, and in how many texts; words never found are left out. */
export function handWordCounts(runsByText, words) {
  const counts = new Map();
  for (const word of words) {
    let uses = 0;
    let texts = 0;
    for (const runs of runsByText) {
      const n = runs.split(word).length - 1;
      uses += n;
      if (n > 0) texts++;
    }
    if (uses > 0) counts.set(word, { uses, texts });
  }
  return counts;
}
