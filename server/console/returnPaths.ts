import { guidancePaths } from '../../shared/rooms/guidance.js';
import { mediatorPaths } from '../../shared/signalling.js';
import { consolePaths } from './paths.js';

// Where a staff member comes back to after signing in or changing a password: a page of this hub
// only, never another site. Read by the console, the desks' doors and every hub page's refusal
// (server/web/page.ts), so it imports nothing that renders.

/** A console path to come back to after signing in: only the console's own pages (and the desks of its build: guidance, mediator), never another site. */
export function returnPath(path: string | undefined): string | null {
  // printable ASCII only: anything else cannot stand in a Location header (a crafted link answered 500)
  if (
    !path ||
    !/^[\x21-\x7e]+$/.test(path) ||
    !(path.startsWith('/console') || path === guidancePaths.page || path === mediatorPaths.app) ||
    path.startsWith('//') ||
    /[\\\s]|\/\.\.?(\/|$)/.test(path)
  )
    return null;
  // a form's target is not a page: come back to the page it was on
  const page = path.replace(/\/(act|invite)$/, '');
  return page.length <= 300 ? page : null;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export const signInReturningTo = (path: string): string => `${consolePaths.page}?next=${encodeURIComponent(path)}`;

/** Where the password form goes once the password is changed: `path` if a page of this hub (not the form itself), else null (the console's front page). */
export function afterPasswordChange(path: string | undefined): string | null {
  const back = returnPath(path);
  return back && back !== consolePaths.password ? back : null;
}

/** The password form, coming back to `path` once the password is changed (see afterPasswordChange). */
export function passwordFormReturningTo(path: string | undefined): string {
  const back = afterPasswordChange(path);
  return back ? `${consolePaths.password}?next=${encodeURIComponent(back)}` : consolePaths.password;
}
