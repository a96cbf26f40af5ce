import type { KioskApi } from '../../shared/contract.js';
import { faultReasons, type AttractItem, type SkipReason } from '../../shared/playlist.js';

// Proof of play: every play the loop ends is reported to the agent, which records it and sends
// it to the hub through its outbox. A failure (error, stall) is reported once per item and file
// in this page's life; the agent also suppresses repeats across reloads.

export type PlayReporter = (item: AttractItem, startedAt: number, endedAt: number, reason: SkipReason | null) => void;

export function createPlayReporter(api: KioskApi): PlayReporter {
  const reported = new Set<string>();
  return (item, startedAt, endedAt, reason) => {
    if (reason !== null && faultReasons.includes(reason)) {
      const key = `${item.id}:${item.sha256}:${reason}`;
      if (reported.has(key)) return;
      reported.add(key);
    }
    void api.call('play.report', {
      playId: crypto.randomUUID(),
      itemId: item.id,
      sha256: item.sha256,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(Math.max(startedAt, endedAt)).toISOString(),
      outcome: reason === null ? 'completed' : 'skipped',
      reason,
    });
  };
}
