// Types of ./typeCorpus.mjs for the TypeScript test that reads it (tests/unit/imeDisputeContext.test.ts).

export declare const DISPUTE_TYPES: string[];

export declare const CAUSE_RULES: [RegExp, string][];

export declare function causeType(cause: string): string | null;

export declare function lawTypes(description: string): string[];
