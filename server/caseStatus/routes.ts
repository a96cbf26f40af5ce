import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CaseStatusQuery, INTAKE_STATUS_PATH, provisionalKey, ProvisionalNumberInput, STATUS_PAGE_PREFIX } from '../../shared/caseStatus.js';
import { parseOrThrow } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import type { CallRecords } from '../signalling/callRecords.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import { pageScope, sendHtml, serveStylesheet } from '../web/page.js';
import { courtDateOf } from '../../shared/cases/deadlines.js';
import type { CallTickets } from './callTickets.js';
import { caseStatusLookup, type CaseNumberOf, type CaseOfIntake } from './lookup.js';
import { STATUS_CSS_PATH, STATUS_PAGE_CSP, statusCss, statusFormPage, statusLimitedPage, statusResultPage } from './statusPage.js';
import type { AttemptCounter, AttemptStore } from '../rateLimit/attemptStore.js';
import { statusAddressLimit, type GuessStore } from '../rateLimit/guessStore.js';

// "Check my case", two doors to one lookup (./lookup.ts):
//   POST /api/v1/intakes/status   kiosks, with their terminal credential (JSON)
//   GET|POST /status/:number      residents' phones, from the receipt's QR code (HTML form)
// Both are rate-limited: per terminal or per client address, and per provisional number across
// both doors, so a number from a lost receipt cannot be paired with guessed phone numbers.

export interface CaseStatusLimits {
  perTerminal: { max: number; windowMs: number };
  perAddress: { max: number; windowMs: number };
  perNumber: { max: number; windowMs: number };
}

const DEFAULT_CASE_STATUS_LIMITS: CaseStatusLimits = {
  perTerminal: { max: 30, windowMs: 60_000 },
  perAddress: { max: 20, windowMs: 10 * 60_000 },
  perNumber: { max: 10, windowMs: 60 * 60_000 },
};

export interface CaseStatusRoutesOptions {
  attempts: AttemptStore;
  terminals: TerminalStore;
  intakes: IntakeStore;
  calls: CallRecords;
  /** The dispute case an intake became: its stage is what the resident is told. */
  caseOf: CaseOfIntake;
  /** A case's number by id: the 民特 or 民初 case the dispute went on to. */
  numberOf: CaseNumberOf;
  now: () => Date;
  limits?: Partial<CaseStatusLimits>;
  /** Wrong guesses on the public status page (a number + phone that find nothing), per client address over every link route. */
  guesses: GuessStore;
  /** Case tickets for the kiosk door: the resident may then call a mediator about the case found. */
  tickets?: CallTickets;
}

const MobileForm = z.object({ mobile: z.string().max(40) });

export function registerCaseStatusRoutes(app: FastifyInstance, opts: CaseStatusRoutesOptions): void {
  const lookup = caseStatusLookup(opts.intakes, opts.calls, opts.caseOf, opts.numberOf, () => courtDateOf(opts.now()));
  const limits = { ...DEFAULT_CASE_STATUS_LIMITS, ...opts.limits };
  // Counted in the database: every hub instance behind the proxy counts against the same bound.
  const perTerminal = opts.attempts.counter('case_status.terminal', limits.perTerminal);
  const perAddress = opts.attempts.counter('case_status.address', limits.perAddress);
  const perNumber = opts.attempts.counter('case_status.number', limits.perNumber);
  /** Seconds to wait, or 0: the caller's own bound first, so a limited caller does not use up the number's. */
  const wait = async (caller: AttemptCounter, callerKey: string, number: string) => (await caller.take(callerKey)) || (await perNumber.take(provisionalKey(number)));

  app.post(INTAKE_STATUS_PATH, async (request, reply) => {
    const terminalId = await authenticateTerminal(opts.terminals, request);
    const query = parseOrThrow(CaseStatusQuery, request.body, 'Status query');
    const retryAfterS = await wait(perTerminal, terminalId, query.provisionalNumber);
    if (retryAfterS > 0) return limited(reply, retryAfterS);
    const tickets = opts.tickets;
    return await lookup.find(query, tickets ? (submissionId) => tickets.issue(terminalId, submissionId) : undefined);
  });

  app.register(async (pages) => {
    // no-referrer: the URL holds the provisional number
    pageScope(pages, { csp: STATUS_PAGE_CSP, referrerPolicy: 'no-referrer', forms: { parse: (fields) => Object.fromEntries(fields), bodyLimit: 1024 } });
    serveStylesheet(pages, STATUS_CSS_PATH, statusCss);

    pages.get<{ Params: { number: string } }>(`${STATUS_PAGE_PREFIX}/:number`, async (request, reply) => {
      const number = ProvisionalNumberInput.safeParse(request.params.number);
      if (!number.success) return sendHtml(reply, 404, statusFormPage({ provisionalNumber: request.params.number.slice(0, 80), problem: 'number' }));
      return sendHtml(reply, 200, statusFormPage({ provisionalNumber: number.data }));
    });

    pages.post<{ Params: { number: string } }>(`${STATUS_PAGE_PREFIX}/:number`, async (request, reply) => {
      const shown = request.params.number.slice(0, 80);
      const form = MobileForm.safeParse(request.body);
      const query = CaseStatusQuery.safeParse({ provisionalNumber: request.params.number, mobile: form.success ? form.data.mobile : '' });
      if (!query.success) {
        const numberBad = !ProvisionalNumberInput.safeParse(request.params.number).success;
        return sendHtml(reply, 400, statusFormPage({ provisionalNumber: shown, problem: numberBad ? 'number' : 'mobile' }));
      }
      const retryAfterS = await wait(perAddress, request.ip, query.data.provisionalNumber);
      if (retryAfterS > 0) return limitedPage(reply, retryAfterS);
      // A phone number that finds nothing is a wrong guess from this address, counted apart from the join and record links' (statusAddressLimit).
      const judged = await opts.guesses.judge(
        [statusAddressLimit(request.ip)],
        () => lookup.find(query.data),
        (found) => !found.found,
      );
      if (!judged.ok) return limitedPage(reply, judged.retryAfterS);
      const answer = judged.value;
      return answer.found ? sendHtml(reply, 200, statusResultPage(answer)) : sendHtml(reply, 200, statusFormPage({ provisionalNumber: query.data.provisionalNumber, problem: 'not_found' }));
    });
  });
}

/** The status page's "try again in N minutes", with Retry-After. */
function limitedPage(reply: FastifyReply, retryAfterS: number) {
  return sendHtml(reply.header('retry-after', String(retryAfterS)), 429, statusLimitedPage(retryAfterS));
}

function limited(reply: FastifyReply, retryAfterS: number): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterS))
    .type('application/json; charset=utf-8')
    .send({ error: { code: 'RATE_LIMITED', message: 'Too many status lookups; try again later' } });
}
