import type { FastifyRequest } from 'fastify';
import { bearerToken, sha256Hex } from '../http/credentials.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { TerminalStore } from './store.js';

// How the hub knows which kiosk is asking: the bearer credential it received at enrollment. Every
// door a kiosk uses (the JSON API, the tus uploads, the signalling socket) asks here; each answers
// a refusal in its own protocol.

/** The terminal an `Authorization: Bearer <credential>` header belongs to, or null. */
export async function terminalOfAuthorization(terminals: TerminalStore, authorization: string | null | undefined): Promise<string | null> {
  const token = bearerToken(authorization ?? undefined);
  return token ? terminals.byCredentialHash(sha256Hex(token)) : null;
}

/** The terminal a JSON API request comes from; throws 401 otherwise. */
export async function authenticateTerminal(terminals: TerminalStore, request: FastifyRequest): Promise<string> {
  const terminalId = await terminalOfAuthorization(terminals, request.headers.authorization);
  if (!terminalId) throw new HubError(401, hubErrorCodes.unauthorized, 'Terminal credential missing or not accepted');
  return terminalId;
}
