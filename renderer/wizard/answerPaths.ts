// Answers are addressed by dotted paths ("applicant.name", "respondents.0.mobile"), the same paths
// zod reports issues on, so a field, its error and its review row share one name.

export type Path = string;

const isIndex = (segment: string) => /^\d+$/.test(segment);

export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** A copy of `root` with `value` at `path`; missing objects and arrays on the way are created. */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') return root;
  const container: Record<string, unknown> | unknown[] = Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown> | undefined) };
  const child = (container as Record<string, unknown>)[head];
  const next = rest.length === 0 ? value : setAt(child ?? (isIndex(rest[0]!) ? [] : {}), rest.join('.'), value);
  if (next === undefined && !Array.isArray(container)) delete container[head];
  else (container as Record<string, unknown>)[head] = next;
  return container as T;
}

/** Does an issue at `issuePath` belong to the field or group at `owner`? */
export const owns = (owner: Path, issuePath: Path): boolean => issuePath === owner || issuePath.startsWith(`${owner}.`);

export const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
