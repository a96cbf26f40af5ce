import { createHmac } from 'node:crypto';
import type { IceConfig, IceServer } from '../../shared/call.js';

// ICE servers for a participant joining a room. TURN credentials follow coturn's `use-auth-secret`
// scheme (the "TURN REST API" draft): username = "<expiry unix seconds>:<who>", password =
// base64(HMAC-SHA1(shared secret, username)). coturn checks them with the same secret, so the hub
// never stores or hands out a long-lived TURN password, and a leaked one expires by itself.

export interface TurnOptions {
  /** e.g. ["turn:turn.court.example:3478?transport=udp", "turns:turn.court.example:5349?transport=tcp"] */
  urls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** Credential lifetime. coturn re-checks it on allocation refresh, so it must outlast a call. */
  ttlS?: number;
}

export interface IceOptions {
  stunUrls?: string[];
  turn?: TurnOptions;
  /** 'relay' forces every call through TURN (sites whose firewalls block direct UDP). */
  transportPolicy?: 'all' | 'relay';
}

/** Twelve hours: longer than any mediation session, short enough to be worthless tomorrow. */
const DEFAULT_TURN_TTL_S = 12 * 3600;

export function turnCredential(secret: string, who: string, now: Date, ttlS = DEFAULT_TURN_TTL_S): { username: string; credential: string } {
  const expiry = Math.floor(now.getTime() / 1000) + ttlS;
  // coturn splits on the first ':'; keep `who` free of it so the expiry is what it parses.
  const username = `${expiry}:${who.replace(/:/g, '_')}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export function iceConfigFor(options: IceOptions | undefined, who: string, now: Date): IceConfig {
  const iceServers: IceServer[] = [];
  if (options?.stunUrls?.length) iceServers.push({ urls: options.stunUrls });
  if (options?.turn && options.turn.urls.length > 0) {
    iceServers.push({ urls: options.turn.urls, ...turnCredential(options.turn.secret, who, now, options.turn.ttlS) });
  }
  return { iceServers, iceTransportPolicy: options?.transportPolicy ?? 'all' };
}

/** Refuses a configuration that could never connect: relay-only without a TURN server. */
export function checkIceOptions(options: IceOptions | undefined): void {
  if (!options) return;
  if (options.transportPolicy === 'relay' && !options.turn?.urls.length) {
    throw new Error('ICE transport policy "relay" needs TURN URLs and a secret');
  }
  if (options.turn && (options.turn.secret.length < 16 || options.turn.secret.length > 512)) {
    throw new Error('TURN shared secret must be 16–512 characters');
  }
  for (const url of [...(options.stunUrls ?? []), ...(options.turn?.urls ?? [])]) {
    if (!/^(stun|stuns|turn|turns):[^\s]+$/.test(url)) throw new Error(`Not a STUN/TURN URL: ${url}`);
  }
}
