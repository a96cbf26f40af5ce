import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { RECORDER_TIMING } from './recordingTiming.js';

// A recording at rest: sealed in chunks of 64 KiB with AES-256-GCM under a key derived from the
// hub's data key (server/personalData/dataKey.ts), so a copied data folder shows nothing and a
// player seeking (HTTP Range) opens only the chunks it needs. Each chunk is
// iv (12) | tag (16) | ciphertext, its AAD the recording id and the chunk's index: a chunk
// cannot be moved within a file or into another recording. The sha256 is of the plain file,
// the one the case's event log keeps.

export const CHUNK = 64 * 1024;
const OVERHEAD = 12 + 16;
const SEALED_CHUNK = CHUNK + OVERHEAD;

export function recordingKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'court-hub recording', 32));
}

const aad = (recordingId: string, index: number) => Buffer.from(`${recordingId}:${index}`);

function sealChunk(key: Buffer, recordingId: string, index: number, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(recordingId, index));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function openChunk(key: Buffer, recordingId: string, index: number, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(aad(recordingId, index));
  decipher.setAuthTag(sealed.subarray(12, OVERHEAD));
  return Buffer.concat([decipher.update(sealed.subarray(OVERHEAD)), decipher.final()]);
}

/** Syncs a folder's entries to disk (a file created, renamed or marked in it); a folder that cannot be synced (EINVAL: some network file systems) is left as it is. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}

/** A read, write or sync of the seal that did not return within its limit (RecorderTiming.sealMs). */
export class SealStalled extends Error {
  override name = 'SealStalled';
}

/** `step`, or SealStalled once `limitMs` has passed without it returning (a timer: the monotonic clock). */
async function within<T>(limitMs: number, step: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SealStalled(`a step of the seal took over ${limitMs / 1000} s`)), limitMs);
  });
  try {
    return await Promise.race([step, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Seals `plainFile` into `sealedFile` (0600) chunk by chunk; the plain file is left to the caller.
 * Written as `<sealedFile>.partial` and renamed once synced, so a file by that name (on a shared
 * folder other instances read) is always whole. Only a stalled step is bounded: a read, write or
 * sync that does not return within `limitMs` (RecorderTiming.sealMs: a hung files folder) throws
 * SealStalled, the plain file untouched for the next start; a slow seal still making progress
 * runs to the end (a limit that catches slowness must not cut a recording short).
 */
export async function sealRecording(key: Buffer, recordingId: string, plainFile: string, sealedFile: string, limitMs = RECORDER_TIMING.sealMs): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const partial = `${sealedFile}.partial`;
  // Nothing else makes the files folder's `recordings/`: the first recording a hub seals does.
  // Bounded like every step on that shared folder: a hang there must not keep a stop (or the hub's close) waiting.
  await within(limitMs, fs.mkdir(path.dirname(sealedFile), { recursive: true, mode: 0o700 }));
  const input = await fs.open(plainFile, 'r');
  const opening = fs.open(partial, 'w', 0o600);
  const output = await within(limitMs, opening).catch(async (error: unknown) => {
    // A handle that comes after the limit is closed when it comes (nothing else would), and the
    // `.partial` it made goes with it.
    if (error instanceof SealStalled)
      void opening
        .then((late) => late.close())
        .then(() => fs.rm(partial, { force: true }))
        .catch(() => undefined);
    await input.close();
    throw error;
  });
  let size = 0;
  let stalled = false;
  let sealed = false;
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let index = 0; ; index++) {
      // Fill a whole chunk (a read may return less), so chunk boundaries are fixed for Range.
      let filled = 0;
      while (filled < CHUNK) {
        const { bytesRead } = await within(limitMs, input.read(buffer, filled, CHUNK - filled, null));
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) break;
      const plain = buffer.subarray(0, filled);
      hash.update(plain);
      size += filled;
      await within(limitMs, output.write(sealChunk(key, recordingId, index, plain)));
      if (filled < CHUNK) break;
    }
    await within(limitMs, output.sync());
    sealed = true;
  } catch (error) {
    stalled = error instanceof SealStalled;
    throw error;
  } finally {
    const closing = Promise.all([input.close(), output.close()]);
    // A stalled handle's close waits for the step that hangs: left to end if that ever returns.
    if (stalled) void closing.then(() => fs.rm(partial, { force: true })).catch(() => undefined);
    else {
      await closing;
      if (!sealed) await fs.rm(partial, { force: true });
    }
  }
  // A rename that fails after its limit leaves the `.partial` here, removed then; one that never
  // returns leaves it for a later sweep (removeStalePartials, once the row is closed).
  const renaming = fs.rename(partial, sealedFile);
  await within(limitMs, renaming).catch((error: unknown) => {
    if (error instanceof SealStalled) void renaming.catch(() => fs.rm(partial, { force: true })).catch(() => undefined);
    throw error;
  });
  // the rename itself survives a power loss only once its folder is synced (the caller removes the plain file next)
  await within(limitMs, syncFolder(path.dirname(sealedFile)));
  return { sha256: hash.digest('hex'), size };
}

/** Plain bytes `start..end` (inclusive) of a sealed recording, opening only the chunks they lie in. */
export async function* openRecordingRange(key: Buffer, recordingId: string, sealedFile: string, start: number, end: number): AsyncGenerator<Buffer> {
  const file = await fs.open(sealedFile, 'r');
  try {
    const sealed = Buffer.alloc(SEALED_CHUNK);
    for (let index = Math.floor(start / CHUNK); index * CHUNK <= end; index++) {
      const { bytesRead } = await file.read(sealed, 0, SEALED_CHUNK, index * SEALED_CHUNK);
      if (bytesRead <= OVERHEAD) return;
      const plain = openChunk(key, recordingId, index, sealed.subarray(0, bytesRead));
      const from = Math.max(0, start - index * CHUNK);
      const to = Math.min(plain.length, end - index * CHUNK + 1);
      yield plain.subarray(from, to);
    }
  } finally {
    await file.close();
  }
}

/**
 * The sha256 and size of the plain file a whole sealed recording holds, every chunk opened (so a
 * file that does not open under this key is no recording of ours); null when there is none.
 */
export async function sealedDigest(key: Buffer, recordingId: string, sealedFile: string): Promise<{ sha256: string; size: number } | null> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const plain of openRecordingRange(key, recordingId, sealedFile, 0, Number.MAX_SAFE_INTEGER)) {
      hash.update(plain);
      size += plain.length;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // no file, or a chunk that does not open (GCM names no code): nothing of ours to record
    if (code === undefined || code === 'ENOENT') return null;
    throw error;
  }
  return size > 0 ? { sha256: hash.digest('hex'), size } : null;
}
