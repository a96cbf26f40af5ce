import { HUB_API } from '../../shared/hubProtocol.js';

// Where the console's pages are. Other staff pages link here (the playlist admin, error pages).

export const consolePaths = {
  page: '/console',
  login: '/console/login',
  logout: '/console/logout',
  password: '/console/password',
  language: '/console/language',
  search: '/console/search',
  case: '/console/cases/:caseId',
  act: '/console/cases/:caseId/act',
  invite: '/console/cases/:caseId/invite',
  admin: '/console/admin',
  adminSites: '/console/admin/sites',
  adminStaff: '/console/admin/staff',
  adminStaffAction: '/console/admin/staff/:username/:action',
  adminSiteCreate: '/console/admin/sites/new',
  adminSiteRetire: '/console/admin/sites/:siteId/retire',
  adminSitePin: '/console/admin/sites/:siteId/pin',
  adminOrganisationCreate: '/console/admin/organisations/new',
  adminOrganisationRetire: '/console/admin/organisations/:organisationId/retire',
  intakesApi: `${HUB_API}/console/intakes`,
  intake: '/console/intakes/:submissionId',
  attachment: '/console/attachments/:submissionId/:sha256',
  applicationCss: '/console/application.css',
} as const;

/** A console path with its parameters filled in. */
export function consolePath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}

export const casePagePath = (caseId: string): string => consolePath(consolePaths.case, { caseId });

/** The agreement and its signing (built beside the console by the agreement feature). */
export const agreementPagePath = (caseId: string): string => `${casePagePath(caseId)}/agreement`;

/** One intake as filed. */
export const intakeDetailPath = (submissionId: string): string => `/console/intakes/${encodeURIComponent(submissionId)}`;

/** Where staff open one attachment of an intake. */
export const attachmentPath = (submissionId: string, sha256: string): string => `/console/attachments/${encodeURIComponent(submissionId)}/${encodeURIComponent(sha256)}`;
