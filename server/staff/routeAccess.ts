import { courtRoutes } from '../../shared/courtApi/routes.js';
import { signallingPaths } from '../../shared/signalling.js';
import type { StaffAbility } from '../../shared/staff/roles.js';

// Who may call each route the hub registers, in one table: the court API's routes as their own
// table says (shared/courtApi/routes.ts), every other route here. A route missing from both fails
// tests/integration/routeAccess.test.ts, which signs in as every role (and as accounts whose
// password must still be changed) and holds each route to its line: a new route must be classified.
// The WebSocket upgrades the hub accepts are in the same kinds, by path (`hubUpgradeAccess`).

export type RouteAccess =
  /** Anyone: health, sign-in, the kiosk's and residents' pages (a code or a link proves the rest), page shells and their assets. */
  | 'public'
  /** A kiosk by its terminal credential (never a staff session). */
  | 'terminal'
  /** Any staff session, even one whose password must still be changed (the password form, signing out). */
  | 'account'
  /** A signed-in staff member past the password change: a page that asks the court API as the caller, so the API's table decides what it shows. */
  | 'signedIn'
  /** A signed-in staff member holding one of these abilities (shared/staff/roles.ts); other roles are refused (403), and the refusal is audited. */
  | { abilities: readonly StaffAbility[] };

const ability = (...abilities: StaffAbility[]): RouteAccess => ({ abilities });
const dashboard = ability('readDashboard', 'readSiteDashboard');
/** The mediator desk: the roles that answer calls, as shared/rooms/deskRoles.ts admits them. */
const desk = ability('answerCalls');

/** Every route outside the court API's table, by `METHOD path` as Fastify registers it (HEAD goes with GET). */
export const hubRouteAccess: Readonly<Record<string, RouteAccess>> = {
  'GET /api/v1/health': 'public',
  // kiosks
  'POST /api/v1/terminals/enroll': 'public', // the enrollment code or a one-time token is the credential
  'POST /api/v1/intakes': 'terminal',
  'POST /api/v1/intakes/batch': 'terminal',
  'POST /api/v1/intakes/status': 'terminal',
  'POST /api/v1/intakes/agreement': 'terminal',
  'POST /api/v1/intakes/agreement/signature': 'terminal',
  'POST /api/v1/counter/sign-ins': 'terminal',
  'POST /api/v1/terminals/heartbeat': 'terminal',
  'POST /api/v1/terminals/crash-reports': 'terminal',
  'POST /api/v1/terminals/help-requests': 'terminal',
  'POST /api/v1/terminal/admin-audit': 'terminal',
  'GET /api/v1/playlist': 'terminal',
  // the court's own words for the kiosks' keyboard: counts only (server/courtWords/)
  'GET /api/v1/ime/court-words': 'terminal',
  'GET /api/v1/media/:sha256': 'terminal',
  'POST /api/v1/plays': 'terminal',
  'GET /api/v1/updates/feed/:name': 'terminal',
  'POST /api/v1/updates/reports': 'terminal',
  'GET /api/v1/kiosk/reference-cases': 'terminal',
  'OPTIONS /api/v1/uploads': 'public', // the upload protocol's preflight
  'OPTIONS /api/v1/uploads/*': 'public',
  'POST /api/v1/uploads': 'terminal',
  'GET /api/v1/uploads': 'terminal',
  'PATCH /api/v1/uploads': 'terminal',
  'DELETE /api/v1/uploads': 'terminal',
  'GET /api/v1/uploads/*': 'terminal',
  'POST /api/v1/uploads/*': 'terminal',
  'PATCH /api/v1/uploads/*': 'terminal',
  'DELETE /api/v1/uploads/*': 'terminal',
  // residents: a meeting code, a record link, a receipt's number with the phone
  'POST /api/v1/rooms/join': 'public',
  'POST /api/v1/rooms/record/waiting': 'public',
  'POST /api/v1/rooms/record/unlock': 'public',
  'POST /api/v1/rooms/record/answer': 'public',
  'GET /join': 'public',
  'GET /status.css': 'public',
  'GET /status/:number': 'public',
  'POST /status/:number': 'public',
  // the desks (built pages: their data comes from the routes below)
  'GET /mediator': 'public',
  'GET /mediator/': 'public',
  'GET /mediator/assets/:file': 'public',
  'GET /guidance': 'public',
  'POST /api/v1/mediator/login': 'public',
  'POST /api/v1/mediator/logout': 'public', // signing out without a session does nothing
  'GET /api/v1/mediator/session': desk,
  'GET /api/v1/mediator/calls': desk,
  'POST /api/v1/rooms/invitations': desk,
  'GET /api/v1/guidance/rooms': ability('guideMediation'),
  'GET /api/v1/guidance/rooms/events': ability('guideMediation'),
  'POST /api/v1/guidance/rooms/:callId/join': ability('guideMediation'),
  // the command centre (built pages; figures by site for readSiteDashboard)
  'GET /dashboard': 'public',
  'GET /dashboard/wall': 'public',
  'GET /dashboard/fleet': 'public',
  'GET /dashboard/site/:siteId': 'public',
  'GET /dashboard/assets/:name': 'public',
  'GET /api/v1/dashboard/indicators': dashboard,
  'GET /api/v1/dashboard/breakdown': dashboard,
  'GET /api/v1/dashboard/drill': dashboard,
  'GET /api/v1/dashboard/breakdown.:format': dashboard,
  'GET /api/v1/dashboard/drill.:format': dashboard,
  'GET /api/v1/dashboard/cases/:caseId': dashboard,
  'GET /api/v1/dashboard/directory': dashboard,
  'GET /api/v1/dashboard/stream': dashboard,
  'GET /api/v1/dashboard/trends': dashboard,
  'GET /api/v1/dashboard/heat': dashboard,
  'GET /api/v1/dashboard/warnings': dashboard,
  'POST /api/v1/dashboard/warnings/:warningId/acknowledge': dashboard,
  'GET /api/v1/dashboard/help-requests': dashboard,
  'GET /api/v1/terminals/fleet': dashboard,
  // the console: its pages ask the court API as the caller (server/console/courtClient.ts), so the API's
  // table decides what each shows ('signedIn'; the password form comes first); the rest hold to their own line
  'GET /console': 'public', // the sign-in form, or the caller's work list
  'GET /console/console.css': 'public',
  'GET /console/workbench.css': 'public',
  'GET /console/application.css': 'public',
  'GET /console/agreement.css': 'public',
  'GET /console/agreement.js': 'public',
  'GET /console/signature_pad.js': 'public',
  'GET /console/agreement-refusal': 'public',
  'POST /console/login': 'public',
  'POST /console/language': 'public',
  'GET /console/password': 'account',
  'POST /console/password': 'account',
  'POST /console/logout': 'account',
  'GET /console/search': 'signedIn',
  'GET /console/cases/:caseId': 'signedIn',
  'POST /console/cases/:caseId/act': 'signedIn',
  'POST /console/cases/:caseId/invite': 'signedIn',
  'GET /console/cases/:caseId/agreement': 'signedIn',
  'GET /console/intakes/:submissionId': 'signedIn', // found first, then asked of the API as its case (getCase: readCases, scope)
  'GET /api/v1/console/intakes': ability('readCases'),
  'GET /console/attachments/:submissionId/:sha256': ability('openPersonalData'),
  'GET /console/admin': 'signedIn',
  'POST /console/admin/staff': 'signedIn',
  'POST /console/admin/staff/:username/:action': 'signedIn',
  'GET /console/admin/sites': 'signedIn',
  'POST /console/admin/sites/new': 'signedIn',
  'POST /console/admin/sites/:siteId/retire': 'signedIn',
  'GET /console/admin/sites/:siteId/pin': 'signedIn',
  'POST /console/admin/sites/:siteId/pin': 'signedIn',
  'POST /console/admin/organisations/new': 'signedIn',
  'POST /console/admin/organisations/:organisationId/retire': 'signedIn',
  'GET /console/terminals': 'signedIn',
  'GET /console/terminals/:terminalId': 'signedIn',
  'GET /console/terminals/new': ability('manageTerminals'),
  'POST /console/terminals/new': ability('manageTerminals'),
  'GET /console/help-requests': 'signedIn',
  'POST /console/help-requests/:terminalId/:requestId': 'signedIn',
  'GET /console/releases': ability('manageTerminals'),
  'POST /console/releases': ability('manageTerminals'),
  'POST /console/releases/:version/rollout': ability('manageTerminals'),
  'GET /api/v1/updates/releases': ability('manageTerminals'),
  'POST /api/v1/updates/releases': ability('manageTerminals'),
  'PUT /api/v1/updates/releases/:version/rollout': ability('manageTerminals'),
  'GET /console/reference-cases': 'signedIn',
  'POST /console/reference-cases/new': 'signedIn',
  'GET /console/reference-cases/:referenceCaseId': 'signedIn',
  'POST /console/reference-cases/:referenceCaseId': 'signedIn',
  'POST /console/reference-cases/:referenceCaseId/publication': 'signedIn',
  // the legal-education loop's admin
  'GET /console/playlist/playlist.css': 'public',
  'GET /console/playlist': ability('managePlaylist'),
  'POST /console/playlist/items': ability('managePlaylist'),
  'GET /console/playlist/items/:id': ability('managePlaylist'),
  'POST /console/playlist/items/:id': ability('managePlaylist'),
  'POST /console/playlist/items/:id/delete': ability('managePlaylist'),
  'POST /console/playlist/settings': ability('managePlaylist'),
  'GET /console/playlist/plays': ability('managePlaylist'),
  'GET /console/playlist/media/:sha256': ability('managePlaylist'),
  'GET /api/v1/console/playlist': ability('managePlaylist'),
  'POST /api/v1/console/playlist/items': ability('managePlaylist'),
  'PATCH /api/v1/console/playlist/items/:id': ability('managePlaylist'),
  'DELETE /api/v1/console/playlist/items/:id': ability('managePlaylist'),
  'PUT /api/v1/console/playlist/settings': ability('managePlaylist'),
  'GET /api/v1/console/plays': ability('managePlaylist'),
};

/**
 * Every WebSocket upgrade the hub accepts, by path (server/signalling/register.ts answers any other
 * path 404): the signalling of calls, rooms and the SFU's media, one socket per kind of caller.
 */
export const hubUpgradeAccess: Readonly<Record<string, RouteAccess>> = {
  [signallingPaths.kiosk]: 'terminal',
  [signallingPaths.mediator]: desk,
  [signallingPaths.guest]: 'public', // the join page's pass (`?pass=`) names the one call its guest may be in
};

/** Who may open a WebSocket at `path`, or undefined for an upgrade path nobody classified. */
export function upgradeAccess(path: string): RouteAccess | undefined {
  return Object.hasOwn(hubUpgradeAccess, path) ? hubUpgradeAccess[path] : undefined;
}

/** The court API's routes as its table says: public, any staff, or an ability (the session routes stay open to an account that must change its password). */
const courtRouteAccess: Readonly<Record<string, RouteAccess>> = Object.fromEntries(
  Object.entries(courtRoutes).map(([name, r]) => [
    `${r.method} ${r.path}`,
    r.auth === 'public' ? 'public' : r.auth.ability ? ability(r.auth.ability) : ['session', 'signOut', 'changePassword'].includes(name) ? 'account' : 'signedIn',
  ]),
);

/** Who may call `method url` (HEAD as its GET), or undefined for a route nobody classified. */
export function routeAccess(method: string, url: string): RouteAccess | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return courtRouteAccess[key] ?? hubRouteAccess[key];
}
