import { z } from 'zod';
import { EntityId } from '../cases/caseEvents.js';
import { TerminalId } from '../hubProtocol.js';

// Enrolling a terminal (issue 14 item 1), as staff and the hub both read it: staff create a
// terminal (site, name, place) and get a one-time token for its installer (text and QR); the token
// enrolls that terminal once, before it expires. An enrolled terminal cannot enroll again, by
// token or otherwise, until staff revoke it; revoking and issuing a new token is how a credential
// is rotated. Attempts are limited per source address.

/** How long a token is good for unless staff say otherwise, and the most they may say. */
export const ENROLLMENT_TOKEN_HOURS = { default: 72, max: 30 * 24 } as const;

/** Enrollment attempts one source address may make per minute (answered 429 beyond). */
export const ENROLLMENT_ATTEMPTS_PER_MINUTE = 20;

const ExpiresInHours = z.number().int().min(1).max(ENROLLMENT_TOKEN_HOURS.max).optional();

export const TerminalCreate = z.strictObject({
  terminalId: TerminalId,
  name: z.string().trim().min(1).max(100),
  location: z.string().trim().max(200).default(''),
  siteId: EntityId.nullable().optional(),
  expiresInHours: ExpiresInHours,
});
export type TerminalCreate = z.infer<typeof TerminalCreate>;

export const EnrollmentTokenRequest = z.strictObject({ expiresInHours: ExpiresInHours });

export const EnrollmentTokenIssued = z.object({
  terminalId: TerminalId,
  /** Shown once: only its sha256 is kept. */
  token: z.string(),
  expiresAt: z.string(),
  /** The token as a QR code (a self-contained SVG) for the installer's phone or scanner. */
  qrSvg: z.string(),
});
export type EnrollmentTokenIssued = z.infer<typeof EnrollmentTokenIssued>;

export const TerminalParams = z.strictObject({ terminalId: TerminalId });

/** Why an enrollment was refused, for the audit log and the 4xx answer (never which part was right). */
export type EnrollmentRefusal = 'token_unknown' | 'token_used' | 'token_expired' | 'terminal_enrolled' | 'code_unknown';

/** When a token issued at `issuedAt` stops working. */
export function tokenExpiry(issuedAt: Date, hours: number | undefined): string {
  return new Date(issuedAt.getTime() + (hours ?? ENROLLMENT_TOKEN_HOURS.default) * 3_600_000).toISOString();
}
