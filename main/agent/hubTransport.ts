import { readFileSync } from 'node:fs';
import type { Agent as UndiciAgent } from 'undici';

// How the kiosk reaches its hub. The hub's certificate is always verified: against the system's
// CAs, or against the court's own CA bundle (KIOSK_HUB_CA, a PEM file) for an internal CA. Plain
// HTTP is only for a hub on this machine (`npm start`, tests) unless KIOSK_ALLOW_PLAIN_HTTP=1 says
// the court accepts an unencrypted link (e.g. inside a VPN): a resident's data must not cross a
// village network in the clear by mistake. Every feature's client gets its fetch, socket and upload
// options from here, so no request to the hub takes another path.

export interface HubTlsOptions {
  /** PEM file of the CA(s) that sign the hub's certificate (KIOSK_HUB_CA); unset: the system's CAs. */
  caFile?: string | undefined;
  /** Allow http:// to a hub that is not on this machine (KIOSK_ALLOW_PLAIN_HTTP=1). */
  allowPlainHttp?: boolean | undefined;
}

export interface HubTransport {
  fetch: typeof fetch;
  /** For node:https / ws / tus requests: the CA bundle, or {} for the system's CAs. */
  tlsOptions: { ca?: Buffer };
  close(): Promise<void>;
}

/** KIOSK_HUB_CA (a PEM file) and KIOSK_ALLOW_PLAIN_HTTP=1, as both hosts read them. */
export function hubTlsFromEnv(env: NodeJS.ProcessEnv): HubTlsOptions {
  return { ...(env.KIOSK_HUB_CA ? { caFile: env.KIOSK_HUB_CA } : {}), allowPlainHttp: env.KIOSK_ALLOW_PLAIN_HTTP === '1' };
}

export class HubAddressRefused extends Error {}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Refuses an address the kiosk must not use; the reason names the setting that would allow it. */
export function checkHubAddress(hubUrl: string, allowPlainHttp = false): URL {
  let url: URL;
  try {
    url = new URL(hubUrl);
  } catch {
    throw new HubAddressRefused(`the hub address ${JSON.stringify(hubUrl)} is not a URL`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol !== 'http:') throw new HubAddressRefused(`the hub address must be https:// (got ${url.protocol})`);
  if (LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.') || allowPlainHttp) return url;
  throw new HubAddressRefused(`refusing plain http:// to ${url.host}: use https://, or set KIOSK_ALLOW_PLAIN_HTTP=1 if the court's network encrypts it`);
}

export function hubTransport(hubUrl: string, options: HubTlsOptions = {}): HubTransport {
  checkHubAddress(hubUrl, options.allowPlainHttp);
  if (!options.caFile) return { fetch: globalThis.fetch, tlsOptions: {}, close: async () => undefined };
  const ca = readFileSync(options.caFile);
  // undici is loaded on the first request, not at start: only a court CA needs it, and its ~50 ms
  // of module loading would otherwise sit on the way to the home screen (issue 16, cold start).
  let loaded: Promise<{ dispatcher: UndiciAgent; fetch: typeof import('undici').fetch }> | undefined;
  const load = () => (loaded ??= import('undici').then(({ Agent, fetch: undiciFetch }) => ({ dispatcher: new Agent({ connect: { ca } }), fetch: undiciFetch })));
  // undici's own fetch with a dispatcher that trusts the court's CA (and only it)
  const fetchWithCa = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const { dispatcher, fetch: undiciFetch } = await load();
    return undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher });
  }) as unknown as typeof fetch;
  return { fetch: fetchWithCa, tlsOptions: { ca }, close: async () => (loaded ? (await loaded).dispatcher.close() : undefined) };
}
