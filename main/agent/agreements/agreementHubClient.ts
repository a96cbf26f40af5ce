import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import { parseRetryAfter } from '../../../shared/backoff.js';
import { KIOSK_AGREEMENT_PATH, KIOSK_SIGNATURE_PATH, KioskAgreementAnswer, KioskSignatureAnswer, type KioskSignatureRequest, type SignerQuery } from '../../../shared/agreements/kioskSigning.js';
import { isRetryableStatus, networkReason } from '../hubClient.js';
import type { HubAnswer } from '../outbox/jobRunner.js';
import { readJson } from '../hubAnswerBody.js';

// The kiosk's side of shared/agreements/kioskSigning.ts: reading the agreement (a resident waits,
// so a short timeout and "unreachable" rather than a late answer) and sending a queued signature
// (classified for the outbox like every other job).

export type AgreementReading = { kind: 'answer'; answer: KioskAgreementAnswer } | { kind: 'rate_limited'; retryAfterS: number } | { kind: 'unreachable' };

export class AgreementHubClient {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly hubUrl: string,
    private readonly o: { timeoutMs?: number; fetch?: typeof fetch } = {},
  ) {
    this.fetch = o.fetch ?? globalThis.fetch;
  }

  private post(path: string, credential: string, body: unknown, signal: AbortSignal): Promise<Response> {
    return this.fetch(new URL(path, this.hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify(body),
      signal,
    });
  }

  async read(credential: string, query: SignerQuery): Promise<AgreementReading> {
    const request = AbortSignal.timeout(this.o.timeoutMs ?? 6_000);
    let res: Response;
    try {
      res = await this.post(KIOSK_AGREEMENT_PATH, credential, query, request);
    } catch {
      return { kind: 'unreachable' };
    }
    const body: unknown = await readJson(res, request).catch(() => undefined);
    if (res.status === 429) return { kind: 'rate_limited', retryAfterS: Math.max(1, Math.ceil((parseRetryAfter(res.headers.get('retry-after')) ?? 60_000) / 1000)) };
    const parsed = res.ok ? safeParseHubAnswer(KioskAgreementAnswer, body) : null;
    return parsed?.success ? { kind: 'answer', answer: parsed.data } : { kind: 'unreachable' };
  }

  async sign(credential: string, request: KioskSignatureRequest): Promise<HubAnswer> {
    const signal = AbortSignal.timeout(this.o.timeoutMs ?? 30_000);
    let res: Response;
    try {
      res = await this.post(KIOSK_SIGNATURE_PATH, credential, request, signal);
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error), retryAfterMs: null };
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    const body: unknown = await readJson(res, signal).catch(() => undefined);
    if (res.ok) return safeParseHubAnswer(KioskSignatureAnswer, body).success ? { kind: 'delivered' } : { kind: 'retry', reason: `unreadable ${res.status}`, retryAfterMs };
    if (res.status === 401) return { kind: 'unauthorized', reason: 'HTTP 401' };
    if (isRetryableStatus(res.status)) return { kind: 'retry', reason: `HTTP ${res.status}`, retryAfterMs };
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    return { kind: 'rejected', reason: `HTTP ${res.status}${typeof code === 'string' ? ` ${code.slice(0, 40)}` : ''}` };
  }
}
