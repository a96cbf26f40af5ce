import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { dump } from 'js-yaml';
import { CHANNEL_FILE, offeredVersion, RELEASE_FILE_NAME, UpdateReport, updatePaths } from '../../shared/updates/release.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import type { ReleaseFiles } from './releaseFiles.js';
import type { ReleaseStore } from './releaseStore.js';

// What a kiosk's updater asks the hub, each with the terminal's credential (electron-updater's
// generic provider sends it as a request header):
//   GET  /api/v1/updates/feed/latest-linux.yml   the manifest the rollout gives this terminal
//   GET  /api/v1/updates/feed/<installer>        a release file
//   POST /api/v1/updates/reports                 "version X started and passed / failed its check"

export interface FeedDeps {
  scope: DbScope;
  terminals: TerminalStore;
  releases: ReleaseStore;
  files: ReleaseFiles;
  now: () => Date;
}

/** The manifest of a version the hub holds no release of: electron-updater sees it runs it already. */
export function stayManifest(version: string, at: string): string {
  return dump({ version, files: [], path: '', sha512: '', releaseDate: at });
}

export function registerUpdateFeed(app: FastifyInstance, deps: FeedDeps): void {
  const { scope, releases } = deps;
  const noRelease = () => new HubError(404, hubErrorCodes.notFound, 'No release for this terminal');

  app.get<{ Params: { name: string } }>(`${updatePaths.feed}/:name`, async (request, reply) => {
    const terminalId = await authenticateTerminal(deps.terminals, request);
    const { name } = request.params;
    reply.header('cache-control', 'no-store');
    if (CHANNEL_FILE.test(name)) {
      const facts = await releases.terminalFacts(scope, terminalId);
      const version = offeredVersion(await releases.rollouts(scope), { terminalId, siteId: facts.siteId }, facts.running, facts.failed);
      if (version === null) throw noRelease();
      const yml = (await releases.channelManifest(scope, version, name)) ?? (facts.running ? stayManifest(facts.running, deps.now().toISOString()) : null);
      if (yml === null) throw noRelease();
      return reply.type('text/yaml; charset=utf-8').send(yml);
    }
    const file = RELEASE_FILE_NAME.test(name) ? await releases.file(scope, name) : null;
    const path = file ? deps.files.filePath(file.version, name) : null;
    const size = path
      ? await stat(path).then(
          (s) => s.size,
          () => null,
        )
      : null;
    if (!path || size === null) throw new HubError(404, hubErrorCodes.notFound, 'No such release file');
    reply.type('application/octet-stream').header('content-length', String(size));
    return reply.send(request.method === 'HEAD' ? '' : createReadStream(path));
  });

  app.post(updatePaths.reports, async (request, reply) => {
    const terminalId = await authenticateTerminal(deps.terminals, request);
    const report = parseOrThrow(UpdateReport, request.body, 'UpdateReport');
    await releases.report(scope, terminalId, report, deps.now().toISOString());
    return reply.code(204).send();
  });
}
