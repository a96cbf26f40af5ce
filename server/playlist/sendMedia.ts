import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentRange, etagMatches, parseRange } from '../../shared/byteRange.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { MediaRow } from './playlistStore.js';

// Sends a playlist media file with ETag (its sha256: the bytes behind it never change), Range
// (kiosks resume downloads; the console's <video> seeks) and If-Range.

export async function sendMediaFile(request: FastifyRequest, reply: FastifyReply, media: MediaRow | null, filePath: (sha: string) => string, cacheControl: string): Promise<FastifyReply> {
  const path = media ? filePath(media.sha256) : null;
  const size = path
    ? await stat(path).then(
        (s) => s.size,
        () => null,
      )
    : null;
  if (!media || !path || size === null) throw new HubError(404, hubErrorCodes.notFound, 'No such media file');
  const etag = `"${media.sha256}"`;
  reply.header('etag', etag).header('accept-ranges', 'bytes').header('cache-control', cacheControl).type(media.mimeType);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const ifRange = request.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-range', contentRange(null, size))
      .type('application/json; charset=utf-8')
      .send({ error: { code: hubErrorCodes.invalidInput, message: 'Range not satisfiable' } });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  reply.header('content-length', String(end - start + 1));
  if (range) reply.code(206).header('content-range', contentRange(range, size));
  return reply.send(request.method === 'HEAD' ? '' : createReadStream(path, { start, end }));
}
