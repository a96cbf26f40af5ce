import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Sha256Hex } from '../../shared/attachment.js';
import { SubmissionId } from '../../shared/intake.js';
import { caseInScope } from '../cases/caseRoutes.js';
import type { CaseStore } from '../cases/caseStore.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import { auditorOf } from '../staff/principal.js';
import { holdToAbility, type StaffGateDeps } from '../staff/staffGate.js';
import { sendRefusalPage } from '../web/page.js';
import { passwordFormReturningTo } from './returnPaths.js';
import { toSignIn } from './pageSession.js';
import { consolePaths } from './paths.js';

// GET /console/attachments/:submissionId/:sha256 — court staff open a verified attachment.
// An attachment (an evidence photo, a document) is a party's personal data: it is opened by the
// rule that opens a party's data in the court API (`openPersonalData`, then the case's scope:
// server/cases/caseRoutes.ts caseInScope), and every opening is audited, refused or not. The file
// came from a kiosk, so it is served strictly as what it was verified to be (an image or a PDF),
// inline, with nosniff and a CSP that lets nothing run even if a browser were fooled.

const ATTACHMENT_CSP = "default-src 'none'; frame-ancestors 'none'";
/** What an opening is audited as (ok and denied alike). */
export const ATTACHMENT_OPENED = 'attachment.opened';

export interface ConsoleAttachmentRoutesOptions {
  intakes: IntakeStore;
  gate: StaffGateDeps;
  cases: CaseStore;
  /** Directory the upload server stores files in. */
  uploadsDir: string;
}

export function registerConsoleAttachmentRoutes(app: FastifyInstance, opts: ConsoleAttachmentRoutesOptions): void {
  const { gate } = opts;
  app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      // every answer but the refusal page (its own policy: its stylesheet, nothing else) keeps the file's
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', ATTACHMENT_CSP);
      reply.header('referrer-policy', 'no-referrer');
    });

    scope.get<{ Params: { submissionId: string; sha256: string } }>(consolePaths.attachment, async (request, reply) => {
      const principal = await gate.authenticate(gate.scope, request);
      // Not signed in (e.g. the session expired): the console's sign-in page, not an error.
      if (!principal) return toSignIn(request, reply);
      const { submissionId, sha256 } = request.params;
      try {
        await holdToAbility(gate, principal, 'openPersonalData', ATTACHMENT_OPENED);
        const kept = SubmissionId.safeParse(submissionId).success && Sha256Hex.safeParse(sha256).success ? await opts.cases.bySubmission(gate.scope, submissionId) : null;
        if (!kept) throw new HubError(404, hubErrorCodes.notFound, 'No such attachment');
        // a case outside the caller's part of the court is answered as if it did not exist (audited as denied)
        const c = await caseInScope({ scope: gate.scope, store: opts.cases, audit: gate.audit }, principal, kept.caseId, ATTACHMENT_OPENED);
        const found = await opts.intakes.attachment(submissionId, sha256);
        if (!found) throw new HubError(404, hubErrorCodes.notFound, 'No such attachment');
        const path = join(opts.uploadsDir, found.uploadId);
        // A recorded attachment whose file is gone throws ENOENT: the missing-file page, and a log line for IT (server/http/errors.ts).
        const { size } = await stat(path);
        await gate.audit.record(gate.scope.db, auditorOf(principal), { action: ATTACHMENT_OPENED, outcome: 'ok', caseId: c.caseId, recordKind: 'attachment', recordId: sha256 });
        return reply
          .type(found.mimeType)
          .header('content-security-policy', ATTACHMENT_CSP)
          .header('content-length', String(size))
          .header('content-disposition', 'inline')
          .header('cache-control', 'private, no-store')
          .send(createReadStream(path));
      } catch (err) {
        if (err instanceof HubError && err.code === 'PASSWORD_CHANGE_REQUIRED') return reply.redirect(passwordFormReturningTo(request.url.split('?')[0]), 303);
        // refused or not there: the court API's words for it, in both languages
        if (err instanceof HubError && (err.statusCode === 403 || err.statusCode === 404)) return sendRefusalPage(request, reply, err);
        throw err;
      }
    });
  });
}
