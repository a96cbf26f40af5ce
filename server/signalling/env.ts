import { randomBytes } from 'node:crypto';
import { DEMO_MEDIATOR_USERNAME, ensureDemoMediator } from '../staff/accounts.js';
import type { StaffStore } from '../staff/store.js';
import type { SignallingOptions } from './register.js';
import { sfuFromEnv } from '../sfu/options.js';

// The video link's part of the hub's environment (see server/README.md, "Video calls"):
//   HUB_TURN_URLS   comma-separated turn:/turns: URLs of the coturn next to the hub
//   HUB_TURN_SECRET coturn's static-auth-secret (use-auth-secret)   HUB_TURN_TTL_S (43200)
//   HUB_STUN_URLS   comma-separated stun: URLs                      HUB_ICE_POLICY all | relay
//   HUB_DEMO_MEDIATOR=1  create the `mediator` account on first start (HUB_MEDIATOR_PASSWORD, or generated)

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function signallingFromEnv(env: NodeJS.ProcessEnv): SignallingOptions {
  const turnUrls = list(env.HUB_TURN_URLS);
  if (turnUrls.length > 0 && !env.HUB_TURN_SECRET) throw new Error('HUB_TURN_URLS needs HUB_TURN_SECRET (coturn static-auth-secret)');
  const policy = env.HUB_ICE_POLICY || 'all';
  if (policy !== 'all' && policy !== 'relay') throw new Error('HUB_ICE_POLICY must be "all" or "relay"');
  const ttl = env.HUB_TURN_TTL_S ? Number(env.HUB_TURN_TTL_S) : undefined;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 60)) throw new Error('HUB_TURN_TTL_S must be a whole number of seconds ≥ 60');
  return {
    ice: {
      stunUrls: list(env.HUB_STUN_URLS),
      ...(turnUrls.length > 0 ? { turn: { urls: turnUrls, secret: env.HUB_TURN_SECRET!, ...(ttl ? { ttlS: ttl } : {}) } } : {}),
      transportPolicy: policy,
    },
    sfu: sfuFromEnv(env),
  };
}

/** The demo mediator for `npm start`: its login if this start created it with a generated password, else null. */
export async function demoMediatorFromEnv(env: NodeJS.ProcessEnv, staff: StaffStore, now: Date): Promise<{ username: string; password: string } | null> {
  if (env.HUB_DEMO_MEDIATOR !== '1') return null;
  const password = env.HUB_MEDIATOR_PASSWORD || randomBytes(12).toString('base64url');
  const created = await ensureDemoMediator(staff, password, now);
  return created && !env.HUB_MEDIATOR_PASSWORD ? { username: DEMO_MEDIATOR_USERNAME, password } : null;
}
