import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hubPaths, IntakeIngest } from '../../shared/hubProtocol.js';
import { bearerToken, sha256Hex } from '../credentials.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../errors.js';
import type { IntakeReceiver } from '../intakeIngest.js';
import type { HubStore } from '../store.js';

// POST /api/v1/intakes — a terminal delivers a resident's intake from its outbox.
// Checks, in order: bearer credential (401), Idempotency-Key present (400), body schema (400),
// key = body.submissionId (400); then the idempotent receive (201 / 200 replay / 409 / 422).

export interface IntakeRoutesOptions {
  store: HubStore;
  receiver: IntakeReceiver;
}

/** The terminal a request's bearer credential belongs to; throws 401 otherwise. */
export function authenticateTerminal(store: HubStore, request: FastifyRequest): string {
  const token = bearerToken(request.headers.authorization);
  const terminalId = token ? store.terminalByCredentialHash(sha256Hex(token)) : null;
  if (!terminalId) throw new HubError(401, hubErrorCodes.unauthorized, 'Terminal credential missing or not accepted');
  return terminalId;
}

/** The Idempotency-Key header, bare or as a structured-field string ("…"). */
function idempotencyKey(request: FastifyRequest): string {
  const raw = request.headers['idempotency-key'];
  const value = typeof raw === 'string' ? raw.trim() : '';
  const key = /^"[^"]*"$/.test(value) ? value.slice(1, -1) : value;
  if (!key) throw new HubError(400, hubErrorCodes.idempotencyKeyMissing, 'Idempotency-Key header is required');
  return key;
}

export function registerIntakeRoutes(app: FastifyInstance, opts: IntakeRoutesOptions): void {
  app.post(hubPaths.intakes, async (request, reply) => {
    const terminalId = authenticateTerminal(opts.store, request);
    const key = idempotencyKey(request);
    const intake = parseOrThrow(IntakeIngest, request.body, 'Intake');
    if (key !== intake.submissionId) {
      throw new HubError(400, hubErrorCodes.idempotencyKeyMismatch, 'Idempotency-Key must equal submissionId');
    }
    const outcome = await opts.receiver.receive(terminalId, intake, request.body);
    if (outcome.status === 200) reply.header('idempotent-replayed', 'true');
    return reply.code(outcome.status).type('application/json; charset=utf-8').send(outcome.ackJson);
  });
}
