import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hubPaths, IntakeBatchRequest, IntakeIngest, type IntakeAck, type IntakeBatchItem } from '../../shared/hubProtocol.js';
import { errorBody, HubError, hubErrorCodes, errorLogFields, parseOrThrow, toHubError } from '../http/errors.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import type { IntakeReceiver } from './ingest.js';

// POST /api/v1/intakes — a terminal delivers a resident's intake from its outbox.
// Checks, in order: bearer credential (401), Idempotency-Key present (400); a body this terminal
// already delivered under that key is replayed (200) before today's schema, so a retry of a filing
// received before a rule was added still gets its ack; then body schema (400), key =
// body.submissionId (400), and the idempotent receive (201 / 200 replay / 409 / 422).
// POST /api/v1/intakes/batch — the same for several intakes at once (a draining kiosk): after the
// credential (401) and the envelope (400), each element gets exactly the answer a single POST of
// it would, in the request's order; received together, they share the store's group commit.

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

/** The body's submissionId before any schema: a replay is looked up by it (IntakeReceiver.lookup). */
function submissionIdOf(body: unknown): string | null {
  const id = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).submissionId : undefined;
  return typeof id === 'string' ? id : null;
}

/** The body as today's schema reads it, sent under `key` (its submissionId). */
function checked(body: unknown, key: string): IntakeIngest {
  const intake = parseOrThrow(IntakeIngest, body, 'Intake');
  if (key !== intake.submissionId) throw new HubError(400, hubErrorCodes.idempotencyKeyMismatch, 'Idempotency-Key must equal submissionId');
  return intake;
}

export function registerIntakeRoutes(app: FastifyInstance, opts: IntakeRoutesOptions): void {
  app.post(hubPaths.intakes, async (request, reply) => {
    const terminalId = await authenticateTerminal(opts.terminals, request);
    const key = idempotencyKey(request);
    const looked = submissionIdOf(request.body) === key ? await opts.receiver.lookup(terminalId, key, request.body) : undefined;
    const outcome = looked?.replay ?? (await opts.receiver.receive(terminalId, checked(request.body, key), request.body, looked));
    if (outcome.status === 200) reply.header('idempotent-replayed', 'true');
    return reply.code(outcome.status).type('application/json; charset=utf-8').send(outcome.ackJson);
  });

  app.post(hubPaths.intakeBatch, async (request) => {
    const terminalId = await authenticateTerminal(opts.terminals, request);
    const { intakes } = parseOrThrow(IntakeBatchRequest, request.body, 'Intake batch');
    const results = await Promise.all(
      intakes.map(async (raw): Promise<IntakeBatchItem> => {
        try {
          const id = submissionIdOf(raw);
          const looked = id === null ? undefined : await opts.receiver.lookup(terminalId, id, raw);
          const outcome = looked?.replay ?? (await opts.receiver.receive(terminalId, parseOrThrow(IntakeIngest, raw, 'Intake'), raw, looked));
          const ack = JSON.parse(outcome.ackJson) as IntakeAck;
          return outcome.status === 201 ? { outcome: 'delivered', status: 201, ack } : { outcome: 'replayed', status: 200, ack };
        } catch (error) {
          const refusal = toHubError(error);
          // As the single route's error handler does: a fault of the hub is logged (name and code only).
          if (refusal.statusCode >= 500 && refusal.statusCode !== 503) request.log.error(errorLogFields(error), 'intake batch item failed');
          const { code, message, missing } = errorBody(refusal).error;
          return { outcome: 'refused', status: refusal.statusCode, error: { code, message, ...(missing ? { missing } : {}) } };
        }
      }),
    );
    return { results };
  });
}
