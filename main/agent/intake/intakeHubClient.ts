import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import { AttachmentsIncompleteBody, hubPaths, IntakeAck, IntakeBatchResponse, type IntakeIngest } from '../../../shared/hubProtocol.js';
import { parseRetryAfter } from '../../../shared/backoff.js';
import { isRetryableStatus, networkReason } from '../hubClient.js';
import { readJson } from '../hubAnswerBody.js';

// Sends intakes to the court hub — one per request, or several in one batch request — and
// classifies each answer for delivery: delivered, retry later (network, timeout, 408, 409 in
// progress, 429, 5xx, unreadable reply), attachments incomplete (409: upload these again, then
// retry), re-enroll (401), or rejected (any other 4xx: needs a person, never retried forever).
// A batch item is classified exactly as the same intake posted alone would be.

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

/** Largest batch body sent (the hub's limit is 256 KiB): a batch that would exceed it is split. */
export const MAX_BATCH_BODY_BYTES = 192 * 1024;

/** One intake's answer, from its HTTP status and JSON body (the whole reply, or its batch item). */
function classify(status: number, body: unknown, submissionId: string, retryAfterMs: number | null): SendOutcome {
  if (status === 200 || status === 201) {
    const ack = safeParseHubAnswer(IntakeAck, body);
    // A 2xx we cannot read (a proxy's page, a truncated reply) is not proof of delivery.
    if (ack.success && ack.data.submissionId === submissionId) return { kind: 'delivered', ack: ack.data };
    return { kind: 'retry', reason: `unreadable ${status}`, retryAfterMs };
  }
  if (status === 401) return { kind: 'unauthorized', reason: 'HTTP 401' };
  const incomplete = status === 409 ? safeParseHubAnswer(AttachmentsIncompleteBody, body) : null;
  if (incomplete?.success) return { kind: 'incomplete', missing: incomplete.data.error.missing, retryAfterMs };
  if (isRetryableStatus(status)) return { kind: 'retry', reason: `HTTP ${status}`, retryAfterMs };
  return { kind: 'rejected', reason: `HTTP ${status} ${hubErrorCode(body)}`.trim() };
}

export class IntakeHubClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly endpoint: string;
  private readonly batchEndpoint: string;
  /** Cleared when the hub does not know the batch request (an older hub): then one per request. */
  batchSupported = true;

  constructor(options: IntakeHubClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.endpoint = new URL(hubPaths.intakes, options.hubUrl).toString();
    this.batchEndpoint = new URL(hubPaths.intakeBatch, options.hubUrl).toString();
  }

  private async post(
    url: string,
    credential: string,
    body: string,
    key: string | undefined,
    closing: AbortSignal | undefined,
  ): Promise<{ status: number; body: unknown; retryAfterMs: number | null } | { failed: string }> {
    // the agent's close ends a request at once, not on its timeout
    const signal = closing ? AbortSignal.any([closing, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, ...(key ? { 'idempotency-key': key } : {}) },
        body,
        signal,
      });
    } catch (error) {
      return { failed: networkReason(error) };
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    const parsed: unknown = await readJson(res, signal).catch(() => undefined);
    return { status: res.status, body: parsed, retryAfterMs };
  }

  async sendIntake(credential: string, ingest: IntakeIngest, signal?: AbortSignal): Promise<SendOutcome> {
    const reply = await this.post(this.endpoint, credential, JSON.stringify(ingest), ingest.submissionId, signal);
    if ('failed' in reply) return { kind: 'retry', reason: reply.failed, retryAfterMs: null };
    return classify(reply.status, reply.body, ingest.submissionId, reply.retryAfterMs);
  }

  /**
   * Sends the intakes in as few batch requests as fit the body limit; one outcome per intake, in
   * order. Where the hub has no batch request, each goes alone.
   */
  async sendIntakes(credential: string, ingests: readonly IntakeIngest[], signal?: AbortSignal): Promise<SendOutcome[]> {
    const outcomes: SendOutcome[] = [];
    for (const chunk of byBodySize(ingests.map((i) => JSON.stringify(i)))) {
      const part = ingests.slice(outcomes.length, outcomes.length + chunk.length);
      outcomes.push(...(this.batchSupported && part.length > 1 ? await this.sendBatch(credential, part, chunk, signal) : await Promise.all(part.map((i) => this.sendIntake(credential, i, signal)))));
    }
    return outcomes;
  }

  private async sendBatch(credential: string, ingests: readonly IntakeIngest[], bodies: readonly string[], signal: AbortSignal | undefined): Promise<SendOutcome[]> {
    const reply = await this.post(this.batchEndpoint, credential, `{"intakes":[${bodies.join(',')}]}`, undefined, signal);
    const all = (o: SendOutcome) => ingests.map(() => o);
    if ('failed' in reply) return all({ kind: 'retry', reason: reply.failed, retryAfterMs: null });
    if (reply.status === 200) {
      const parsed = safeParseHubAnswer(IntakeBatchResponse, reply.body);
      if (!parsed.success || parsed.data.results.length !== ingests.length) return all({ kind: 'retry', reason: 'unreadable batch reply', retryAfterMs: null });
      return parsed.data.results.map((item, i) => classify(item.status, item.outcome === 'refused' ? { error: item.error } : item.ack, ingests[i]!.submissionId, reply.retryAfterMs));
    }
    if (reply.status === 401) return all({ kind: 'unauthorized', reason: 'HTTP 401' });
    if (isRetryableStatus(reply.status)) return all({ kind: 'retry', reason: `HTTP ${reply.status}`, retryAfterMs: reply.retryAfterMs });
    // Any other refusal of the batch as a whole (an older hub's 404, a body too large): send them
    // one by one, which answers each on its own.
    this.batchSupported = reply.status !== 404 && reply.status !== 405;
    return Promise.all(ingests.map((i) => this.sendIntake(credential, i, signal)));
  }
}

/** Splits request bodies into runs whose batch body stays under MAX_BATCH_BODY_BYTES. */
function byBodySize(bodies: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let size = 0;
  for (const body of bodies) {
    const bytes = Buffer.byteLength(body) + 1;
    const last = chunks.at(-1);
    if (last && size + bytes <= MAX_BATCH_BODY_BYTES) {
      last.push(body);
      size += bytes;
    } else {
      chunks.push([body]);
      size = bytes + 16;
    }
  }
  return chunks;
}

function hubErrorCode(body: unknown): string {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code.slice(0, 60) : '';
}
