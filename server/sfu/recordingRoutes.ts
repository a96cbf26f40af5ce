import type { FastifyInstance } from 'fastify';
import { contentRange, parseRange } from '../../shared/byteRange.js';
import { inScope } from '../../shared/staff/roles.js';
import type { CaseStore } from '../cases/caseStore.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import { auditorOf } from '../staff/principal.js';
import { openRecordingRange } from './recordingSeal.js';
import type { RecordingStore } from './recordingStore.js';

// Playing a room's recording from the case page: staff who may open the case's personal data
// and whose part of the court the case is in; each view (each request, a seek included) is in
// the audit log. The sealed file is opened only for the bytes asked (HTTP Range, 206); a request
// without a range gets the first part as a 206 too, so a large file never sits whole in memory.

/** The most a response carries; a player asks again for the next part. */
const MAX_PART = 4 * 1024 * 1024;

export interface RecordingRouteDeps extends CourtRouteDeps {
  cases: CaseStore;
  store: RecordingStore;
  key: Buffer;
  sealedFile(recordingId: string): string;
}

export function registerRecordingRoutes(app: FastifyInstance, deps: RecordingRouteDeps): void {
  const { scope, audit, cases, store } = deps;
  serveCourtRoute(app, deps, 'playRecording', async ({ params, request, reply }, principal) => {
    const c = await cases.load(scope, params.caseId);
    if (!c || !inScope(principal.scope, c)) {
      if (c) await audit.record(scope.db, auditorOf(principal), { action: 'recording.viewed', outcome: 'denied', caseId: c.caseId, recordKind: 'reason', recordId: 'OUT_OF_SCOPE' });
      throw new HubError(404, 'NOT_FOUND', 'No such case');
    }
    const r = await store.find(scope, c.caseId, params.recordingId);
    if (!r || r.deletedAt || !r.sha256 || !r.size) throw new HubError(404, 'NOT_FOUND', 'No such recording (or it was deleted after its retention period)');
    const asked = parseRange(request.headers.range, r.size);
    if (asked === 'unsatisfiable') {
      reply.header('content-range', contentRange(null, r.size));
      throw new HubError(416, hubErrorCodes.invalidInput, 'The range asked lies outside the recording');
    }
    const start = asked?.start ?? 0;
    const end = Math.min(asked?.end ?? r.size - 1, start + MAX_PART - 1);
    await audit.record(scope.db, auditorOf(principal), { action: 'recording.viewed', outcome: 'ok', caseId: c.caseId, recordKind: 'recording', recordId: r.recordingId });
    const parts: Buffer[] = [];
    for await (const part of openRecordingRange(deps.key, r.recordingId, deps.sealedFile(r.recordingId), start, end)) parts.push(part);
    reply.code(206).type(r.mimeType).header('accept-ranges', 'bytes').header('content-range', contentRange({ start, end }, r.size)).header('cache-control', 'no-store');
    return Buffer.concat(parts);
  });
}
