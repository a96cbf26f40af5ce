// The corpus the pinyin dictionary's domain signal is counted from (buildDictionary.mjs): the
// kiosk's own Chinese texts, which talk about disputes the way the court does. Not a word list:
// whole texts, written for residents and clerks, never for the benchmark. The benchmark's word list
// (tests/fixtures/ime/disputeWords.txt) is not drawn from them, and its held-out figure counts only
// words these texts do not hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of the repository whose Chinese text is the corpus. */
export const DOMAIN_CORPUS_FILES = [
  'renderer/i18n/zh-CN.json', // every screen a resident sees, the dispute types' descriptions included
  'shared/disputeLabels.ts', // the dispute types by name
  'shared/receiptText.ts', // the receipt
  'shared/cases/caseLabels.ts', // where a case stands
  'shared/cases/nextStepWords.ts', // what a resident is told to do next (check-my-case; session 18 moved it out of zh-CN.json)
  'shared/claimSuggestions.ts', // the common claims a resident taps on the claims step (session 18)
  'shared/agreements/mediationAgreement.ts', // the mediation agreement
  'shared/agreements/confirmationRuling.ts', // the judicial confirmation ruling
  'server/console/applicationLabels.ts', // an application's fields as the court reads them
];

/** The Chinese runs of those files, one a line (so no word is counted across two texts). */
export function domainCorpus(root) {
  return DOMAIN_CORPUS_FILES.flatMap((file) => readFileSync(join(root, file), 'utf8').match(/[\u4e00-\u9fff]+/g) ?? []).join('\n');
}
