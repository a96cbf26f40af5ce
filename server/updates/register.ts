import type { FastifyInstance } from 'fastify';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import type { SiteStore } from '../sites/siteStore.js';
import type { StaffAuthenticator } from '../staff/principal.js';
import type { TerminalStore } from '../terminals/store.js';
import { registerUpdateFeed } from './feedRoutes.js';
import { ReleaseFiles } from './releaseFiles.js';
import { releasePublishing, type ReleasePublishing } from './releasePublishing.js';
import { registerReleaseApi } from './releaseRoutes.js';
import { releaseStore, type ReleaseStore } from './releaseStore.js';

// Kiosk updates (issue 14 item 8): releases staff upload, the rollout rule, and the feed
// electron-updater reads. The console's pages for it are server/console/releasePages.ts.

export interface KioskUpdates {
  releases: ReleaseStore;
  files: ReleaseFiles;
  publishing: ReleasePublishing;
}

export function registerKioskUpdates(
  app: FastifyInstance,
  deps: { scope: DbScope; terminals: TerminalStore; authenticate: StaffAuthenticator; audit: AuditStore; sites: SiteStore; releasesDir: string; now: () => Date },
): KioskUpdates {
  const releases = releaseStore();
  const files = new ReleaseFiles(deps.releasesDir);
  const publishing = releasePublishing({ ...deps, releases, files });
  registerUpdateFeed(app, { scope: deps.scope, terminals: deps.terminals, releases, files, now: deps.now });
  registerReleaseApi(app, { scope: deps.scope, releases, publishing });
  return { releases, files, publishing };
}
