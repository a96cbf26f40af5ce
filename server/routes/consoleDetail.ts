import type { FastifyInstance, FastifyReply } from 'fastify';
import { MediationApplication } from '../../shared/application.js';
import type { IngestAttachment } from '../../shared/attachment.js';
import { SubmissionId, type IntakeForm } from '../../shared/intake.js';
import { DETAIL_CSP, DETAIL_CSS_PATH, detailCss, intakeDetailPage, type IntakeDetail } from '../consoleDetail.js';
import { errorPage } from '../consolePage.js';
import { HubError, hubErrorCodes, toHubError } from '../errors.js';
import type { CallRecord } from '../signalling/callRecords.js';
import type { StaffSessions } from '../staffAuth.js';
import type { HubStore } from '../store.js';

// GET /console/intakes/:submissionId — one intake as filed, for signed-in court staff. Its own
// scope: the page's CSP differs from the list's (the signature is a data: image).

export interface ConsoleDetailRoutesOptions {
  store: HubStore;
  sessions: StaffSessions;
}

interface DetailRow {
  submissionId: string;
  caseNumber: string;
  provisionalNumber: string;
  receivedAt: string;
  submittedAt: string;
  terminalId: string;
  terminalName: string;
  language: string;
  formJson: string;
  applicationJson: string | null;
  attachmentsJson: string;
}

export function registerConsoleDetailRoutes(app: FastifyInstance, opts: ConsoleDetailRoutesOptions): void {
  const s = {
    intake: opts.store.db.prepare(`
      SELECT i.submission_id AS submissionId, i.case_number AS caseNumber, i.provisional_number AS provisionalNumber,
        i.received_at AS receivedAt, i.submitted_at AS submittedAt, i.terminal_id AS terminalId, t.name AS terminalName,
        i.language, i.form_json AS formJson, i.application_json AS applicationJson, i.attachments_json AS attachmentsJson
      FROM intakes i JOIN terminals t ON t.terminal_id = i.terminal_id WHERE i.submission_id = ?`),
    calls: opts.store.db.prepare(`
      SELECT call_id AS callId, terminal_id AS terminalId, submission_id AS submissionId, language, queued_at AS queuedAt,
        answered_at AS answeredAt, mediator, ended_at AS endedAt, duration_s AS durationS, end_reason AS endReason,
        outcome, notes, outcome_at AS outcomeAt
      FROM call_records WHERE submission_id = ? ORDER BY queued_at, rowid`),
  };

  function detail(submissionId: string): IntakeDetail | null {
    const row = s.intake.get(submissionId) as DetailRow | undefined;
    if (!row) return null;
    const { formJson, applicationJson, attachmentsJson, ...rest } = row;
    // Stored after validation; parsed again so a row this hub version cannot read shows as a summary.
    const application = applicationJson ? MediationApplication.safeParse(JSON.parse(applicationJson)) : null;
    return {
      ...rest,
      form: JSON.parse(formJson) as IntakeForm,
      application: application?.success ? application.data : null,
      attachments: JSON.parse(attachmentsJson) as IngestAttachment[],
      calls: s.calls.all(submissionId) as CallRecord[],
    };
  }

  app.register(async (pages) => {
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', DETAIL_CSP);
      reply.header('referrer-policy', 'same-origin');
      reply.header('x-frame-options', 'DENY');
    });
    pages.setErrorHandler((err, _request, reply) => {
      const hubErr = toHubError(err);
      return html(reply, hubErr.statusCode, errorPage(hubErr.statusCode, hubErr.message));
    });

    pages.get(DETAIL_CSS_PATH, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(detailCss),
    );

    pages.get<{ Params: { submissionId: string } }>('/console/intakes/:submissionId', async (request, reply) => {
      const staff = opts.sessions.user(request.headers.cookie);
      if (!staff) return reply.redirect('/console', 303);
      const id = request.params.submissionId;
      const found = SubmissionId.safeParse(id).success ? detail(id) : null;
      if (!found) throw new HubError(404, hubErrorCodes.notFound, 'No such intake');
      return html(reply.header('cache-control', 'private, no-store'), 200, intakeDetailPage(found, staff));
    });
  });
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}
