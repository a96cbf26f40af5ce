import { z } from 'zod';

// The audit log as the court API shows it to admins (GET /api/v1/audit): references only.

const Instant = z.iso.datetime({ offset: true });

export const AuditQuery = z.strictObject({
  caseId: z.uuid().optional(),
  actor: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  outcome: z.enum(['ok', 'denied']).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  /** Entries older than this audit seq (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorKind: z.enum(['staff', 'terminal', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  caseId: z.string().nullable(),
  recordKind: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied']),
  source: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ entries: z.array(AuditEntry) });
