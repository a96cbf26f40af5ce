import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { courtClient, refusalAsError, type ConsoleRequest } from './courtClient.js';
import { languageOf, speaker } from './consoleWords.js';
import { passwordFormReturningTo, returnPath, signInReturningTo } from './returnPaths.js';
import { consolePaths } from './paths.js';

/**
 * Sends a signed-out visitor to the sign-in form. A page asked for (GET, HEAD) comes back to itself
 * after signing in, as every console page does; anything else goes to the console's front page.
 */
export function toSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const here = request.method === 'GET' || request.method === 'HEAD' ? returnPath(request.url.split('?')[0]) : null;
  return reply.redirect(here ? signInReturningTo(here) : consolePaths.page, 303);
}

/**
 * The signed-in staff member of a console page outside the work list's own routes (a feature's
 * pages: the reference-case library, the guidance desk), or null after sending them to the
 * sign-in form or the password form (each coming back to this page).
 */
export async function signedInStaff(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<ConsoleRequest | null> {
  const call = courtClient(app, request);
  const session = await call('session');
  if (!session.ok && session.status >= 500) throw refusalAsError(session);
  if (!session.ok) {
    void toSignIn(request, reply);
    return null;
  }
  if (session.value.mustChangePassword) {
    void reply.redirect(passwordFormReturningTo(request.method === 'GET' || request.method === 'HEAD' ? request.url.split('?')[0] : undefined), 303);
    return null;
  }
  return { s: speaker(languageOf(request)), call, who: session.value };
}
