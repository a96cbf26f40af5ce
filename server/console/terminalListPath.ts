import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { can } from '../../shared/staff/roles.js';

// Where the console's terminal list lives and who gets its nav entry: those the court API lets
// read terminals (the whole court, or their own site; server/dashboard/dashboardAccess.ts).

export const terminalListPagePath = '/console/terminals';

export const maySeeTerminals = (who: SessionInfo): boolean => can(who.role, 'readDashboard') || (can(who.role, 'readSiteDashboard') && who.siteId !== null);
