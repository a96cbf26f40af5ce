import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AttemptLimit } from '../../shared/attemptLimit.js';
import { CaseStatusQuery, INTAKE_STATUS_PATH, provisionalKey, ProvisionalNumberInput, STATUS_PAGE_PREFIX } from '../../shared/caseStatus.js';
import { openCaseStatusLookup } from '../caseStatus.js';
import { parseOrThrow, toHubError } from '../errors.js';
import { STATUS_CSS_PATH, STATUS_PAGE_CSP, statusCss, statusFormPage, statusLimitedPage, statusResultPage } from '../statusPage.js';
import type { HubStore } from '../store.js';
import { errorPage } from '../consolePage.js';
import { authenticateTerminal } from './intakes.js';

// "Check my case", two doors to one lookup (server/caseStatus.ts):
//   POST /api/v1/intakes/status   kiosks, with their terminal credential (JSON)
//   GET|POST /status/:number      residents' phones, from the receipt's QR code (HTML form)
// Both are rate-limited: per terminal or per client address, and per provisional number across
// both doors, so a number from a lost receipt cannot be paired with guessed phone numbers.

export interface CaseStatusLimits {
  perTerminal: { max: number; windowMs: number };
  perAddress: { max: number; windowMs: number };
  perNumber: { max: number; windowMs: number };
}

export const DEFAULT_CASE_STATUS_LIMITS: CaseStatusLimits = {
  perTerminal: { max: 30, windowMs: 60_000 },
  perAddress: { max: 20, windowMs: 10 * 60_000 },
  perNumber: { max: 10, windowMs: 60 * 60_000 },
};

export interface CaseStatusRoutesOptions {
  store: HubStore;
  now: () => Date;
  limits?: Partial<CaseStatusLimits>;
}

const MobileForm = z.object({ mobile: z.string().max(40) });

export function registerCaseStatusRoutes(app: FastifyInstance, opts: CaseStatusRoutesOptions): void {
  const lookup = openCaseStatusLookup(opts.store.db);
  const limits = { ...DEFAULT_CASE_STATUS_LIMITS, ...opts.limits };
  const clock = () => opts.now().getTime();
  const limiter = (l: { max: number; windowMs: number }) => new AttemptLimit({ ...l, now: clock });
  const perTerminal = limiter(limits.perTerminal);
  const perAddress = limiter(limits.perAddress);
  const perNumber = limiter(limits.perNumber);
  /** Seconds to wait, or 0: the caller's own bound first, so a limited caller does not use up the number's. */
  const wait = (caller: AttemptLimit, callerKey: string, number: string) => caller.take(callerKey) || perNumber.take(provisionalKey(number));

  app.post(INTAKE_STATUS_PATH, async (request, reply) => {
    const terminalId = authenticateTerminal(opts.store, request);
    const query = parseOrThrow(CaseStatusQuery, request.body, 'Status query');
    const retryAfterS = wait(perTerminal, terminalId, query.provisionalNumber);
    if (retryAfterS > 0) return limited(reply, retryAfterS);
    return lookup.find(query);
  });

  app.register(async (pages) => {
    pages.removeAllContentTypeParsers();
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', STATUS_PAGE_CSP);
      reply.header('referrer-policy', 'no-referrer'); // the URL holds the provisional number
      reply.header('x-frame-options', 'DENY');
    });
    pages.setErrorHandler((err, _request, reply) => {
      const hubErr = toHubError(err);
      return html(reply, hubErr.statusCode, errorPage(hubErr.statusCode, hubErr.message));
    });

    pages.get(STATUS_CSS_PATH, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(statusCss),
    );

    pages.get<{ Params: { number: string } }>(`${STATUS_PAGE_PREFIX}/:number`, async (request, reply) => {
      const number = ProvisionalNumberInput.safeParse(request.params.number);
      if (!number.success) return html(reply, 404, statusFormPage({ provisionalNumber: request.params.number.slice(0, 80), problem: 'number' }));
      return html(reply, 200, statusFormPage({ provisionalNumber: number.data }));
    });

    pages.post<{ Params: { number: string } }>(`${STATUS_PAGE_PREFIX}/:number`, async (request, reply) => {
      const shown = request.params.number.slice(0, 80);
      const form = MobileForm.safeParse(request.body);
      const query = CaseStatusQuery.safeParse({ provisionalNumber: request.params.number, mobile: form.success ? form.data.mobile : '' });
      if (!query.success) {
        const numberBad = !ProvisionalNumberInput.safeParse(request.params.number).success;
        return html(reply, 400, statusFormPage({ provisionalNumber: shown, problem: numberBad ? 'number' : 'mobile' }));
      }
      const retryAfterS = wait(perAddress, request.ip, query.data.provisionalNumber);
      if (retryAfterS > 0) return html(reply.header('retry-after', String(retryAfterS)), 429, statusLimitedPage(retryAfterS));
      const answer = lookup.find(query.data);
      return answer.found ? html(reply, 200, statusResultPage(answer)) : html(reply, 200, statusFormPage({ provisionalNumber: query.data.provisionalNumber, problem: 'not_found' }));
    });
  });
}

function limited(reply: FastifyReply, retryAfterS: number): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterS))
    .type('application/json; charset=utf-8')
    .send({ error: { code: 'RATE_LIMITED', message: 'Too many status lookups; try again later' } });
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}
