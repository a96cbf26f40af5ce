import type { DefaultHttpStack, DetailedError } from 'tus-js-client';
import { CHECKSUM_MISMATCH_STATUS, hubPaths } from '../../../shared/hubProtocol.js';
import { AttachmentUnreadable } from './attachmentFiles.js';
import type { AttachmentStore, PendingUpload } from './attachmentStore.js';

// Resumable attachment uploads to the hub (tus 1.0, tus-js-client). The upload URL the hub
// assigns is persisted the moment it exists, so a crash or a lost connection resumes at the
// hub's offset instead of from zero. tus-js-client's own retries are off: the outbox owns retry
// and backoff, and every failure is classified like an intake send.

export type UploadOutcome =
  | { kind: 'uploaded' }
  /** `restart`: the hub no longer has (or never kept) this upload; the next attempt creates a new one. */
  | { kind: 'retry'; reason: string; restart?: boolean }
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'rejected'; reason: string };

export interface UploaderOptions {
  hubUrl: string;
  /** Bytes per PATCH: small enough that an interrupted upload loses little and each request ends quickly. */
  chunkBytes?: number;
  /** Abort when one request makes no progress for this long (Node's http stack has no timeout of its own). */
  stallMs?: number;
  /** TLS options for the hub (main/agent/hubTransport.ts: the court's CA bundle). */
  tlsOptions?: { ca?: Buffer };
}

export const DEFAULT_UPLOAD_CHUNK_BYTES = 256 * 1024;

export class AttachmentUploader {
  private readonly endpoint: string;
  private readonly chunkBytes: number;
  private readonly stallMs: number;
  private readonly tlsOptions: UploaderOptions['tlsOptions'];
  /** Made with tus-js-client on the first upload (the module loads on first use: cold start). */
  private httpStack: DefaultHttpStack | null = null;

  constructor(options: UploaderOptions) {
    this.endpoint = new URL(hubPaths.uploads, options.hubUrl).toString();
    this.chunkBytes = options.chunkBytes ?? DEFAULT_UPLOAD_CHUNK_BYTES;
    this.stallMs = options.stallMs ?? 60_000;
    this.tlsOptions = options.tlsOptions;
  }

  /**
   * Uploads every submitted attachment of `submissionId` the hub has not confirmed, in order.
   * Stops at the first that does not arrive and says why.
   */
  async uploadPending(store: AttachmentStore, submissionId: string, credential: string, signal: AbortSignal): Promise<UploadOutcome> {
    for (const item of store.pending(submissionId)) {
      let data: Buffer;
      try {
        data = store.read(item.sha256);
      } catch (error) {
        if (error instanceof AttachmentUnreadable) return { kind: 'rejected', reason: 'attachment unreadable' };
        throw error;
      }
      const outcome = await this.upload(item, data, credential, signal, (url) => store.setUploadUrl(submissionId, item.sha256, url));
      if (outcome.kind !== 'uploaded') {
        if (outcome.kind === 'retry' && outcome.restart) store.setUploadUrl(submissionId, item.sha256, null);
        return outcome;
      }
      store.markUploaded(submissionId, item.sha256);
    }
    return { kind: 'uploaded' };
  }

  /** One file. Resumes from `item.uploadUrl` when it belongs to this hub; tus-js-client starts afresh on 404/410. */
  async upload(item: PendingUpload, data: Buffer, credential: string, signal: AbortSignal, onUrl: (url: string) => void): Promise<UploadOutcome> {
    // Loaded on the first upload, not at start-up (cold start, issue 16).
    const { Upload, DefaultHttpStack } = await import('tus-js-client');
    const httpStack = (this.httpStack ??= new DefaultHttpStack(this.tlsOptions ?? {}));
    const resumeFrom = item.uploadUrl?.startsWith(`${this.endpoint}/`) ? item.uploadUrl : null;
    return new Promise((resolve) => {
      let stallTimer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (outcome: UploadOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(stallTimer);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const stop = (reason: string) => {
        void upload.abort().catch(() => undefined);
        finish({ kind: 'retry', reason });
      };
      const arm = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => stop('timeout'), this.stallMs);
        stallTimer.unref();
      };
      const onAbort = () => stop('stopped');
      const upload = new Upload(data, {
        endpoint: this.endpoint,
        uploadUrl: resumeFrom,
        metadata: { submissionId: item.submissionId, sha256: item.sha256, mimeType: item.mimeType },
        headers: { Authorization: `Bearer ${credential}` },
        chunkSize: this.chunkBytes,
        retryDelays: null,
        httpStack,
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: false,
        onUploadUrlAvailable: () => {
          // Once settled (stopped, timed out) the agent may be closing its store: record nothing more.
          if (!settled && upload.url) onUrl(upload.url);
        },
        onProgress: arm,
        onChunkComplete: arm,
        onSuccess: () => finish({ kind: 'uploaded' }),
        onError: (error) => finish(classify(error)),
      });
      if (signal.aborted) return finish({ kind: 'retry', reason: 'stopped' });
      signal.addEventListener('abort', onAbort, { once: true });
      arm();
      upload.start();
    });
  }
}

/** Maps a tus-js-client error onto the outbox's outcomes. Reasons never carry response bodies. */
export function classify(error: Error | DetailedError): UploadOutcome {
  const response = (error as Partial<DetailedError>).originalResponse ?? null;
  const status = response?.getStatus() ?? 0;
  if (status === 0) {
    const cause = (error as Partial<DetailedError>).causingError as { code?: unknown } | null | undefined;
    const code = typeof cause?.code === 'string' ? cause.code : 'error';
    return { kind: 'retry', reason: `network ${code}`.slice(0, 60) };
  }
  if (status === 401) return { kind: 'unauthorized', reason: 'upload HTTP 401' };
  // Gone at the hub (expired, deleted after a checksum mismatch): start a new upload next time.
  if (status === 404 || status === 410) return { kind: 'retry', reason: `upload HTTP ${status}`, restart: true };
  if (status === CHECKSUM_MISMATCH_STATUS) return { kind: 'retry', reason: 'upload checksum mismatch', restart: true };
  // Offset conflict, upload locked by a request the hub has not noticed is dead yet, or the hub's trouble.
  if (status === 408 || status === 409 || status === 423 || status === 429 || status >= 500) {
    return { kind: 'retry', reason: `upload HTTP ${status}` };
  }
  return { kind: 'rejected', reason: `upload HTTP ${status}` };
}
