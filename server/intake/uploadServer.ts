/* eslint-disable @typescript-eslint/only-throw-error -- @tus/server answers a hook's thrown { status_code, body } with that HTTP response */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { ERRORS, Server, type Upload } from '@tus/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAGIC_BYTES, matchesMagic } from '../../shared/attachment.js';
import { CHECKSUM_MISMATCH_STATUS, hubPaths, MAX_UPLOAD_BYTES, UploadMetadata } from '../../shared/hubProtocol.js';
import { isDatabaseUnavailable } from '../db/failures.js';
import { DATABASE_RETRY_AFTER_S, databaseUnavailableMessage } from '../http/errors.js';
import { terminalOfAuthorization } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import type { IntakeStore } from './store.js';
import { privateFolder } from '../db/privateFiles.js';

// Attachment uploads: a tus 1.0 server (@tus/server, files on disk with @tus/file-store) whose
// hooks add what the court needs. Every request needs a terminal's bearer credential, checked by
// `admit` before tus sees the request (tus leaves authentication to its host and checks its own
// headers first: a caller without a credential would otherwise learn tus's 412/400); an upload
// is visible only to the terminal that created it; its metadata must name a submission, the
// file's sha256 and an allowed type. When the last byte arrives the hub hashes the file: a match
// is recorded as a verified attachment, a mismatch is deleted and answered 460. Refusals are
// thrown as `{ status_code, body }`, which @tus/server turns into the response.

export interface UploadServerOptions {
  store: IntakeStore;
  terminals: TerminalStore;
  /** Where upload files and their tus info files live (created if missing). */
  directory: string;
  now: () => Date;
  /** Told about failures that would answer 5xx (a hub fault); never given request data. */
  onFault?: (error: unknown) => void;
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;

const refuse = (status_code: number, body: string) => ({ status_code, body: `${body}\n` });

/** The bytes' sha256 and first bytes, streamed (files can be megabytes). */
async function digestFile(path: string): Promise<{ sha256: string; head: Buffer }> {
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  for await (const chunk of createReadStream(path)) {
    if (head.length < MAGIC_BYTES) head = Buffer.concat([head, chunk as Buffer]).subarray(0, MAGIC_BYTES);
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), head };
}

// @tus/file-store also creates its folder with an async mkdir and throws any failure from the
// callback, i.e. as an uncaught exception (seen when a folder vanished under it). We create the
// folder synchronously before constructing the store, so that second check is switched off.
// It also writes each upload and its `.json` with the process umask (0644 as a rule): a resident's
// photo is for the hub's user only, so both are made 0600 as soon as they exist.
class HubFileStore extends FileStore {
  override async create(file: Upload): Promise<Upload> {
    const created = await super.create(file);
    await Promise.all([created.id, `${created.id}.json`].map((name) => chmod(join(this.directory, name), 0o600)));
    return created;
  }
}
(HubFileStore.prototype as unknown as { checkOrCreateDirectory(): void }).checkOrCreateDirectory = () => undefined;

export interface UploadServer {
  tus: Server;
  /**
   * Authenticates a request before it is handed to `tus` (OPTIONS, the preflight, needs nothing):
   * false if its credential is missing or not accepted. The terminal it names is what the hooks
   * below read: one authentication a request.
   */
  admit(req: IncomingMessage): Promise<boolean>;
}

/** The Node request under the web Request @tus/server hands its hooks (srvx: runtime.node.req). */
const nodeRequestOf = (req: object): IncomingMessage | undefined => (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;

export function createUploadServer(opts: UploadServerOptions): UploadServer {
  privateFolder(opts.directory);
  const datastore = new HubFileStore({ directory: opts.directory });
  const admitted = new WeakMap<IncomingMessage, string>();

  /** The terminal `admit` found for this request; a request that did not pass it is refused. */
  const terminalOf = (req: object): string => {
    const node = nodeRequestOf(req);
    const terminalId = node && admitted.get(node);
    if (!terminalId) throw refuse(401, 'Terminal credential missing or not accepted');
    return terminalId;
  };

  /** Deletes a finished upload the hub will not keep. */
  const discard = (id: string) => datastore.remove(id).catch(() => undefined);

  const tus = new Server({
    path: hubPaths.uploads,
    datastore,
    maxSize: MAX_UPLOAD_BYTES,
    // A relative Location: the hub never builds URLs from a client's Host or X-Forwarded-* headers.
    relativeLocation: true,
    respectForwardedHeaders: false,
    allowedOrigins: [], // kiosks are not browsers: no CORS grants
    disableTerminationForFinishedUploads: true,
    namingFunction: () => randomBytes(16).toString('hex'),
    // Only ids this hub could have issued reach the file store.
    getFileIdFromRequest: (_req, lastPath) => (lastPath && UPLOAD_ID.test(lastPath) ? lastPath : undefined),

    async onIncomingRequest(req, uploadId) {
      const terminalId = terminalOf(req);
      if (req.method === 'POST') return;
      // Another terminal's upload answers exactly like one that does not exist.
      const upload = await datastore.getUpload(uploadId).catch(() => null);
      if (upload && upload.metadata?.terminalId !== terminalId) throw refuse(404, 'The file for this url was not found');
    },

    async onUploadCreate(req, upload) {
      const terminalId = terminalOf(req);
      const meta = UploadMetadata.safeParse(upload.metadata ?? {});
      if (!meta.success) throw refuse(400, 'Upload-Metadata must carry submissionId (uuid), sha256 (64 hex) and an allowed mimeType');
      if (upload.sizeIsDeferred || !upload.size) throw refuse(400, 'Upload-Length (greater than 0) is required');
      const owner = await opts.store.submissionOwner(meta.data.submissionId);
      if (owner !== null && owner !== terminalId) throw refuse(403, 'This submission belongs to another terminal');
      // Only the validated keys are kept, plus who uploaded: later requests are checked against it.
      return { metadata: { ...meta.data, terminalId } };
    },

    async onUploadFinish(_req, upload) {
      await verify(upload);
      return {};
    },

    onResponseError(req, err) {
      const e = err as { status_code?: unknown; body?: unknown };
      if (isDatabaseUnavailable(err)) {
        // The hub's 503 for a database outage, with its Retry-After (set on the Node response that
        // tus writes next; srvx exposes it as runtime.node.res).
        (req as { runtime?: { node?: { res?: ServerResponse } } }).runtime?.node?.res?.setHeader('retry-after', String(DATABASE_RETRY_AFTER_S));
        return { status_code: 503, body: `${databaseUnavailableMessage(req.headers.get('accept-language') ?? undefined)}\n` };
      }
      if (typeof e.status_code !== 'number') {
        opts.onFault?.(err);
        return { status_code: 500, body: 'Internal error\n' };
      }
      // Extensions the file store lacks (e.g. Upload-Concat) are a client's choice, not a hub fault.
      if (e.status_code === 501) return { status_code: 400, body: String(e.body) };
      // Another request still holds the upload: tus clients treat 423 as "retry later".
      if (e.body === ERRORS.ERR_LOCK_TIMEOUT.body) return { status_code: 423, body: 'Upload is busy; retry later\n' };
      if (e.status_code >= 500) opts.onFault?.(err);
      return undefined;
    },
  });
  const admit = async (req: IncomingMessage): Promise<boolean> => {
    const terminalId = await terminalOfAuthorization(opts.terminals, req.headers.authorization);
    if (terminalId) admitted.set(req, terminalId);
    return terminalId !== null;
  };
  return { tus, admit };

  async function verify(upload: Upload): Promise<void> {
    const meta = UploadMetadata.parse(upload.metadata);
    const terminalId = String(upload.metadata?.terminalId);
    // An empty PATCH to a finished upload "finishes" it again: this very file is already on record.
    if ((await opts.store.attachment(meta.submissionId, meta.sha256))?.uploadId === upload.id) return;
    const { sha256, head } = await digestFile(join(opts.directory, upload.id));
    if (sha256 !== meta.sha256) {
      await discard(upload.id);
      throw refuse(CHECKSUM_MISMATCH_STATUS, 'Checksum mismatch: the bytes do not hash to the declared sha256');
    }
    if (!matchesMagic(meta.mimeType, head)) {
      await discard(upload.id);
      throw refuse(415, 'The file is not of its declared mimeType');
    }
    const outcome = await opts.store.recordAttachment({
      ...meta,
      terminalId,
      size: upload.size ?? upload.offset,
      uploadId: upload.id,
      verifiedAt: opts.now().toISOString(),
    });
    // The verified copy already on file is kept; this one goes, unless it IS that copy (the same
    // upload finished through two instances sharing the files folder at once).
    if (outcome !== 'new' && (await opts.store.attachment(meta.submissionId, meta.sha256))?.uploadId !== upload.id) await discard(upload.id);
    if (outcome === 'foreign') throw refuse(403, 'This submission belongs to another terminal');
  }
}
