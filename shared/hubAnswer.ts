import type { z } from 'zod';

// Version skew between hub and kiosks, decided once: kiosks in villages update later than the
// court's hub, so a kiosk reads what the hub ANSWERS (HTTP replies, signalling frames) tolerantly —
// a field it does not know (one a newer hub added) is dropped, as z.object would — while every
// other rule of the schema holds. The hub reads what kiosks SEND with the same schemas strictly
// (z.strictObject refuses an unknown field), since a kiosk is never newer than its hub.
// The schemas stay strict; only the kiosk's reading of answers goes through here.
// A closed list of values in an answer (an enum) is read the same way: it ends in
// `.catch(<a value the kiosk already handles as a refusal>)` (ErrorFrame.code's REFUSED in
// ./signalling.ts), so a value a newer hub added is read as that refusal, never a dropped answer.
// Where the hub adds such a value to an answer to a kiosk's request, the request says which new
// values the kiosk knows (call.join's `knows`) and an older kiosk is answered one it knows.

/** The unknown fields an issue list names, or null if anything else is wrong too. */
function unknownFields(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): Array<{ path: PropertyKey[]; keys: string[] }> | null {
  const found: Array<{ path: PropertyKey[]; keys: string[] }> = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') found.push({ path, keys: issue.keys });
    else if (issue.code === 'invalid_union') {
      // the first alternative that only objects to unknown fields (its paths are relative to the union)
      const branch = issue.errors.map((e) => unknownFields(e, path)).find((f) => f !== null && f.length > 0);
      if (!branch) return null;
      found.push(...branch);
    } else return null;
  }
  return found;
}

function drop(value: unknown, path: readonly PropertyKey[], keys: readonly string[]): void {
  let at: unknown = value;
  for (const step of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[step] : undefined;
  if (at !== null && typeof at === 'object') for (const key of keys) delete (at as Record<string, unknown>)[key];
}

/** How many nested levels of new fields one answer may carry (each round drops one set). */
const MAX_ROUNDS = 8;

/** Parses a hub answer; fields the schema does not know are dropped, anything else wrong fails as usual. */
export function safeParseHubAnswer<S extends z.ZodType>(schema: S, answer: unknown): z.ZodSafeParseResult<z.output<S>> {
  let value = answer;
  let result = schema.safeParse(value);
  for (let round = 0; !result.success && round < MAX_ROUNDS; round++) {
    const unknown = unknownFields(result.error.issues);
    if (!unknown || unknown.length === 0) break;
    if (round === 0) value = JSON.parse(JSON.stringify(answer)) as unknown; // an answer is JSON; the caller's copy is left as it came
    for (const { path, keys } of unknown) drop(value, path, keys);
    result = schema.safeParse(value);
  }
  return result;
}

/** As safeParseHubAnswer, throwing the schema's error when the answer does not fit. */
export function parseHubAnswer<S extends z.ZodType>(schema: S, answer: unknown): z.output<S> {
  const result = safeParseHubAnswer(schema, answer);
  if (!result.success) throw result.error;
  return result.data;
}
