import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonicalJson.js';
import type { CaseEvent } from '../../shared/cases/caseEvents.js';

// Each case's events form a hash chain: an event's hash is sha256 over the previous event's hash
// and the event's canonical JSON (the envelope of shared/cases/caseEvents.ts, keys sorted). Any
// edit of a stored event, or one removed from the middle, breaks every hash after it.

export function eventHash(prevHash: string | null, event: CaseEvent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(event))
    .digest('hex');
}

/** Whether `events` (in seq order, with their stored hashes) form an unbroken chain. */
export function chainValid(events: ReadonlyArray<{ event: CaseEvent; prevHash: string | null; hash: string }>): boolean {
  let prev: string | null = null;
  for (const e of events) {
    if (e.prevHash !== prev || eventHash(prev, e.event) !== e.hash) return false;
    prev = e.hash;
  }
  return true;
}
