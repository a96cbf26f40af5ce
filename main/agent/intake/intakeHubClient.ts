import { AttachmentsIncompleteBody, hubPaths, IntakeAck, type IntakeIngest } from '../../../shared/hubProtocol.js';
import { parseRetryAfter } from '../../../shared/backoff.js';
import { isRetryableStatus, networkReason } from '../hubClient.js';

// Sends one intake to the court hub and classifies the answer for delivery:
// delivered, retry later (network, timeout, 408, 409 in progress, 429, 5xx, unreadable reply),
// attachments incomplete (409: upload these again, then retry), re-enroll (401), or rejected
// (any other 4xx: needs a person, never retried forever).

export type SendOutcome =
  | { kind: 'delivered'; ack: IntakeAck }
  | { kind: 'incomplete'; missing: string[]; retryAfterMs: number | null }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'rejected'; reason: string };

export interface IntakeHubClientOptions {
  hubUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class IntakeHubClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly endpoint: string;

  constructor(options: IntakeHubClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.endpoint = new URL(hubPaths.intakes, options.hubUrl).toString();
  }

  async sendIntake(credential: string, ingest: IntakeIngest): Promise<SendOutcome> {
    let res: Response;
    try {
      res = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${credential}`,
          'idempotency-key': ingest.submissionId,
        },
        body: JSON.stringify(ingest),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error), retryAfterMs: null };
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (res.status === 200 || res.status === 201) {
      const ack = IntakeAck.safeParse(body);
      // A 2xx we cannot read (a proxy's page, a truncated reply) is not proof of delivery.
      if (ack.success && ack.data.submissionId === ingest.submissionId) return { kind: 'delivered', ack: ack.data };
      return { kind: 'retry', reason: `unreadable ${res.status}`, retryAfterMs };
    }
    if (res.status === 401) return { kind: 'unauthorized', reason: 'HTTP 401' };
    const incomplete = res.status === 409 ? AttachmentsIncompleteBody.safeParse(body) : null;
    if (incomplete?.success) return { kind: 'incomplete', missing: incomplete.data.error.missing, retryAfterMs };
    if (isRetryableStatus(res.status)) return { kind: 'retry', reason: `HTTP ${res.status}`, retryAfterMs };
    return { kind: 'rejected', reason: `HTTP ${res.status} ${hubErrorCode(body)}`.trim() };
  }
}

function hubErrorCode(body: unknown): string {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code.slice(0, 60) : '';
}
