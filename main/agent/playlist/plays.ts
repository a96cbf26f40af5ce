import { randomUUID } from 'node:crypto';
import { faultReasons, MAX_PLAYS_PER_BATCH, type PlayRecord, type SkipReason } from '../../../shared/playlist.js';
import type { Db } from '../db.js';
import type { JobOutcome, JobRunner } from '../outbox/jobRunner.js';
import type { Outbox, OutboxJob } from '../outbox/outbox.js';
import type { PlaylistHubClient } from './playlistHubClient.js';

// Proof of play (Xibo's model): every play the renderer reports is a row in `plays` plus an
// outbox job of kind 'play', written in one transaction; Sync sends them to the hub in batches
// through `runner()`, idempotent by the client's playId, and the rows are marked delivered in
// the commit that completes their jobs. A failure (error, stall, corrupt file) is recorded once
// per item and file, not once per loop: `play_faults` remembers it until the item plays through.

/** Delivered rows are kept this long for the admin screen, then purged. */
const DELIVERED_RETENTION_MS = 7 * 86_400_000;

export type RecordResult = 'recorded' | 'duplicate' | 'suppressed';

interface PlayRow {
  play_id: string;
  item_id: string;
  sha256: string;
  started_at: string;
  ended_at: string;
  outcome: 'completed' | 'skipped';
  reason: SkipReason | null;
}

export class PlayLog {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly now: () => number = Date.now,
    /** Called after a new record is queued (the agent wakes its sender). */
    private readonly onRecorded: () => void = () => undefined,
  ) {}

  /** Records a play and queues it for the hub, atomically. */
  record(play: PlayRecord): RecordResult {
    const result = this.insert(play);
    if (result === 'recorded') this.onRecorded();
    return result;
  }

  private insert(play: PlayRecord): RecordResult {
    return this.db.transaction((): RecordResult => {
      if (play.outcome === 'completed') {
        // It plays again: a later failure of this file is news worth reporting.
        this.db.prepare('DELETE FROM play_faults WHERE item_id = ? AND sha256 = ?').run(play.itemId, play.sha256);
      } else if (play.reason !== null && faultReasons.includes(play.reason)) {
        const first = this.db.prepare('INSERT INTO play_faults (item_id, sha256, reason, first_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(play.itemId, play.sha256, play.reason, this.now());
        if (first.changes === 0) return 'suppressed';
      }
      const inserted = this.db
        .prepare(
          `INSERT INTO plays (play_id, item_id, sha256, started_at, ended_at, outcome, reason, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(play_id) DO NOTHING`,
        )
        .run(play.playId, play.itemId, play.sha256, play.startedAt, play.endedAt, play.outcome, play.reason, this.now());
      if (inserted.changes === 0) return 'duplicate';
      this.outbox.enqueue('play', play.playId, this.now());
      return 'recorded';
    })();
  }

  /** A failure the agent found itself (e.g. a download whose hash did not match): reported once. */
  recordFault(itemId: string, sha256: string, reason: SkipReason): RecordResult {
    const at = new Date(this.now()).toISOString();
    return this.record({ playId: randomUUID(), itemId, sha256, startedAt: at, endedAt: at, outcome: 'skipped', reason });
  }

  /** Rows as recorded (tests and the admin view). */
  list(): PlayRecord[] {
    return this.db.prepare<[], PlayRow>('SELECT * FROM plays ORDER BY recorded_at, rowid').all().map(toRecord);
  }

  purgeDelivered(): number {
    return this.db.prepare('DELETE FROM plays WHERE delivered_at IS NOT NULL AND delivered_at < ?').run(this.now() - DELIVERED_RETENTION_MS).changes;
  }

  /** Drives delivery for Sync: batches of due 'play' jobs, one POST each. */
  runner(client: PlaylistHubClient): JobRunner {
    const select = this.db.prepare<[string], PlayRow>('SELECT * FROM plays WHERE play_id = ?');
    return {
      gather: (job, now) => [job, ...this.outbox.claimDueOfKind('play', now, MAX_PLAYS_PER_BATCH - 1)],
      send: async (jobs: OutboxJob[], { credential, signal }): Promise<JobOutcome> => {
        const c = await credential();
        const records: PlayRecord[] = [];
        const sent: OutboxJob[] = [];
        for (const job of jobs) {
          const row = select.get(job.ref);
          if (row) {
            records.push(toRecord(row));
            sent.push(job);
          } else this.outbox.complete(job.id); // its row is gone: nothing left to send
        }
        if (records.length === 0) return { kind: 'delivered' };
        const outcome = await client.sendPlays(c, records, signal);
        if (outcome.kind === 'delivered') {
          const mark = this.db.prepare('UPDATE plays SET delivered_at = ? WHERE play_id = ?');
          this.db.transaction(() => {
            records.forEach((r) => mark.run(this.now(), r.playId));
            sent.forEach((j) => this.outbox.complete(j.id));
          })();
        }
        return outcome;
      },
    };
  }
}

function toRecord(r: PlayRow): PlayRecord {
  return {
    playId: r.play_id,
    itemId: r.item_id,
    sha256: r.sha256,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    reason: r.reason,
  };
}
