import { courtPath } from '../../shared/courtApi/routes.js';
import { mediatorPaths } from '../../shared/signalling.js';

// Sign-in for the mediator desk: the court API's one sign-in (POST /api/v1/session, with its limits
// and lockout; the session is an HttpOnly cookie), then the desk's own check that the account takes calls.

export interface MediatorUser {
  username: string;
  displayName: string;
}

const json = { 'content-type': 'application/json' };

export async function currentUser(): Promise<MediatorUser | null> {
  const res = await fetch(mediatorPaths.session, { credentials: 'same-origin' });
  return res.ok ? ((await res.json()) as MediatorUser) : null;
}

/** 'password': signed in, but the password must be changed first (the desk's page then answers with that form). */
export async function signIn(username: string, password: string): Promise<MediatorUser | 'wrong' | 'locked' | 'notMediator' | 'password' | 'failed'> {
  try {
    const res = await fetch(courtPath('signIn'), { method: 'POST', headers: json, credentials: 'same-origin', body: JSON.stringify({ username, password }) });
    if (!res.ok) return res.status === 401 || res.status === 400 ? 'wrong' : res.status === 429 ? 'locked' : 'failed';
    const desk = await fetch(mediatorPaths.session, { credentials: 'same-origin' });
    if (desk.ok) return (await desk.json()) as MediatorUser;
    if (desk.status === 403) {
      const refused = (await desk.json().catch(() => null)) as { error?: { code?: string } } | null;
      // the session stays: it is what changes the password
      if (refused?.error?.code === 'PASSWORD_CHANGE_REQUIRED') return 'password';
      await fetch(courtPath('signOut'), { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
      return 'notMediator';
    }
    return 'failed';
  } catch {
    return 'failed';
  }
}

export async function signOut(): Promise<void> {
  await fetch(mediatorPaths.logout, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}
