import { HUB_API } from '../../shared/hubProtocol.js';

// Where the console's pages are. Other staff pages link here (the playlist admin, error pages).

export const consolePaths = {
  page: '/console',
  login: '/console/login',
  logout: '/console/logout',
  intakesApi: `${HUB_API}/console/intakes`,
  intake: '/console/intakes/:submissionId',
  attachment: '/console/attachments/:submissionId/:sha256',
  applicationCss: '/console/application.css',
} as const;

/** One intake as filed. */
export const intakeDetailPath = (submissionId: string): string => `/console/intakes/${encodeURIComponent(submissionId)}`;

/** Where staff open one attachment of an intake. */
export const attachmentPath = (submissionId: string, sha256: string): string => `/console/attachments/${encodeURIComponent(submissionId)}/${encodeURIComponent(sha256)}`;
