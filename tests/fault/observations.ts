import type { IntakeSubmission, Receipt } from '../../shared/intake.js';
import type { HubRecord } from './verify.js';

// What a fault run saw: each submission and what became of it, and the count of every fault
// (driver.ts fills it in as the run goes; audit.ts reads it afterwards).

export interface Tracked {
  /** The body the kiosk first accepted (an altered double tap never replaces it). */
  submission: IntakeSubmission;
  receipt: Receipt | null;
  /** A call for it died with the agent before it ever got a receipt. */
  uncertain: boolean;
  retries: number;
}

export interface Observations {
  tracked: Map<string, Tracked>;
  kills: number;
  lives: number;
  earlyKills: number;
  doubleTaps: number;
  alteredDoubleTaps: number;
  uncertainRetried: number;
  /** Retries whose receipt predates the retry: the call that died had committed. */
  uncertainCommittedBeforeDeath: number;
  receiptMismatches: string[];
  callErrors: Map<string, number>;
  callTimeouts: number;
  unexpectedAgentExits: string[];
  /** Starts that never said 'ready' (killed after 15 s). */
  readyTimeouts: number;
  hubStops: number;
  hubKills: number;
  hubKillsMidRequest: number;
  /** PostgreSQL stops (--cluster). */
  databaseStops: number;
  unexpectedHubExits: string[];
  proxyCounts: Record<string, number>;
  drain: { ms: number; drained: boolean; queueDepth: number; needsAttention: number };
  chaosMs: number;
  notes: string[];
  kioskDb: string;
  /** What the hub stored (its SQLite file, or PostgreSQL under --cluster), read after every instance stopped. */
  hub: { integrity: string; rows: HubRecord[] };
}

/** Nothing seen yet: `tracked` is the driver's own map, filled in as the run goes. */
export function newObservations(tracked: Map<string, Tracked>, kioskDb: string): Observations {
  return {
    tracked,
    kills: 0,
    lives: 0,
    earlyKills: 0,
    doubleTaps: 0,
    alteredDoubleTaps: 0,
    uncertainRetried: 0,
    uncertainCommittedBeforeDeath: 0,
    receiptMismatches: [],
    callErrors: new Map(),
    callTimeouts: 0,
    unexpectedAgentExits: [],
    readyTimeouts: 0,
    hubStops: 0,
    hubKills: 0,
    hubKillsMidRequest: 0,
    databaseStops: 0,
    unexpectedHubExits: [],
    proxyCounts: {},
    drain: { ms: 0, drained: false, queueDepth: -1, needsAttention: -1 },
    chaosMs: 0,
    notes: [],
    kioskDb,
    hub: { integrity: 'missing', rows: [] },
  };
}
