import { createHash, timingSafeEqual } from 'node:crypto';
import { AttemptLimit } from '../../../shared/attemptLimit.js';
import { applicationPhoneKeys, phoneKey, provisionalKey, type CaseStatus, type CaseStatusQuery } from '../../../shared/caseStatus.js';
import type { SubmissionStatus } from '../../../shared/intake.js';
import type { CaseStatusClient } from './caseStatusClient.js';
import type { Db } from '../db.js';
import type { IntakeStore } from '../intake/intakeStore.js';
import type { Log } from '../log.js';
import type { TerminalConfigStore } from '../terminalConfig.js';

// "Check my case" at the kiosk. In order:
// 1. An application filed here and not yet sent: only this kiosk knows it. Answered from the
//    sealed application, and only if the phone number given is one of its numbers.
// 2. Otherwise the court hub answers (it checks the phone number itself).
// 3. The hub cannot be reached: what this kiosk knows of applications it already delivered —
//    that the court received it and its case number. The kiosk purged the application after
//    delivery, so it cannot check the phone number; it therefore shows nothing personal (no name,
//    no phone, no ID, no dispute details, not even the time), only what the receipt's holder could
//    learn at the court's counter with the number anyway. That it reveals the number exists is the
//    price of answering offline at all; local lookups are rate-limited like the hub's.
// A wrong phone number and an unknown number get the same `not_found`.

interface LocalRow {
  submission_id: string;
  provisional_number: string;
  status: SubmissionStatus;
  case_number: string | null;
  submitted_at: string;
}

export interface CaseStatusDeskOptions {
  db: Db;
  intakes: IntakeStore;
  config: TerminalConfigStore;
  client: CaseStatusClient;
  log: Log;
  now?: () => number;
}

export class CaseStatusDesk {
  private readonly byKey;
  /** Bounds guessing at this kiosk (the hub keeps its own, per terminal and per number). */
  private readonly limit: AttemptLimit;

  constructor(private readonly o: CaseStatusDeskOptions) {
    // Same normalisation as provisionalKey() (terminal ids hold only letters, digits, '-' and '_').
    this.byKey = o.db.prepare<[string], LocalRow>(
      `SELECT submission_id, provisional_number, status, case_number, submitted_at FROM submissions
       WHERE replace(replace(upper(provisional_number), '-', ''), '_', '') = ?`,
    );
    this.limit = new AttemptLimit({ max: 10, windowMs: 60_000, ...(o.now ? { now: o.now } : {}) });
  }

  async check(query: CaseStatusQuery): Promise<CaseStatus> {
    const retryAfterS = this.limit.take('kiosk');
    if (retryAfterS > 0) return { kind: 'rate_limited', retryAfterS };
    const rows = this.byKey.all(provisionalKey(query.provisionalNumber));
    const given = phoneKey(query.mobile);

    for (const row of rows) {
      if (row.status === 'delivered') continue;
      const ingest = this.o.intakes.ingestFor(row.submission_id);
      if (ingest && phoneMatches(applicationPhoneKeys(ingest.application), given)) {
        return {
          kind: 'kiosk',
          offline: false,
          provisionalNumber: row.provisional_number,
          stage: row.status === 'needs_attention' ? 'needs_attention' : 'queued',
          caseNumber: null,
          submittedAt: row.submitted_at,
        };
      }
    }

    const credential = this.o.config.credential();
    const answer = credential ? await this.o.client.ask(credential, query) : ({ kind: 'unreachable' } as const);
    this.o.log.info('case.status', { answer: answer.kind === 'answer' ? (answer.response.found ? 'found' : 'not_found') : answer.kind });
    if (answer.kind === 'rate_limited') return answer;
    if (answer.kind === 'answer') {
      if (!answer.response.found) return { kind: 'not_found', checkedWithCourt: true };
      const { found: _found, ...court } = answer.response;
      return { kind: 'court', ...court };
    }

    const delivered = rows.find((r) => r.status === 'delivered');
    if (delivered) {
      return { kind: 'kiosk', offline: true, provisionalNumber: delivered.provisional_number, stage: 'delivered', caseNumber: delivered.case_number, submittedAt: null };
    }
    return { kind: 'not_found', checkedWithCourt: false };
  }
}

/** Whether `given` is one of `keys`, comparing digests in constant time and always all of them. */
function phoneMatches(keys: string[], given: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest();
  const target = digest(given);
  let match = false;
  for (const key of keys) match = timingSafeEqual(digest(key), target) || match;
  return match;
}
