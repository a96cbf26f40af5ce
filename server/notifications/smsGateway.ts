import type { Courier } from './outbox.js';
import { CourierError } from './outbox.js';
import type { Notice } from './notices.js';

// Delivering notices by SMS through the court's gateway (configured by HUB_SMS_URL and
// HUB_SMS_TOKEN): one JSON POST per message, `{ to, template, params }`, with the token as a bearer
// credential; the gateway fills its registered template (SMS providers in China send registered
// templates only). Any 2xx is delivered; anything else is a failure kept as its status.

export interface SmsGatewayConfig {
  url: string;
  token: string;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

export function smsGatewayFromEnv(env: NodeJS.ProcessEnv): SmsGatewayConfig | null {
  const url = env.HUB_SMS_URL?.trim();
  if (!url) return null;
  if (!/^https?:\/\//.test(url)) throw new Error('HUB_SMS_URL must be an http(s) URL');
  const token = env.HUB_SMS_TOKEN?.trim();
  if (!token) throw new Error('HUB_SMS_TOKEN is required with HUB_SMS_URL');
  return { url, token };
}

export function smsGateway(config: SmsGatewayConfig): Courier {
  return {
    async deliver(to: string, notice: Notice): Promise<void> {
      let res: Response;
      try {
        res = await fetch(config.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
          body: JSON.stringify({ to, template: notice.template, params: notice.params }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new CourierError((err as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'unreachable');
      }
      await res.body?.cancel();
      if (!res.ok) throw new CourierError(`HTTP ${res.status}`);
    },
  };
}
