import type { FastifyInstance } from 'fastify';
import type { RecordUnlockRefusal } from '../../shared/rooms/hearingRecord.js';
import { RecordLinkAnswerRequest, recordLinkPaths, RecordLinkUnlockRequest, RecordLinkWaitingRequest, type RecordLinkWaiting } from '../../shared/rooms/recordByLink.js';
import { errorLogFields, HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import type { RecordByLink } from './recordByLink.js';

// The join page's requests for a hearing's record after the call (./recordByLink.ts). Every
// refusal is a translated code for the page, never a 5xx: a link with nothing waiting (or too old,
// or answered) is one NOT_FOUND, whatever the reason. The client's address is Fastify's
// `request.ip`: the peer's, or X-Forwarded-For's only from a proxy HUB_TRUST_PROXY names.

const REFUSED: Record<RecordUnlockRefusal, (retryAfterS: number) => HubError> = {
  badIdentity: () => new HubError(403, hubErrorCodes.forbidden, 'The name or the ID number does not match the party this record waits for'),
  // Retry-After: when a turn is free again; the page tells the party in minutes.
  tooMany: (retryAfterS) => new HubError(429, 'RATE_LIMITED', 'Too many wrong tries; try again later or ask court staff', undefined, undefined, retryAfterS),
  notHeld: () => new HubError(409, 'CONFLICT', 'The case holds no ID number for this party: court staff help read the record'),
  gone: () => new HubError(404, hubErrorCodes.notFound, 'No record is waiting for this link'),
};

export function registerRecordLinkRoutes(app: FastifyInstance, byLink: RecordByLink): void {
  app.post(recordLinkPaths.waiting, async (request) => {
    refuseCrossSite(request, { required: false });
    const body = parseOrThrow(RecordLinkWaitingRequest, request.body, 'Record link');
    const answer: RecordLinkWaiting = { records: await byLink.waiting(body.invite) };
    return answer;
  });

  app.post(recordLinkPaths.unlock, async (request) => {
    refuseCrossSite(request, { required: false });
    const body = parseOrThrow(RecordLinkUnlockRequest, request.body, 'Record link');
    const outcome = await byLink.unlock({ invite: body.invite, name: body.name, idLast4: body.idLast4, source: request.ip }, body.callId);
    if (!outcome.ok) throw REFUSED[outcome.reason](outcome.retryAfterS ?? 60);
    return { record: outcome.record };
  });

  app.post(recordLinkPaths.answer, async (request) => {
    refuseCrossSite(request, { required: false });
    const body = parseOrThrow(RecordLinkAnswerRequest, request.body, 'Record link');
    let outcome: Awaited<ReturnType<RecordByLink['answer']>>;
    try {
      outcome = await byLink.answer({ invite: body.invite, name: body.name, idLast4: body.idLast4, source: request.ip }, body.answer);
    } catch (failure) {
      request.log.error(errorLogFields(failure), 'record by link: the answer could not be stored');
      throw new HubError(503, 'UNAVAILABLE', 'The signed record could not be stored; sign again');
    }
    if (outcome.ok) {
      // The answer is kept: acknowledged now, the signed record drawn and stored after (server/hearing/recordSigning.ts).
      const finish = outcome.finish;
      if (finish) void finish().catch((failure: unknown) => request.log.error(errorLogFields(failure), 'record by link: the signed record could not be stored'));
      return { stored: outcome.progress.stored };
    }
    if ('reason' in outcome) throw REFUSED[outcome.reason](outcome.retryAfterS ?? 60);
    const status = { FORBIDDEN: 403, CONFLICT: 409, NOT_FOUND: 404, INVALID_FRAME: 400, UNAVAILABLE: 503 }[outcome.code];
    throw new HubError(status, outcome.code === 'INVALID_FRAME' ? hubErrorCodes.invalidInput : outcome.code, outcome.message);
  });
}
