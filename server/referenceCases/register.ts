import type { FastifyInstance } from 'fastify';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import type { StaffAuthenticator } from '../staff/principal.js';
import type { TerminalStore } from '../terminals/store.js';
import { registerReferenceCasePages } from './referenceCasePageRoutes.js';
import { registerReferenceCaseRoutes } from './referenceCaseRoutes.js';
import { referenceCaseStore, type ReferenceCaseStore } from './referenceCaseStore.js';

// The reference-case library (典型案例, issue 12 item 4): its store, its court API and kiosk routes,
// and the console's pages for it. Rooms read the store to share a case (server/guidance/).

export function registerReferenceCases(
  app: FastifyInstance,
  deps: { scope: DbScope; terminals: TerminalStore; authenticate: StaffAuthenticator; audit: AuditStore; now: () => Date },
): ReferenceCaseStore {
  const store = referenceCaseStore();
  registerReferenceCaseRoutes(app, { ...deps, store });
  registerReferenceCasePages(app);
  return store;
}
