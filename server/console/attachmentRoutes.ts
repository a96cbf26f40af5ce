import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Sha256Hex } from '../../shared/attachment.js';
import { SubmissionId } from '../../shared/intake.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import type { StaffSessions } from '../staff/sessions.js';
import { consolePaths } from './paths.js';
import { toSignIn } from './pageSession.js';

// GET /console/attachments/:submissionId/:sha256 — court staff open a verified attachment.
// The file came from a kiosk, so it is served strictly as what it was verified to be (an image
// or a PDF), inline, with nosniff and a CSP that lets nothing run even if a browser were fooled.

const ATTACHMENT_CSP = "default-src 'none'; frame-ancestors 'none'";

export interface ConsoleAttachmentRoutesOptions {
  intakes: IntakeStore;
  sessions: StaffSessions;
  /** Directory the upload server stores files in. */
  uploadsDir: string;
}

export function registerConsoleAttachmentRoutes(app: FastifyInstance, opts: ConsoleAttachmentRoutesOptions): void {
  app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', ATTACHMENT_CSP);
      reply.header('referrer-policy', 'no-referrer');
    });

    scope.get<{ Params: { submissionId: string; sha256: string } }>(consolePaths.attachment, async (request, reply) => {
      // Not signed in (e.g. the session expired): the console's sign-in page, not an error.
      if (!(await opts.sessions.user(request.headers.cookie))) return toSignIn(request, reply);
      const { submissionId, sha256 } = request.params;
      const found = SubmissionId.safeParse(submissionId).success && Sha256Hex.safeParse(sha256).success ? await opts.intakes.attachment(submissionId, sha256) : null;
      if (!found) throw new HubError(404, hubErrorCodes.notFound, 'No such attachment');
      const path = join(opts.uploadsDir, found.uploadId);
      // A recorded attachment whose file is gone throws ENOENT: the missing-file page, and a log line for IT (server/http/errors.ts).
      const { size } = await stat(path);
      return reply.type(found.mimeType).header('content-length', String(size)).header('content-disposition', 'inline').header('cache-control', 'private, no-store').send(createReadStream(path));
    });
  });
}
