import { AttachmentsIncompleteBody, EnrollResponse, hubPaths, IntakeAck, type IntakeIngest } from '../../shared/hubProtocol.js';
import { parseRetryAfter } from '../../shared/backoff.js';

// HTTP client for the court hub. Every answer is classified for the outbox:
// delivered, retry later (network, timeout, 408, 409 in progress, 429, 5xx, unreadable reply),
// attachments incomplete (409: upload these again, then retry), re-enroll (401), or rejected
// (any other 4xx: needs a person, never retried forever).

export type SendOutcome =
  | { kind: 'delivered'; ack: IntakeAck }
  | { kind: 'incomplete'; missing: string[]; retryAfterMs: number | null }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'rejected'; reason: string };

export interface HubClientOptions {
  hubUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class HubClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: HubClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private url(path: string) {
    return new URL(path, this.options.hubUrl).toString();
  }

  async health(): Promise<boolean> {
    try {
      const res = await this.fetch(this.url(hubPaths.health), { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }

  async enroll(request: { enrollmentCode: string; terminalId: string; name: string; location: string }): Promise<EnrollResponse> {
    const res = await this.fetch(this.url(hubPaths.enroll), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`Enrollment refused: HTTP ${res.status}`);
    return EnrollResponse.parse(body);
  }

  async sendIntake(credential: string, ingest: IntakeIngest): Promise<SendOutcome> {
    let res: Response;
    try {
      res = await this.fetch(this.url(hubPaths.intakes), {
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
    if (res.status === 408 || res.status === 409 || res.status === 429 || res.status >= 500) {
      return { kind: 'retry', reason: `HTTP ${res.status}`, retryAfterMs };
    }
    return { kind: 'rejected', reason: `HTTP ${res.status} ${hubErrorCode(body)}`.trim() };
  }
}

function hubErrorCode(body: unknown): string {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code.slice(0, 60) : '';
}

function networkReason(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  return `network ${e?.cause?.code ?? e?.name ?? 'error'}`;
}
