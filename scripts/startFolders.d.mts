// Types of ./startFolders.mjs for the TypeScript tests that read it.

export declare const DATA_DIR_FLAG: string;

export interface StartFolders {
  data: string;
  secretsFile: string;
  hubDir: string;
  kioskDir: string;
  demoDir: string;
}

export declare function dataDirArgument(argv: readonly string[]): string | null;
export declare function startFolders(o: { argv: readonly string[]; env: Record<string, string | undefined>; root: string; cwd: string }): StartFolders;
