import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { courtClient, refusalAsError, type ConsoleRequest } from './courtClient.js';
import { languageOf, speaker } from './consoleWords.js';
import { consolePaths } from './paths.js';

/**
 * The signed-in staff member of a console page outside the work list's own routes (a feature's
 * pages: the reference-case library, the guidance desk), or null after sending them to the
 * console's front page (sign-in, or the password change it insists on).
 */
export async function signedInStaff(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<ConsoleRequest | null> {
  const call = courtClient(app, request);
  const session = await call('session');
  if (!session.ok && session.status >= 500) throw refusalAsError(session);
  if (!session.ok || session.value.mustChangePassword) {
    void reply.redirect(consolePaths.page, 303);
    return null;
  }
  return { s: speaker(languageOf(request)), call, who: session.value };
}
