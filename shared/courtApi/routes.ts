import { z } from 'zod';
import { CaseActionRequest } from '../cases/caseCommands.js';
import { EntityId } from '../cases/caseEvents.js';
import { HUB_API } from '../hubProtocol.js';
import { AdminPin } from '../kioskAdmin.js';
import type { StaffAbility } from '../staff/roles.js';
import { EnrollmentTokenIssued, EnrollmentTokenRequest, TerminalCreate } from '../terminals/enrollment.js';
import { CrashReportList } from '../terminals/crashReport.js';
import { TerminalList, TerminalListDetail, terminalListPath } from '../terminals/terminalList.js';
import { HelpRequestList, HelpRequestParams, HelpRequestView, helpRequestPath } from '../terminals/helpRequest.js';
import { AgreementDraftRequest, AgreementSignatureRequest, AgreementState, AgreementView, RulingRequest } from './agreements.js';
import { AuditPage, AuditQuery } from './audit.js';
import { ReferenceCase, ReferenceCaseFields, ReferenceCaseId, ReferenceCaseList, ReferenceCaseListQuery, ReferenceCasePublish, ReferenceCaseUpdate } from '../referenceCases/referenceCase.js';
import { CaseCallDesk, CaseInvitation, CaseInvitationRequest } from './caseDesk.js';
import { CaseActionResult, CaseDetail, CaseEntry, CaseEvents, CaseIntegrity, CaseList, CaseListQuery, DocumentUpload, DocumentView } from './cases.js';
import { CourtInfo, MediatorList, MediatorRoster, Organisation, OrganisationCreate, OrganisationList, OrganisationUpdate, Site, SiteCreate, SiteList, SiteUpdate } from './sites.js';
import {
  ApiTokenCreate,
  ApiTokenIssued,
  ApiTokenList,
  PasswordChange,
  PasswordResetResult,
  SessionInfo,
  SignInRequest,
  StaffAccountView,
  StaffCreate,
  StaffCreated,
  StaffList,
  StaffUpdate,
  Username,
} from './staff.js';
import { AlertAcknowledge, AlertAcknowledged, AlertParams, CommandRequest, CommandRequested, ConfigPush, ConfigPushed, TerminalParams, TerminalUpdate, TerminalView } from './terminals.js';

// Every route of the court API in one table: method, path, who may call it, and the zod schemas
// of its parameters, query, body and answer. The hub registers its handlers against this table
// (server/courtApi/), the OpenAPI document is generated from it (GET /api/v1/openapi.json), and the
// fuzz test walks it; a route exists once, here.

export type RouteAuth =
  /** Anyone (signing in, the API description). */
  | 'public'
  /** A signed-in staff member or a service account's bearer token, with the ability named, if any. */
  | { ability: StaffAbility | null };

export interface CourtRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify form, `:name` for parameters. */
  path: string;
  summary: string;
  tag: 'court' | 'session' | 'staff' | 'sites' | 'terminals' | 'cases' | 'audit' | 'library';
  auth: RouteAuth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** 2xx status and what it carries: a JSON schema, nothing (204), or bytes of a media type. */
  status: 200 | 201 | 204;
  response?: z.ZodType | { media: string };
  /** A larger body than the hub's default 256 KiB (documents). */
  bodyLimit?: number;
}

const any = { ability: null } as const;
const UsernameParams = z.strictObject({ username: Username });
const CaseParams = z.strictObject({ caseId: z.uuid() });
const ReferenceCaseParams = z.strictObject({ referenceCaseId: ReferenceCaseId });
const RevealQuery = z.strictObject({ reveal: z.enum(['parties']).optional() });

export const courtRoutes = {
  court: { method: 'GET', path: `${HUB_API}/court`, summary: 'The court this hub serves', tag: 'court', auth: any, status: 200, response: CourtInfo },
  openapi: { method: 'GET', path: `${HUB_API}/openapi.json`, summary: 'This API described in OpenAPI 3.1', tag: 'court', auth: 'public', status: 200, response: z.record(z.string(), z.unknown()) },

  signIn: {
    method: 'POST',
    path: `${HUB_API}/session`,
    summary: 'Sign in (sets the session cookie); limited per account and source',
    tag: 'session',
    auth: 'public',
    body: SignInRequest,
    status: 200,
    response: SessionInfo,
  },
  session: { method: 'GET', path: `${HUB_API}/session`, summary: 'Who is signed in', tag: 'session', auth: any, status: 200, response: SessionInfo },
  signOut: { method: 'DELETE', path: `${HUB_API}/session`, summary: 'Sign out', tag: 'session', auth: any, status: 204 },
  changePassword: { method: 'POST', path: `${HUB_API}/session/password`, summary: 'Change one’s own password', tag: 'session', auth: any, body: PasswordChange, status: 204 },

  listStaff: { method: 'GET', path: `${HUB_API}/staff`, summary: 'Staff accounts', tag: 'staff', auth: { ability: 'manageAccounts' }, status: 200, response: StaffList },
  createStaff: {
    method: 'POST',
    path: `${HUB_API}/staff`,
    summary: 'Create an account (a person gets a first password to change at first sign-in)',
    tag: 'staff',
    auth: { ability: 'manageAccounts' },
    body: StaffCreate,
    status: 201,
    response: StaffCreated,
  },
  getStaff: {
    method: 'GET',
    path: `${HUB_API}/staff/:username`,
    summary: 'One account',
    tag: 'staff',
    auth: { ability: 'manageAccounts' },
    params: UsernameParams,
    status: 200,
    response: StaffAccountView,
  },
  updateStaff: {
    method: 'PATCH',
    path: `${HUB_API}/staff/:username`,
    summary: 'Change an account: name, role, organisation, site, active (deactivating ends its sessions and tokens)',
    tag: 'staff',
    auth: { ability: 'manageAccounts' },
    params: UsernameParams,
    body: StaffUpdate,
    status: 200,
    response: StaffAccountView,
  },
  resetPassword: {
    method: 'POST',
    path: `${HUB_API}/staff/:username/password-reset`,
    summary: 'Reset a password (a temporary one, to change at next sign-in)',
    tag: 'staff',
    auth: { ability: 'manageAccounts' },
    params: UsernameParams,
    status: 200,
    response: PasswordResetResult,
  },
  unlockStaff: { method: 'POST', path: `${HUB_API}/staff/:username/unlock`, summary: 'Lift a sign-in lockout', tag: 'staff', auth: { ability: 'manageAccounts' }, params: UsernameParams, status: 204 },
  listTokens: {
    method: 'GET',
    path: `${HUB_API}/staff/:username/tokens`,
    summary: 'API tokens of a service account',
    tag: 'staff',
    auth: { ability: 'manageAccounts' },
    params: UsernameParams,
    status: 200,
    response: ApiTokenList,
  },
  issueToken: {
    method: 'POST',
    path: `${HUB_API}/staff/:username/tokens`,
    summary: 'Issue an API token to a service account (shown once)',
    tag: 'staff',
    auth: { ability: 'manageAccounts' },
    params: UsernameParams,
    body: ApiTokenCreate,
    status: 201,
    response: ApiTokenIssued,
  },
  revokeToken: {
    method: 'DELETE',
    path: `${HUB_API}/staff/:username/tokens/:tokenId`,
    summary: 'Revoke an API token',
    tag: 'staff',
    auth: { ability: 'manageAccounts' },
    params: z.strictObject({ username: Username, tokenId: z.uuid() }),
    status: 204,
  },

  listSites: { method: 'GET', path: `${HUB_API}/sites`, summary: 'Sites of the court', tag: 'sites', auth: any, status: 200, response: SiteList },
  createSite: { method: 'POST', path: `${HUB_API}/sites`, summary: 'Add a site', tag: 'sites', auth: { ability: 'manageSites' }, body: SiteCreate, status: 201, response: Site },
  updateSite: {
    method: 'PATCH',
    path: `${HUB_API}/sites/:siteId`,
    summary: 'Change or retire a site',
    tag: 'sites',
    auth: { ability: 'manageSites' },
    params: z.strictObject({ siteId: EntityId }),
    body: SiteUpdate,
    status: 200,
    response: Site,
  },
  listOrganisations: { method: 'GET', path: `${HUB_API}/organisations`, summary: 'Mediation organisations', tag: 'sites', auth: any, status: 200, response: OrganisationList },
  createOrganisation: {
    method: 'POST',
    path: `${HUB_API}/organisations`,
    summary: 'Add a mediation organisation',
    tag: 'sites',
    auth: { ability: 'manageOrganisations' },
    body: OrganisationCreate,
    status: 201,
    response: Organisation,
  },
  updateOrganisation: {
    method: 'PATCH',
    path: `${HUB_API}/organisations/:organisationId`,
    summary: 'Change or retire an organisation',
    tag: 'sites',
    auth: { ability: 'manageOrganisations' },
    params: z.strictObject({ organisationId: EntityId }),
    body: OrganisationUpdate,
    status: 200,
    response: Organisation,
  },
  listMediators: {
    method: 'GET',
    path: `${HUB_API}/organisations/:organisationId/mediators`,
    summary: 'Mediators of an organisation',
    tag: 'sites',
    auth: any,
    params: z.strictObject({ organisationId: EntityId }),
    status: 200,
    response: MediatorList,
  },
  listAllMediators: {
    method: 'GET',
    path: `${HUB_API}/mediators`,
    summary: 'The mediators of every organisation, in one answer',
    tag: 'sites',
    auth: any,
    status: 200,
    response: MediatorRoster,
  },

  updateTerminal: {
    method: 'PATCH',
    path: `${HUB_API}/terminals/:terminalId`,
    summary: 'Rename a terminal or move it to another site',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: TerminalParams,
    body: TerminalUpdate,
    status: 200,
    response: TerminalView,
  },
  retireTerminal: {
    method: 'DELETE',
    path: `${HUB_API}/terminals/:terminalId`,
    summary: 'Retire a terminal: off the fleet view and its alerts closed (kept, never deleted)',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: TerminalParams,
    status: 200,
    response: TerminalView,
  },
  pushTerminalConfig: {
    method: 'POST',
    path: `${HUB_API}/terminals/config`,
    summary: 'Push settings (idle timeout, languages, calls, volume) to a terminal or a whole site; terminals apply the newest',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    body: ConfigPush,
    status: 201,
    response: ConfigPushed,
  },
  setSiteAdminPin: {
    method: 'POST',
    path: `${HUB_API}/sites/:siteId/admin-pin`,
    summary: "Set the PIN of the kiosks' staff panel for a site (kept and sent to its terminals only as a salted digest)",
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: z.strictObject({ siteId: EntityId }),
    body: z.strictObject({ pin: AdminPin }),
    status: 204,
  },
  requestTerminalCommand: {
    method: 'POST',
    path: `${HUB_API}/terminals/:terminalId/commands`,
    summary: 'Ask a terminal to restart or resync; its next heartbeat reports the outcome',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: TerminalParams,
    body: CommandRequest,
    status: 201,
    response: CommandRequested,
  },
  terminalCrashReports: {
    method: 'GET',
    path: `${HUB_API}/terminals/:terminalId/crash-reports`,
    summary: "A terminal's crash reports, newest first: when, renderer or agent, versions, screen kind, scrubbed message and stack (the view is audited)",
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: TerminalParams,
    status: 200,
    response: CrashReportList,
  },
  terminalHelpRequests: {
    method: 'GET',
    path: helpRequestPath,
    summary: 'Kiosks whose resident asked for staff ("请工作人员协助") and no one has handled yet, the longest waiting first: terminal, why, screen kind, when',
    tag: 'terminals',
    auth: { ability: 'answerHelpRequests' },
    status: 200,
    response: HelpRequestList,
  },
  handleTerminalHelpRequest: {
    method: 'POST',
    path: `${HUB_API}/terminals/:terminalId/help-requests/:requestId/handled`,
    summary: 'Mark a help request handled (who and when are kept; audited)',
    tag: 'terminals',
    auth: { ability: 'answerHelpRequests' },
    params: HelpRequestParams,
    status: 200,
    response: HelpRequestView,
  },
  terminalList: {
    method: 'GET',
    path: terminalListPath,
    summary: 'Every terminal the caller may see (the whole court, or their own site): health by heartbeat, last heartbeat, version, outbox depth, open alerts and help requests',
    tag: 'terminals',
    auth: { ability: 'readSiteDashboard' },
    status: 200,
    response: TerminalList,
  },
  terminalListDetail: {
    method: 'GET',
    path: `${terminalListPath}/:terminalId`,
    summary: 'One terminal as the terminal list shows it, with its recent alerts (open and cleared)',
    tag: 'terminals',
    auth: { ability: 'readSiteDashboard' },
    params: TerminalParams,
    status: 200,
    response: TerminalListDetail,
  },
  acknowledgeTerminalAlert: {
    method: 'POST',
    path: `${HUB_API}/terminals/alerts/:alertId/acknowledgement`,
    summary: 'Acknowledge a terminal alert with a note (it stays open until the terminal is well)',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: AlertParams,
    body: AlertAcknowledge,
    status: 200,
    response: AlertAcknowledged,
  },
  createTerminal: {
    method: 'POST',
    path: `${HUB_API}/terminals`,
    summary: 'Create a terminal and its one-time enrollment token (shown once, as text and QR)',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    body: TerminalCreate,
    status: 201,
    response: EnrollmentTokenIssued,
  },
  issueEnrollmentToken: {
    method: 'POST',
    path: `${HUB_API}/terminals/:terminalId/enrollment-token`,
    summary: 'A new one-time enrollment token for a terminal not enrolled or revoked (earlier unused tokens stop working)',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: TerminalParams,
    body: EnrollmentTokenRequest,
    status: 201,
    response: EnrollmentTokenIssued,
  },
  revokeTerminal: {
    method: 'POST',
    path: `${HUB_API}/terminals/:terminalId/revoke`,
    summary: 'Revoke a terminal’s credential at once (it needs a new token to enroll again: credential rotation)',
    tag: 'terminals',
    auth: { ability: 'manageTerminals' },
    params: TerminalParams,
    status: 204,
  },

  listCases: {
    method: 'GET',
    path: `${HUB_API}/cases`,
    summary: 'Cases in the caller’s scope, newest first, with filters and search',
    tag: 'cases',
    auth: { ability: 'readCases' },
    query: CaseListQuery,
    status: 200,
    response: CaseList,
  },
  exportCsv: {
    method: 'GET',
    path: `${HUB_API}/cases/export.csv`,
    summary: 'The case list as CSV (same filters)',
    tag: 'cases',
    auth: { ability: 'exportCases' },
    query: CaseListQuery,
    status: 200,
    response: { media: 'text/csv' },
  },
  exportXlsx: {
    method: 'GET',
    path: `${HUB_API}/cases/export.xlsx`,
    summary: 'The case list as XLSX (same filters)',
    tag: 'cases',
    auth: { ability: 'exportCases' },
    query: CaseListQuery,
    status: 200,
    response: { media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  },
  enterCase: {
    method: 'POST',
    path: `${HUB_API}/cases`,
    summary: 'Enter a dispute at court or at a counter (case.received)',
    tag: 'cases',
    auth: { ability: 'readCases' },
    body: CaseEntry,
    status: 201,
    response: CaseActionResult,
  },
  getCase: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId`,
    summary: 'One case: events, parties (masked unless ?reveal=parties, audited), documents, linked cases, allowed actions',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    query: RevealQuery,
    status: 200,
    response: CaseDetail,
  },
  caseEvents: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId/events`,
    summary: 'The event log of a case',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    status: 200,
    response: CaseEvents,
  },
  caseCallDesk: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId/calls`,
    summary: "Before a session: the filing terminal's health and last heartbeat, the case's answered calls newest first (who took part, how long), and the caller's open call about it",
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    status: 200,
    response: CaseCallDesk,
  },
  inviteToSession: {
    method: 'POST',
    path: `${HUB_API}/cases/:caseId/invitations`,
    summary: 'Invite a party into the call the caller is holding about this case: a one-time meeting code and join-page link with its expiry (audited; no personal data in the link)',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    body: CaseInvitationRequest,
    status: 201,
    response: CaseInvitation,
  },
  actOnCase: {
    method: 'POST',
    path: `${HUB_API}/cases/:caseId/events`,
    summary: 'Act on a case: { type, payload, reason, expectedSeq } (409 with the case when refused by the rules or stale)',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    body: CaseActionRequest,
    status: 201,
    response: CaseActionResult,
  },
  uploadDocument: {
    method: 'POST',
    path: `${HUB_API}/cases/:caseId/documents`,
    summary: 'Store a document of the case (agreement, ruling, record); answers its reference with sha256',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    body: DocumentUpload,
    status: 201,
    response: DocumentView,
    bodyLimit: 15 * 1024 * 1024,
  },
  getDocument: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId/documents/:documentId`,
    summary: 'The bytes of a document (audited)',
    tag: 'cases',
    auth: { ability: 'openPersonalData' },
    params: z.strictObject({ caseId: z.uuid(), documentId: z.uuid() }),
    status: 200,
    response: { media: 'application/octet-stream' },
  },
  playRecording: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId/recordings/:recordingId`,
    summary: 'A room recording of the case, decrypted, with HTTP Range (206) for seeking (audited on each view)',
    tag: 'cases',
    auth: { ability: 'openPersonalData' },
    params: z.strictObject({ caseId: z.uuid(), recordingId: z.uuid() }),
    status: 200,
    response: { media: 'video/webm' },
  },
  caseIntegrity: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId/integrity`,
    summary: 'Check the case’s hash chain and stored fold',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    status: 200,
    response: CaseIntegrity,
  },

  draftAgreement: {
    method: 'POST',
    path: `${HUB_API}/cases/:caseId/agreement`,
    summary: 'Draw the mediation agreement (调解协议书) from the template with the mediator’s terms; stored and recorded (agreement.drafted)',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    body: AgreementDraftRequest,
    status: 201,
    response: CaseActionResult,
  },
  getAgreement: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId/agreement`,
    summary: 'The agreement being signed: its text, who has signed (audited)',
    tag: 'cases',
    auth: { ability: 'openPersonalData' },
    params: CaseParams,
    status: 200,
    response: AgreementView,
  },
  getAgreementState: {
    method: 'GET',
    path: `${HUB_API}/cases/:caseId/agreement/state`,
    summary: 'Whether the signed agreement is still being drawn (no text, no names: what the desk polls, not audited as a view)',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    status: 200,
    response: AgreementState,
  },
  signAgreement: {
    method: 'POST',
    path: `${HUB_API}/cases/:caseId/agreement/signatures`,
    summary: 'A handwritten signature (PNG) of one signer, answered once kept; after the last one the signed agreement is drawn and stored (agreement.completed)',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    body: AgreementSignatureRequest,
    status: 201,
    response: CaseActionResult,
    bodyLimit: 1024 * 1024,
  },
  ruleOnConfirmation: {
    method: 'POST',
    path: `${HUB_API}/cases/:caseId/ruling`,
    summary: 'A judge rules on a 民特 case: the 民事裁定书 is drawn, stored and recorded (confirmation.confirmed / refused)',
    tag: 'cases',
    auth: { ability: 'readCases' },
    params: CaseParams,
    body: RulingRequest,
    status: 201,
    response: CaseActionResult,
  },

  listReferenceCases: {
    method: 'GET',
    path: `${HUB_API}/reference-cases`,
    summary: 'The reference-case library (典型案例), newest edit first; filter by dispute type or published',
    tag: 'library',
    auth: { ability: 'manageCaseLibrary' },
    query: ReferenceCaseListQuery,
    status: 200,
    response: ReferenceCaseList,
  },
  getReferenceCase: {
    method: 'GET',
    path: `${HUB_API}/reference-cases/:referenceCaseId`,
    summary: 'One reference case',
    tag: 'library',
    auth: { ability: 'manageCaseLibrary' },
    params: ReferenceCaseParams,
    status: 200,
    response: ReferenceCase,
  },
  createReferenceCase: {
    method: 'POST',
    path: `${HUB_API}/reference-cases`,
    summary: 'Add a reference case (unpublished until published)',
    tag: 'library',
    auth: { ability: 'manageCaseLibrary' },
    body: ReferenceCaseFields,
    status: 201,
    response: ReferenceCase,
  },
  updateReferenceCase: {
    method: 'PATCH',
    path: `${HUB_API}/reference-cases/:referenceCaseId`,
    summary: 'Edit a reference case (audited; 409 with the case as it is now when expectedVersion is stale)',
    tag: 'library',
    auth: { ability: 'manageCaseLibrary' },
    params: ReferenceCaseParams,
    body: ReferenceCaseUpdate,
    status: 200,
    response: ReferenceCase,
  },
  publishReferenceCase: {
    method: 'POST',
    path: `${HUB_API}/reference-cases/:referenceCaseId/publication`,
    summary: 'Publish (kiosks and rooms may show it) or withdraw a reference case (audited)',
    tag: 'library',
    auth: { ability: 'manageCaseLibrary' },
    params: ReferenceCaseParams,
    body: ReferenceCasePublish,
    status: 200,
    response: ReferenceCase,
  },

  audit: { method: 'GET', path: `${HUB_API}/audit`, summary: 'The audit log, newest first', tag: 'audit', auth: { ability: 'readAudit' }, query: AuditQuery, status: 200, response: AuditPage },
} as const satisfies Record<string, CourtRoute>;

export type CourtRouteName = keyof typeof courtRoutes;

/** A route's path with its parameters filled in (for clients). */
export function courtPath(name: CourtRouteName, params: Record<string, string> = {}): string {
  return courtRoutes[name].path.replace(/:([A-Za-z]+)/g, (_, key: string) => encodeURIComponent(params[key] ?? `:${key}`));
}
