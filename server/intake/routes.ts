import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hubPaths, IntakeIngest } from '../../shared/hubProtocol.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import type { IntakeReceiver } from './ingest.js';

// POST /api/v1/intakes — a terminal delivers a resident's intake from its outbox.
// Checks, in order: bearer credential (401), Idempotency-Key present (400), body schema (400),
// key = body.submissionId (400); then the idempotent receive (201 / 200 replay / 409 / 422).

export interface IntakeRoutesOptions {
  terminals: TerminalStore;
  receiver: IntakeReceiver;
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
    const terminalId = await authenticateTerminal(opts.terminals, request);
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
