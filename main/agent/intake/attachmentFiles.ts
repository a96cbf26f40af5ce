import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sealer } from '../sealing.js';
import { privateFolder } from '../privateFiles.js';

// The kiosk's content-addressed file store for attachments: <dir>/<sha256 of the plaintext>, each
// file sealed with the data key (photos are personal data). A file is written under a temporary
// name, flushed, then renamed into place, so a crash leaves a whole file or a stray temp file
// (swept at start-up), never a torn file under its real name.

const FINISHED = /^[0-9a-f]{64}$/;

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A stored file is missing, was sealed with another key, or no longer hashes to its name. */
export class AttachmentUnreadable extends Error {
  readonly code = 'ATTACHMENT_UNREADABLE';
  constructor() {
    super('Attachment file missing or damaged');
    this.name = 'AttachmentUnreadable';
  }
}

export class AttachmentFiles {
  constructor(
    readonly dir: string,
    private readonly sealer: Sealer,
  ) {
    privateFolder(dir);
  }

  has(sha256: string): boolean {
    return existsSync(join(this.dir, sha256));
  }

  /** Seals `data` into a flushed temp file. Async: an 8 MiB photo must not stall the agent. */
  async stage(sha256: string, data: Uint8Array): Promise<string> {
    const tmp = join(this.dir, `${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(this.sealer.sealBytes(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return tmp;
  }

  /**
   * Moves a staged file to its content address (synchronous, so no other call can interleave
   * between this and the caller's row insert). Identical content may already be there: keep it.
   */
  place(tmp: string, sha256: string): void {
    const target = join(this.dir, sha256);
    if (existsSync(target)) return this.discard(tmp);
    renameSync(tmp, target);
    this.syncDir();
  }

  discard(tmp: string): void {
    unlinkQuietly(tmp);
  }

  /** The plaintext, checked against its name: a damaged or swapped file is never sent. */
  read(sha256: string): Buffer {
    let plain: Buffer;
    try {
      plain = this.sealer.openBytes(readFileSync(join(this.dir, sha256)));
    } catch {
      throw new AttachmentUnreadable();
    }
    if (sha256Hex(plain) !== sha256) throw new AttachmentUnreadable();
    return plain;
  }

  remove(sha256: string): void {
    unlinkQuietly(join(this.dir, sha256));
  }

  /** Deletes every entry except the finished files `keep` approves of; returns how many went. */
  sweep(keep: (sha256: string) => boolean): number {
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      if (FINISHED.test(name) && keep(name)) continue;
      try {
        unlinkQuietly(join(this.dir, name));
        removed++;
      } catch {
        // Not ours to judge (e.g. a directory someone made here); start-up must not fail on it.
      }
    }
    return removed;
  }

  /** Makes the rename itself durable before a database row points at the file. */
  private syncDir(): void {
    try {
      const fd = openSync(this.dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Directories cannot be opened for fsync on Windows; NTFS journals the rename itself.
    }
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
