// Globals that browsers and Node both provide, declared for shared/ alone: tsconfig.shared.json
// checks it without DOM or Node types, so using anything else there fails `npm run typecheck`.
// Add a global here only if every runtime shared/ runs in has it, with the members used.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function btoa(data: string): string;

declare class URL {
  constructor(url: string, base?: string | URL);
  toString(): string;
}

declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | Array<[string, string]>);
  get(name: string): string | null;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  has(name: string): boolean;
  toString(): string;
}
