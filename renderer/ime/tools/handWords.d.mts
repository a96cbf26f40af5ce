// Types of ./handWords.mjs for the TypeScript test that reads it (tests/unit/imeDisputeWords.test.ts).

export declare const GIVEN_NAMES_SECTION: string;

export declare function handWords(wordsTxt: string): string[];

export declare function handWordCounts(runsByText: readonly string[], words: readonly string[]): Map<string, { uses: number; texts: number }>;
