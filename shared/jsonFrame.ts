import type { z } from 'zod';

// Client sockets receive JSON text frames they must not trust: each is parsed and checked
// against its protocol's schema, and anything else is dropped without a throw.

/** The frame if `text` is JSON matching `schema`; null otherwise. */
export function parseJsonFrame<S extends z.ZodType>(schema: S, text: string): z.output<S> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
