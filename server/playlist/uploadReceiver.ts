import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { MAX_VIDEO_BYTES, type PlaylistItem } from '../../shared/playlist.js';
import { FormError, parseItemFields, type FieldProblem, type FormFields } from './itemForm.js';
import type { MediaLibrary, StoredUpload } from './mediaLibrary.js';
import type { PlaylistStore } from './playlistStore.js';

// A staff upload (multipart/form-data: the item's fields plus one `file`), from the admin page
// or the JSON API: streamed to disk while hashed, checked by its bytes, then stored as an item.
// Every refusal is a FormError with a clear bilingual reason and a 4xx status.

/** Multipart limits: one file no larger than the largest video, a handful of short fields. */
export const multipartOptions = {
  limits: { fileSize: MAX_VIDEO_BYTES, files: 1, fields: 30, fieldSize: 1000, parts: 40, headerPairs: 100 },
  throwFileSizeLimit: true,
};

const refusals: Record<string, FieldProblem> = {
  type: { field: 'file', zh: '文件类型不支持：只接受 MP4、WebM 视频和 PNG、JPG 图片', en: 'Unsupported file: only MP4 or WebM videos and PNG or JPG images are accepted' },
  codec: { field: 'file', zh: '视频编码不受支持：请使用 H.264（MP4）或 VP8/VP9（WebM）', en: 'Unsupported video codec: use H.264 (MP4) or VP8/VP9 (WebM)' },
  tooLarge: { field: 'file', zh: '文件太大：视频最大 200 MB，图片最大 20 MB', en: 'File too large: videos up to 200 MB, images up to 20 MB' },
  corrupt: { field: 'file', zh: '文件已损坏或无法播放，请重新导出后上传', en: 'The file is damaged or cannot be played; export it again and re-upload' },
  empty: { field: 'file', zh: '请选择要上传的文件', en: 'Choose a file to upload' },
};

export function refusal(reason: string, status = 400): FormError {
  return new FormError(status, [refusals[reason] ?? refusals.corrupt!]);
}

export async function receiveUpload(request: FastifyRequest, library: MediaLibrary): Promise<{ fields: FormFields; upload: StoredUpload | null }> {
  const fields: FormFields = new Map();
  let upload: StoredUpload | null = null;
  if (!request.isMultipart()) throw new FormError(415, [{ field: 'file', zh: '请用表单上传文件', en: 'Send the upload as multipart/form-data' }]);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume(); // not ours: drain it
          continue;
        }
        const stored = await library.receive(part.file);
        if (stored.size === 0) library.discard(stored);
        else upload = stored;
      } else {
        fields.set(part.fieldname, [...(fields.get(part.fieldname) ?? []), String(part.value)]);
      }
    }
  } catch (error) {
    if (upload) library.discard(upload);
    const code = (error as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw refusal('tooLarge', 413);
    if (code.startsWith('FST_') || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new FormError(400, [{ field: 'file', zh: '上传的表单不完整或格式错误', en: 'The upload was incomplete or malformed' }]);
    }
    throw error;
  }
  return { fields, upload };
}

/** Checks the file, then the fields; stores both or neither. */
export async function createItem(store: PlaylistStore, library: MediaLibrary, fields: FormFields, upload: StoredUpload | null): Promise<PlaylistItem> {
  if (!upload) throw refusal('empty', 400);
  const media = await library.ingest(upload);
  if (!media.ok) throw refusal(media.reason, media.status);
  try {
    const parsed = parseItemFields(fields, media.mimeType, await store.nextOrder());
    return await store.addItem(media.sha256, parsed);
  } catch (error) {
    await library.collectGarbage().catch(() => undefined); // the file is kept only if some item uses it
    throw error;
  }
}
