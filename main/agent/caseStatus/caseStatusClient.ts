import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import { INTAKE_STATUS_PATH, IntakeStatusResponse, type CaseStatusQuery } from '../../../shared/caseStatus.js';
import { parseRetryAfter } from '../../../shared/backoff.js';
import { readJson } from '../hubAnswerBody.js';

// Asks the court hub where an application stands (POST /api/v1/intakes/status, terminal
// credential). Anything but a readable answer or a 429 counts as "the hub cannot be asked now",
// and the kiosk falls back to what it knows itself.

export type HubCaseAnswer = { kind: 'answer'; response: IntakeStatusResponse } | { kind: 'rate_limited'; retryAfterS: number } | { kind: 'unreachable' };

export interface CaseStatusClientOptions {
  hubUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class CaseStatusClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: CaseStatusClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async ask(credential: string, query: CaseStatusQuery): Promise<HubCaseAnswer> {
    // A resident is waiting at the screen: better an offline answer soon than a perfect one late.
    const request = AbortSignal.timeout(this.options.timeoutMs ?? 6_000);
    let res: Response;
    try {
      res = await this.fetch(new URL(INTAKE_STATUS_PATH, this.options.hubUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify(query),
        signal: request,
      });
    } catch {
      return { kind: 'unreachable' };
    }
    const body: unknown = await readJson(res, request).catch(() => undefined);
    if (res.status === 429) {
      const ms = parseRetryAfter(res.headers.get('retry-after'));
      return { kind: 'rate_limited', retryAfterS: Math.max(1, Math.ceil((ms ?? 60_000) / 1000)) };
    }
    const parsed = res.ok ? safeParseHubAnswer(IntakeStatusResponse, body) : null;
    return parsed?.success ? { kind: 'answer', response: parsed.data } : { kind: 'unreachable' };
  }
}
