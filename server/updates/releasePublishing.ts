import type { FastifyRequest } from 'fastify';
import { can } from '../../shared/staff/roles.js';
import { Rollout } from '../../shared/updates/release.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { SiteStore } from '../sites/siteStore.js';
import { passwordChangeRequired } from '../staff/passwordChange.js';
import { auditorOf, type StaffAuthenticator, type StaffPrincipal } from '../staff/principal.js';
import type { ReleaseFiles } from './releaseFiles.js';
import type { ReleaseStore } from './releaseStore.js';
import { receiveRelease, UploadRefused } from './releaseUpload.js';

// What staff do with releases, once for the JSON API and the console's pages: upload one, and
// choose its rollout. Court admins only (the terminals are theirs); every change and every
// refusal of the role is audited.

export interface PublishingDeps {
  scope: DbScope;
  authenticate: StaffAuthenticator;
  audit: AuditStore;
  sites: SiteStore;
  releases: ReleaseStore;
  files: ReleaseFiles;
  now: () => Date;
}

/** A rollout from a form: `rollout=sites` + `siteIds` (several, or comma-separated), or `rollout=percentage` + `percent`. */
export function rolloutFromFields(get: (name: string) => string[]): Rollout {
  const kind = get('rollout')[0] ?? 'percentage';
  const raw =
    kind === 'sites'
      ? {
          kind,
          siteIds: get('siteIds')
            .flatMap((v) => v.split(','))
            .map((v) => v.trim())
            .filter(Boolean),
        }
      : { kind, percent: Number(get('percent')[0] ?? '0') };
  const parsed = Rollout.safeParse(raw);
  if (!parsed.success) throw new UploadRefused(400, ['choose the sites, or a percentage from 0 to 100']);
  return parsed.data;
}

export function releasePublishing(deps: PublishingDeps) {
  const { scope, audit } = deps;

  async function checkSites(rollout: Rollout): Promise<void> {
    if (rollout.kind !== 'sites') return;
    for (const id of rollout.siteIds) if (!(await deps.sites.site(scope, id))) throw new UploadRefused(400, [`no such site: ${id}`]);
  }

  return {
    /** The court admin making the request; 401 without a session or token, 403 (audited) for other roles, 403 for a password still to change. */
    async admin(request: FastifyRequest, action: string): Promise<StaffPrincipal> {
      const principal = await deps.authenticate(scope, request);
      if (!principal) throw new HubError(401, hubErrorCodes.unauthorized, 'Staff sign-in required');
      if (!can(principal.account.role, 'manageTerminals')) {
        await audit.record(scope.db, auditorOf(principal), { action, outcome: 'denied', recordKind: 'kiosk_release' });
        throw new HubError(403, hubErrorCodes.forbidden, 'Only a court admin manages kiosk releases');
      }
      // then, as the court API (server/staff/staffGate.ts): a password an admin set is changed first
      if (principal.account.mustChangePassword) throw passwordChangeRequired();
      return principal;
    },

    async upload(request: FastifyRequest, principal: StaffPrincipal): Promise<string> {
      const received = await receiveRelease(request, deps.files);
      const { check, files } = received;
      if (!check.ok) throw new UploadRefused(400, check.problems);
      try {
        const rollout = rolloutFromFields((name) => received.fields.get(name) ?? []);
        await checkSites(rollout);
        const added = await deps.releases.add(scope, {
          version: check.version,
          uploadedAt: deps.now().toISOString(),
          uploadedBy: principal.account.username,
          rollout,
          channels: check.channels,
          files: check.files,
        });
        if (!added) throw new UploadRefused(409, [`release ${check.version} (or one of its file names) is here already`]);
        deps.files.keep(check.version, files);
      } catch (error) {
        deps.files.discard(files);
        throw error;
      }
      await audit.record(scope.db, auditorOf(principal), { action: 'release.uploaded', outcome: 'ok', recordKind: 'kiosk_release', recordId: check.version });
      return check.version;
    },

    async setRollout(version: string, rollout: Rollout, principal: StaffPrincipal): Promise<void> {
      await checkSites(rollout);
      if (!(await deps.releases.setRollout(scope, version, rollout))) throw new HubError(404, hubErrorCodes.notFound, 'No such release');
      await audit.record(scope.db, auditorOf(principal), { action: 'release.rollout_changed', outcome: 'ok', recordKind: 'kiosk_release', recordId: version });
    },
  };
}
export type ReleasePublishing = ReturnType<typeof releasePublishing>;
