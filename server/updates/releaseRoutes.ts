import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Rollout, updatePaths } from '../../shared/updates/release.js';
import { hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import type { ReleasePublishing } from './releasePublishing.js';
import type { ReleaseStore } from './releaseStore.js';
import type { DbScope } from '../db/engine.js';
import { releaseMultipartOptions, UploadRefused } from './releaseUpload.js';

// Releases as JSON for court admins (session cookie or API token):
//   GET  /api/v1/updates/releases                     every release with its rollout and uptake
//   POST /api/v1/updates/releases                     multipart: latest*.yml + installers (+ rollout fields)
//   PUT  /api/v1/updates/releases/<version>/rollout   a Rollout

export function registerReleaseApi(app: FastifyInstance, deps: { scope: DbScope; releases: ReleaseStore; publishing: ReleasePublishing }): void {
  const { publishing } = deps;
  app.register(async (api) => {
    await api.register(multipart, releaseMultipartOptions);
    api.setErrorHandler((err, _request, reply) => {
      if (!(err instanceof UploadRefused)) throw err;
      const code = err.status === 413 ? hubErrorCodes.tooLarge : err.status === 415 ? hubErrorCodes.unsupportedMediaType : err.status === 409 ? 'CONFLICT' : hubErrorCodes.invalidInput;
      return reply.code(err.status).send({ error: { code, message: err.message, issues: err.problems.map((message) => ({ path: 'release', message })) } });
    });

    api.get(updatePaths.releases, async (request) => {
      await publishing.admin(request, 'release.listed');
      return { releases: await deps.releases.views(deps.scope) };
    });

    api.post(updatePaths.releases, async (request, reply) => {
      refuseCrossSite(request);
      const principal = await publishing.admin(request, 'release.uploaded');
      const version = await publishing.upload(request, principal);
      return reply.code(201).send({ version });
    });

    api.put<{ Params: { version: string } }>(`${updatePaths.releases}/:version/rollout`, async (request) => {
      refuseCrossSite(request);
      const principal = await publishing.admin(request, 'release.rollout_changed');
      const rollout = parseOrThrow(Rollout, request.body, 'Rollout');
      await publishing.setRollout(request.params.version, rollout, principal);
      return { version: request.params.version, rollout };
    });
  });
}
