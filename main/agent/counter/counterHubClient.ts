import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import { COUNTER_SIGN_IN_PATH, CounterSignIn, type CounterSignInRequest } from '../../../shared/counter/counterProtocol.js';
import { networkReason } from '../hubClient.js';
import { readJson } from '../hubAnswerBody.js';

// Asks the hub to sign a counter staff member in at this terminal (shared/counter/counterProtocol.ts).
// The password passes through and is forgotten: never stored, never logged.

export type CounterSignInOutcome =
  { kind: 'signedIn'; signIn: CounterSignIn } | { kind: 'refused'; code: string; retryAfterS: number | null } | { kind: 'unreachable'; reason: string } | { kind: 'terminalUnknown' };

export class CounterHubClient {
  private readonly endpoint: string;

  constructor(
    hubUrl: string,
    private readonly fetchFn: typeof fetch = globalThis.fetch,
    private readonly timeoutMs = 15_000,
  ) {
    this.endpoint = new URL(COUNTER_SIGN_IN_PATH, hubUrl).toString();
  }

  async signIn(credential: string, request: CounterSignInRequest): Promise<CounterSignInOutcome> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await this.fetchFn(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify(request),
        signal,
      });
    } catch (error) {
      return { kind: 'unreachable', reason: networkReason(error) };
    }
    const body: unknown = await readJson(res, signal).catch(() => undefined);
    if (res.status === 201) {
      const parsed = safeParseHubAnswer(CounterSignIn, body);
      return parsed.success ? { kind: 'signedIn', signIn: parsed.data } : { kind: 'unreachable', reason: 'unreadable reply' };
    }
    if (res.status >= 500) return { kind: 'unreachable', reason: `HTTP ${res.status}` };
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    // the terminal's own credential refused (the staff member's password has a code of its own)
    if (res.status === 401 && code === 'UNAUTHORIZED') return { kind: 'terminalUnknown' };
    const retry = Number(res.headers.get('retry-after'));
    return { kind: 'refused', code: typeof code === 'string' ? code.slice(0, 60) : `HTTP_${res.status}`, retryAfterS: Number.isFinite(retry) && retry > 0 ? retry : null };
  }
}
