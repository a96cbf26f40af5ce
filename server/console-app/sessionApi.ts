import { mediatorPaths } from '../../shared/signalling.js';

// Sign-in for the mediator console (JSON over the hub's API; the session is an HttpOnly cookie).

export interface MediatorUser {
  username: string;
  displayName: string;
}

const json = { 'content-type': 'application/json' };

export async function currentUser(): Promise<MediatorUser | null> {
  const res = await fetch(mediatorPaths.session, { credentials: 'same-origin' });
  return res.ok ? ((await res.json()) as MediatorUser) : null;
}

export async function signIn(username: string, password: string): Promise<MediatorUser | 'wrong' | 'notMediator' | 'failed'> {
  try {
    const res = await fetch(mediatorPaths.login, { method: 'POST', headers: json, credentials: 'same-origin', body: JSON.stringify({ username, password }) });
    if (res.ok) return (await res.json()) as MediatorUser;
    return res.status === 401 ? 'wrong' : res.status === 403 ? 'notMediator' : 'failed';
  } catch {
    return 'failed';
  }
}

export async function signOut(): Promise<void> {
  await fetch(mediatorPaths.logout, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}
