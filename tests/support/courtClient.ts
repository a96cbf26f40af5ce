import { createHash } from 'node:crypto';
import { courtPath, courtRoutes, type CourtRouteName } from '../../shared/courtApi/routes.js';

// A staff member (or court system) talking to a test hub's court API over real HTTP: signs in
// with the session cookie, or carries a bearer token; answers are status and parsed JSON.

export interface CourtAnswer<T = any> {
  status: number;
  body: T;
}

export interface CourtClient {
  username: string;
  call<T = any>(name: CourtRouteName, o?: { params?: Record<string, string>; query?: string; body?: unknown }): Promise<CourtAnswer<T>>;
  /** `headers`: what a browser adds (Accept, Accept-Language) when a person opens the link. */
  raw(name: CourtRouteName, o?: { params?: Record<string, string>; query?: string; headers?: Record<string, string> }): Promise<Response>;
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function client(base: string, username: string, header: Record<string, string>): CourtClient {
  const raw = (name: CourtRouteName, o: { params?: Record<string, string>; query?: string; body?: unknown; method?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${base}${courtPath(name, o.params)}${o.query ? `?${o.query}` : ''}`, {
      method: o.method,
      headers: { ...header, ...o.headers, ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
  return {
    username,
    async call(name, o = {}) {
      const res = await raw(name, { ...o, method: courtRoutes[name].method });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    raw: (name, o = {}) => raw(name, o),
  };
}

/** Signs `username` in; throws unless it worked. */
export async function signIn(base: string, username: string, password: string): Promise<CourtClient> {
  const res = await fetch(`${base}${courtPath('signIn')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return client(base, username, { cookie });
}

export const tokenClient = (base: string, username: string, token: string) => client(base, username, { authorization: `Bearer ${token}` });
export const anonymousClient = (base: string) => client(base, 'anonymous', {});
