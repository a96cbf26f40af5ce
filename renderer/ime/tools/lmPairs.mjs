// The general language model's word pairs for the dictionary (source/lm-pairs.txt, from tools/lmScores.mjs;
// LGPL-2.1-or-later, ../README.md): for each pair whose words the dictionary offers, how many bits
// likelier the second word is after the first than alone. The composer of abbreviated letters takes
// them off a part's cost (劳动 then 仲裁: "ldzc"). Moved out of buildDictionary.mjs in session 16.
import { readFileSync } from 'node:fs';

/** First word → "second:bits …", for pairs at least 10^minLog10 likely after their first word (none when minLog10 ≥ 0). */
export function lmPairs(path, known, minLog10) {
  const pairs = {};
  if (minLog10 >= 0) return pairs;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [first, second, next, alone] = line.split(' ');
    if (Number(next) < minLog10 || !known(first) || !known(second)) continue;
    const bits = Math.round((Number(next) - Number(alone)) * Math.log2(10));
    pairs[first] = pairs[first] ? `${pairs[first]} ${second}:${bits}` : `${second}:${bits}`;
  }
  return pairs;
}
