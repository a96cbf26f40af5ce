import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { maxBytesFor, type PlaylistMimeType } from '../../shared/playlist.js';

// Is an uploaded file really a video or image a kiosk can play? The type comes from the bytes
// (magic numbers), never from the file name or the browser's claim; then a structural check
// (PNG ends in IEND, JPEG in EOI, MP4 has a movie box, WebM is an EBML "webm" document); then,
// where ffmpeg is installed, the file must actually decode and use a codec Chromium plays.

export type MediaVerdict = { ok: true; mimeType: PlaylistMimeType; durationMs: number | null; decoded: boolean } | { ok: false; status: 413 | 415 | 422; reason: string };

const PLAYABLE_VIDEO_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1']);

export async function sniffType(file: string): Promise<PlaylistMimeType | null> {
  const head = await readAt(file, 0, 64);
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') return 'video/mp4';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3 && head.includes(Buffer.from('webm', 'latin1'))) return 'video/webm';
  return null;
}

/** Structural sanity without decoding: catches truncated or mangled files on hubs without ffmpeg. */
async function structureOk(file: string, mime: PlaylistMimeType, size: number): Promise<boolean> {
  const tail = await readAt(file, Math.max(0, size - 64), 64);
  switch (mime) {
    case 'image/png':
      return tail.includes(Buffer.from('IEND', 'latin1'));
    case 'image/jpeg':
      return tail.includes(Buffer.from([0xff, 0xd9]));
    case 'video/mp4':
      return hasTopLevelBox(file, size, 'moov');
    case 'video/webm':
      return size > 64; // EBML header checked by sniffType; decoding (if available) does the rest
  }
}

async function hasTopLevelBox(file: string, size: number, type: string): Promise<boolean> {
  let offset = 0;
  for (let i = 0; i < 64 && offset + 8 <= size; i++) {
    const h = await readAt(file, offset, 16);
    let len = h.readUInt32BE(0);
    if (h.toString('latin1', 4, 8) === type) return true;
    if (len === 1 && h.length >= 16) len = Number(h.readBigUInt64BE(8));
    if (len < 8) return false;
    offset += len;
  }
  return false;
}

export async function checkMedia(file: string, size: number, ffprobe = 'ffprobe', ffmpeg = 'ffmpeg'): Promise<MediaVerdict> {
  if (size === 0) return { ok: false, status: 422, reason: 'empty' };
  const mimeType = await sniffType(file);
  if (!mimeType) return { ok: false, status: 415, reason: 'type' };
  if (size > maxBytesFor(mimeType)) return { ok: false, status: 413, reason: 'tooLarge' };
  if (!(await structureOk(file, mimeType, size))) return { ok: false, status: 422, reason: 'corrupt' };
  const probe = await run(ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name:format=duration', '-of', 'json', file]);
  if (probe.missing) return { ok: true, mimeType, durationMs: null, decoded: false };
  if (!probe.ok) return { ok: false, status: 422, reason: 'corrupt' };
  let info: { streams?: Array<{ codec_type?: string; codec_name?: string }>; format?: { duration?: string } };
  try {
    info = JSON.parse(probe.stdout) as typeof info;
  } catch {
    return { ok: false, status: 422, reason: 'corrupt' };
  }
  const video = info.streams?.find((s) => s.codec_type === 'video');
  if (!video) return { ok: false, status: 422, reason: 'corrupt' };
  if (mimeType.startsWith('video/') && !PLAYABLE_VIDEO_CODECS.has(video.codec_name ?? '')) return { ok: false, status: 415, reason: 'codec' };
  // Decode it (a video's first seconds, an image's one frame): a file that fails here would fail on every kiosk.
  const decode = await run(ffmpeg, ['-v', 'error', '-xerror', '-i', file, ...(mimeType.startsWith('video/') ? ['-t', '3'] : ['-frames:v', '1']), '-f', 'null', '-']);
  if (!decode.missing && (!decode.ok || decode.stderr.trim() !== '')) return { ok: false, status: 422, reason: 'corrupt' };
  const seconds = Number(info.format?.duration);
  const durationMs = mimeType.startsWith('video/') && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
  return { ok: true, mimeType, durationMs, decoded: !decode.missing };
}

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function run(cmd: string, args: string[]): Promise<{ ok: boolean; missing: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 30_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !error, missing, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
