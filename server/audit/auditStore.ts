import type { Kysely } from 'kysely';
import type { AuditEntry, AuditQuery } from '../../shared/courtApi/audit.js';
import type { HubDatabase } from '../db/schema.js';

// The audit log (server/DATA.md): every state change and every view of personal data, who did it
// in which role, on which case or record, whether it was allowed, and from where. Append-only (the
// database refuses UPDATE and DELETE); it holds references, never the personal data itself. A
// refusal is recorded outside the refused transaction, so rolling that back keeps the record.

export interface Auditor {
  kind: 'staff' | 'terminal' | 'system' | 'anonymous';
  id: string | null;
  role: string | null;
  /** A terminal id or the client's address. */
  source: string | null;
}

export interface AuditRecord {
  action: string;
  outcome: 'ok' | 'denied';
  caseId?: string | null;
  recordKind?: string | null;
  recordId?: string | null;
  /** A terminal-reported entry's own key: recorded once however often it is resent. */
  reportKey?: string | null;
}

export type AuditStore = ReturnType<typeof auditStore>;

export function auditStore(now: () => Date) {
  const row = (at: string, who: Auditor, what: AuditRecord) => ({
    at,
    actor_kind: who.kind,
    actor_id: who.id,
    actor_role: who.role,
    action: what.action,
    case_id: what.caseId ?? null,
    record_kind: what.recordKind ?? null,
    record_id: what.recordId ?? null,
    outcome: what.outcome,
    source: who.source?.slice(0, 200) ?? null,
    report_key: what.reportKey ?? null,
  });
  return {
    async record(db: Kysely<HubDatabase>, who: Auditor, what: AuditRecord): Promise<void> {
      await db
        .insertInto('audit_log')
        .values(row(now().toISOString(), who, what))
        // a resent report (its first answer was lost) is already recorded: nothing to add
        .$if(what.reportKey != null, (q) => q.onConflict((oc) => oc.column('report_key').doNothing()))
        .execute();
    },

    /** Many things one actor did in one request (a listing that opened many cases): one insert, all or none. */
    async recordAll(db: Kysely<HubDatabase>, who: Auditor, what: readonly Omit<AuditRecord, 'reportKey'>[]): Promise<void> {
      if (what.length === 0) return;
      const at = now().toISOString();
      await db
        .insertInto('audit_log')
        .values(what.map((w) => row(at, who, w)))
        .execute();
    },

    /** Newest first, from `before` (an audit_seq) down. */
    async list(db: Kysely<HubDatabase>, q: AuditQuery): Promise<AuditEntry[]> {
      let query = db.selectFrom('audit_log').selectAll();
      if (q.caseId) query = query.where('case_id', '=', q.caseId);
      if (q.actor) query = query.where('actor_id', '=', q.actor);
      if (q.action) query = query.where('action', '=', q.action);
      if (q.outcome) query = query.where('outcome', '=', q.outcome);
      if (q.from) query = query.where('at', '>=', q.from);
      if (q.to) query = query.where('at', '<', q.to);
      if (q.before) query = query.where('audit_seq', '<', q.before);
      const rows = await query.orderBy('audit_seq', 'desc').limit(q.limit).execute();
      return rows.map((r) => ({
        seq: r.audit_seq,
        at: r.at,
        actorKind: r.actor_kind as AuditEntry['actorKind'],
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        caseId: r.case_id,
        recordKind: r.record_kind,
        recordId: r.record_id,
        outcome: r.outcome as AuditEntry['outcome'],
        source: r.source,
      }));
    },
  };
}
