// Types of ./startLogins.mjs for the TypeScript tests that read it.

export declare const LOGINS_FLAG: string;

export interface LoginFacts {
  firstStart: boolean;
  asked: boolean;
  admin: { password: string; fromEnv: boolean; check: 'works' | 'changed' | 'unknown' };
  mediator: { password: string; fromEnv: boolean };
  /** Where the dev secrets are (default data/dev-secrets.json). */
  secretsFile?: string;
}

export declare function loginNotes(o: LoginFacts): { admin: string; mediator: string; hint: string | null };
