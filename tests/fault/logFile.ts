import { closeSync, openSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';

// An append-only log file that child processes' output is drained into, synchronously, so the
// file is complete the moment the stream ends (the log scan reads these files afterwards).

export class LogFile {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  write(text: string | Buffer): void {
    if (this.fd !== null) writeSync(this.fd, typeof text === 'string' ? Buffer.from(text) : text);
  }

  /** Copies a child's stream into the file; `onLine` sees each complete line (for readiness probes). */
  drain(stream: Readable | null, onLine?: (line: string) => void): void {
    if (!stream) return;
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      this.write(chunk);
      if (!onLine) return;
      partial += chunk.toString('utf8');
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
