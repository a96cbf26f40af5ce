import type { FastifyReply } from 'fastify';

// Work a request causes that its caller must not wait for (drawing a signed document takes seconds
// on a busy hub): started once the answer has gone out, or the connection closed. A failure is only
// reported: the work is kept so that a sweep (at start, every few minutes) does it again.

export function afterAnswer(reply: FastifyReply, work: () => Promise<unknown>, onError: (failure: unknown) => void): void {
  const run = () => void work().catch(onError);
  // a caller who hung up while the request was handled has closed the response already: no 'close' is to come
  if (reply.raw.destroyed || reply.raw.writableFinished) run();
  else reply.raw.once('close', run);
}
