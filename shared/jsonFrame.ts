import type { z } from 'zod';
import { safeParseHubAnswer } from './hubAnswer.js';

// Client sockets receive JSON text frames they must not trust: each is parsed and checked
// against its protocol's schema, and anything else is dropped without a throw. The server may be
// newer than the client (a village kiosk and the court's hub): fields the client does not know
// are dropped, not refused (shared/hubAnswer.ts).

/** The frame if `text` is JSON matching `schema`; null otherwise. */
export function parseJsonFrame<S extends z.ZodType>(schema: S, text: string): z.output<S> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = safeParseHubAnswer(schema, json);
  return parsed.success ? parsed.data : null;
}
