import { parseHubAnswer } from '../../shared/hubAnswer.js';
import { EnrollResponse, hubPaths } from '../../shared/hubProtocol.js';
import { readJson } from './hubAnswerBody.js';

// The terminal's own exchanges with the court hub: enrollment (the credential every feature
// sends) and the health probe Sync uses to tell whether the hub is reachable. Each feature's
// client (intake, playlist, case status) classifies its own replies with the rules below.

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

  async enroll(request: { enrollmentCode: string; terminalId: string; name: string; location: string; credential: string }): Promise<EnrollResponse> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const res = await this.fetch(this.url(hubPaths.enroll), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal,
    });
    const body: unknown = await readJson(res, signal).catch(() => null);
    if (!res.ok) throw new Error(`Enrollment refused: HTTP ${res.status}`);
    return parseHubAnswer(EnrollResponse, body);
  }
}

/** A reply worth trying again later: a timeout, a conflict that passes, throttling, the hub's own trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Why a request never got a reply, without anything the request carried: 'timeout' or 'network <code>'. */
export function networkReason(error: unknown): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  return `network ${e?.cause?.code ?? e?.code ?? e?.name ?? 'error'}`;
}

/** Whether a retry reason means the hub could not be reached at all (as opposed to answering badly). */
export function isUnreachable(reason: string): boolean {
  return reason.startsWith('network') || reason === 'timeout';
}
