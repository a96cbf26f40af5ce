// Types of ./lawCorpus.mjs for the TypeScript test that reads it (tests/unit/imeDisputeContext.test.ts).

export declare const LAWS_COMMIT: string;

/** Each law: its file in LawRefBook/Laws and the dispute types it governs. */
export declare const LAWS: [string, string][];

export declare function lawText(markdown: string): string;
