import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { privateFolder, writeHashedFile } from '../db/privateFiles.js';

// Release files on the hub's disk: <dataDir>/releases/<version>/<name> (folders 0700). An upload
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

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'releases');
    this.incoming = path.join(this.dir, '.incoming');
    privateFolder(dataDir);
    privateFolder(this.dir);
    privateFolder(this.incoming);
    for (const f of readdirSync(this.incoming)) rmSync(path.join(this.incoming, f), { force: true });
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
