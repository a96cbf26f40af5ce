import type { FastifyInstance } from 'fastify';
import { agreementDocuments, type AgreementDocuments } from '../agreements/agreementDocuments.js';
import { registerAgreementRoutes } from '../agreements/agreementRoutes.js';
import { agreementStore } from '../agreements/agreementStore.js';
import { courtOpenApi } from '../../shared/courtApi/openapi.js';
import { auditStore, type AuditStore } from '../audit/auditStore.js';
import { caseActions, type CallFacts, type CaseActions } from '../cases/caseActions.js';
import { caseListStore } from '../cases/caseListStore.js';
import { registerCaseRoutes } from '../cases/caseRoutes.js';
import { caseStore, type CaseStore } from '../cases/caseStore.js';
import { partyStore, type PartyStore } from '../cases/partyStore.js';
import type { DbScope } from '../db/engine.js';
import { findDocumentFont, type DocumentFont } from '../documents/documentPdf.js';
import type { Documents } from '../documents/documentStore.js';
import { serveCourtRoute } from '../http/courtRoute.js';
import { errorLogFields } from '../http/errors.js';
import type { Vault } from '../personalData/vault.js';
import { registerSiteRoutes } from '../sites/siteRoutes.js';
import { siteStore, type SiteStore } from '../sites/siteStore.js';
import { accountStore, type AccountStore } from '../staff/accountStore.js';
import { staffAuthenticator } from '../staff/principal.js';
import { signInGate, type SignInGate } from '../staff/signIn.js';
import { signInLimitStore } from '../staff/signInLimitStore.js';
import { registerStaffRoutes } from '../staff/staffRoutes.js';

// The court API (/api/v1, shared/courtApi/routes.ts) composed: its stores on the hub's database,
// one authenticator (session cookie or API token), one audit log, and each feature's routes. The
// OpenAPI document is generated from the same table and schemas the routes validate with.

const SIGNED_AGREEMENT_SWEEP_MS = 5 * 60_000;

export interface CourtApiOptions {
  scope: DbScope;
  vault: Vault;
  documents: Documents;
  court: { name: string; code: string };
  hallSiteId: string;
  now: () => Date;
  /** A call record by id (video sessions name the call they were held on). */
  call: (callId: string) => Promise<CallFacts | null> | CallFacts | null;
  secureCookies?: boolean;
  version: string;
  /** The CJK font court documents are drawn with (default: found on this machine; null: none). */
  documentFont?: DocumentFont | null;
}

export interface CourtApi {
  cases: CaseStore;
  actions: CaseActions;
  parties: PartyStore;
  accounts: AccountStore;
  sites: SiteStore;
  audit: AuditStore;
  agreements: AgreementDocuments;
  /** Staff sign-in with its limits, for the doors outside the court API (the remote service counter). */
  gate: SignInGate;
}

export function registerCourtApi(app: FastifyInstance, o: CourtApiOptions): CourtApi {
  const { scope, now } = o;
  const audit = auditStore(now);
  const accounts = accountStore();
  const sites = siteStore();
  const cases = caseStore({ now, courtCode: o.court.code });
  const parties = partyStore(o.vault);
  const actions = caseActions({ store: cases, parties, documents: o.documents, sites, accounts, call: o.call, now });
  const gate = signInGate({ accounts, limits: signInLimitStore(), audit, now });
  const route = { scope, audit, authenticate: staffAuthenticator(accounts, now) };

  let openapi: unknown = null;
  serveCourtRoute(app, route, 'openapi', async () => (openapi ??= courtOpenApi({ version: o.version, courtName: o.court.name })));
  serveCourtRoute(app, route, 'court', async () => o.court);
  serveCourtRoute(app, route, 'audit', async ({ query }) => ({ entries: await audit.list(scope.db, query) }));
  registerStaffRoutes(app, { ...route, accounts, sites, gate, now, secureCookies: o.secureCookies ?? false });
  registerSiteRoutes(app, { ...route, sites, accounts, now });
  registerCaseRoutes(app, { ...route, store: cases, actions, list: caseListStore(o.vault), parties, documents: o.documents, sites, now, hallSiteId: o.hallSiteId });
  const agreements = agreementDocuments({
    store: cases,
    actions,
    parties,
    documents: o.documents,
    sites,
    accounts,
    agreements: agreementStore(o.vault),
    court: o.court,
    font: o.documentFont === undefined ? findDocumentFont() : o.documentFont,
    now,
  });
  registerAgreementRoutes(app, { ...route, store: cases, agreements });
  // An agreement whose last signature was kept but whose signed agreement was not stored (the hub
  // stopped before drawing it, or storing failed after the signature was answered): at start and every few minutes.
  const finishSigned = () =>
    void agreements
      .finishAllSigned(scope, (caseId, err) => app.log.error({ ...errorLogFields(err), caseId }, 'storing a signed agreement failed'))
      .catch((err: unknown) => app.log.error(errorLogFields(err), 'storing signed agreements failed'));
  finishSigned();
  const signedSweep = setInterval(finishSigned, SIGNED_AGREEMENT_SWEEP_MS);
  signedSweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(signedSweep);
    await agreements.settled();
  });
  return { cases, actions, parties, accounts, sites, audit, agreements, gate };
}
