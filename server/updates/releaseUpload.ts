import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { isChannelFile, checkRelease, type ChannelText } from './releaseCheck.js';
import type { IncomingFile, ReleaseFiles } from './releaseFiles.js';

// A staff upload of one release (multipart/form-data): the latest*.yml files and the installers
// they name, each a `file` part under its own file name, plus the form's fields (the rollout).
// Files stream to disk while hashed; the ymls are read into memory (they are a few hundred bytes).

/** Installers are large (an AppImage with Chromium is ~120 MB); a release has a handful of files. */
export const releaseMultipartOptions = {
  limits: { fileSize: 1024 * 1024 * 1024, files: 20, fields: 20, fieldSize: 20_000, parts: 40, headerPairs: 100 },
  throwFileSizeLimit: true,
};
const YML_MAX_BYTES = 64 * 1024;

export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly problems: string[],
  ) {
    super(problems.join('; '));
  }
}

export interface ReceivedRelease {
  fields: Map<string, string[]>;
  check: ReturnType<typeof checkRelease>;
  files: IncomingFile[];
}

export async function receiveRelease(request: FastifyRequest, store: ReleaseFiles): Promise<ReceivedRelease> {
  if (!request.isMultipart()) throw new UploadRefused(415, ['send the release as multipart/form-data']);
  const fields = new Map<string, string[]>();
  const channels: ChannelText[] = [];
  const files: IncomingFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') {
        fields.set(part.fieldname, [...(fields.get(part.fieldname) ?? []), String(part.value)]);
        continue;
      }
      const name = part.filename;
      if (!name) {
        part.file.resume();
        continue;
      }
      if (channels.some((c) => c.name === name) || files.some((f) => f.name === name)) throw new UploadRefused(400, [`${name} was sent twice`]);
      if (isChannelFile(name)) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.file as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > YML_MAX_BYTES) throw new UploadRefused(413, [`${name} is larger than a latest*.yml can be`]);
          chunks.push(chunk);
        }
        channels.push({ name, text: Buffer.concat(chunks).toString('utf8') });
      } else {
        files.push(await store.receive(name, part.file));
      }
    }
  } catch (error) {
    store.discard(files);
    if (error instanceof UploadRefused) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new UploadRefused(413, ['a file is larger than 1 GB']);
    if (code.startsWith('FST_') || code === 'ERR_STREAM_PREMATURE_CLOSE') throw new UploadRefused(400, ['the upload was incomplete or malformed']);
    throw error;
  }
  const check = checkRelease(channels, files);
  if (!check.ok) store.discard(files);
  return { fields, check, files };
}
