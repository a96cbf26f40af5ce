import type { FastifyInstance } from 'fastify';
import type { CourtApi } from '../courtApi/register.js';
import type { HubDb } from '../db/database.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';
import { staffAuthenticator } from '../staff/principal.js';
import { registerEnrollmentRoutes } from './enrollmentRoutes.js';
import { enrollmentStore } from './enrollmentStore.js';
import { registerTerminalRoutes } from './routes.js';
import type { TerminalStore } from './store.js';

// Plugs enrollment into the hub: terminals enroll (a staff-issued token, or an older site-wide
// code), and staff issue those tokens.

export function registerTerminals(
  app: FastifyInstance,
  deps: {
    database: HubDb;
    terminals: TerminalStore;
    attempts: AttemptStore;
    courtApi: CourtApi;
    enrollmentCode: string | undefined;
    attemptsPerMinute: number | undefined;
    now: () => Date;
  },
): void {
  const { database, courtApi, now } = deps;
  const enrollment = enrollmentStore();
  registerTerminalRoutes(app, {
    attempts: deps.attempts,
    scope: database,
    enrollment,
    terminals: deps.terminals,
    audit: courtApi.audit,
    enrollmentCode: deps.enrollmentCode,
    attemptsPerMinute: deps.attemptsPerMinute,
    now,
  });
  registerEnrollmentRoutes(app, { scope: database, authenticate: staffAuthenticator(courtApi.accounts, now), audit: courtApi.audit, enrollment, sites: courtApi.sites, now });
}
