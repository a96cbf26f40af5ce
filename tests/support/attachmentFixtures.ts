import { createHash, randomBytes } from 'node:crypto';
import { Upload, type DetailedError } from 'tus-js-client';
import { createAgent, type Agent, type AgentOptions } from '../../main/agent/agent.js';
import { createLog } from '../../main/agent/log.js';
import { EnrollResponse, hubPaths, type UploadMetadata } from '../../shared/hubProtocol.js';
import { ENROLLMENT_CODE } from './hubHarness.js';
import { tempDir } from './fixtures.js';

// Photos, kiosk agents and raw tus uploads for the attachment suites.

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A "photo": JPEG magic bytes, then random (incompressible, unguessable) content. */
export const jpeg = (size: number): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
export const pdf = (size: number): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

export interface KioskOptions extends Partial<Omit<AgentOptions, 'host'>> {
  hubUrl: string;
  key?: Buffer;
  logLines?: string[];
}

/** A kiosk agent on a real SQLite file; pass the same dataDir and key to "restart" it. */
export async function startKiosk(o: KioskOptions): Promise<Agent & { dataDir: string; key: Buffer }> {
  const key = o.key ?? randomBytes(32);
  const dataDir = o.dataDir ?? tempDir();
  const lines = o.logLines ?? [];
  const agent = await createAgent({
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: `KSK-${randomBytes(2).toString('hex')}`,
    healthIntervalMs: 100,
    ...o,
    dataDir,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: createLog((l) => lines.push(l)),
  });
  return Object.assign(agent, { dataDir, key });
}

export async function addPhoto(agent: Agent, submissionId: string, data: Buffer, mimeType = 'image/jpeg'): Promise<string> {
  const r = await agent.dispatch('attachment.add', { submissionId, mimeType, dataBase64: data.toString('base64') });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.value as { sha256: string }).sha256;
}

export async function enroll(hubUrl: string, terminalId: string): Promise<string> {
  const res = await fetch(new URL(hubPaths.enroll, hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId, name: terminalId }),
  });
  return EnrollResponse.parse(await res.json()).credential;
}

/** Uploads with tus-js-client as a kiosk would; resolves with the upload URL or the hub's refusal status. */
export function tusUpload(hubUrl: string, credential: string, data: Buffer, metadata: UploadMetadata, chunkSize = 64 * 1024) {
  return new Promise<{ url: string | null; status: number | null }>((resolve) => {
    const upload: Upload = new Upload(data, {
      endpoint: new URL(hubPaths.uploads, hubUrl).toString(),
      metadata: { ...metadata },
      headers: { Authorization: `Bearer ${credential}` },
      chunkSize,
      retryDelays: null,
      storeFingerprintForResuming: false,
      onSuccess: () => resolve({ url: upload.url, status: null }),
      onError: (e) => resolve({ url: upload.url, status: (e as DetailedError).originalResponse?.getStatus() ?? 0 }),
    });
    upload.start();
  });
}
