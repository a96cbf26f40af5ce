import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { clearIncoming, privateFolder, writeHashedFile } from '../db/privateFiles.js';

// Release files on the hub's disk: <files folder>/releases/<version>/<name> (folders 0700; server/files/hubFiles.ts). An upload
// streams into `.incoming/` while its sha512 is taken, and moves into the release's folder only
// once the whole release checked out, so a refused upload never leaves a servable file.

export interface IncomingFile {
  name: string;
  tempPath: string;
  /** base64, the form latest*.yml uses */
  sha512: string;
  size: number;
}

export class ReleaseFiles {
  readonly dir: string;
  private readonly incoming: string;

  constructor(releasesDir: string) {
    this.dir = releasesDir;
    this.incoming = path.join(this.dir, '.incoming');
    privateFolder(this.dir);
    privateFolder(this.incoming);
    clearIncoming(this.incoming);
  }

  filePath(version: string, name: string): string {
    return path.join(this.dir, version, name);
  }

  async receive(name: string, stream: Readable): Promise<IncomingFile> {
    const tempPath = path.join(this.incoming, randomBytes(12).toString('hex'));
    const { digest, size } = await writeHashedFile(stream, tempPath, 'sha512', 'base64');
    return { name, tempPath, sha512: digest, size };
  }

  /** Moves checked files into the release's folder. */
  keep(version: string, files: readonly IncomingFile[]): void {
    const folder = path.join(this.dir, version);
    privateFolder(folder);
    for (const f of files) renameSync(f.tempPath, path.join(folder, f.name));
  }

  discard(files: readonly IncomingFile[]): void {
    for (const f of files) rmSync(f.tempPath, { force: true });
  }
}
