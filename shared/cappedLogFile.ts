// A log file that never outgrows its cap (issue 14 item 10), for the hub's and the kiosk's pino
// logs alike: a line that would take the file past `maxBytes` first rotates it (log → log.1 →
// … → log.<keep>, the oldest dropped), so the disk the logs take is at most maxBytes × (keep + 1).
// Lines are written synchronously: a line logged just before a crash is on disk, and a size
// counted before the write is the size after it.
//
// Why not pino-roll (pino's rotating transport): it checks the size after a buffered write has
// gone out (a file can pass its cap), numbers files upward forever, and would be a new dependency;
// this is the whole of what a clerk needs. The file system comes in as `node:fs` itself (shared/
// imports no Node module), so hub and kiosk share this one implementation.

export interface LogFileSystem {
  openSync(path: string, flags: 'a', mode: number): number;
  writeSync(fd: number, text: string): number;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: true }): void;
  mkdirSync(path: string, options: { recursive: true; mode: number }): unknown;
}

export interface LogCaps {
  /** The most one file holds, bytes. */
  maxBytes: number;
  /** Rotated files kept beside the current one. */
  keep: number;
}

export const DEFAULT_LOG_CAPS: LogCaps = { maxBytes: 10 * 1024 * 1024, keep: 4 };

const charBytes = (c: number) => (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);

/** Bytes of `text` in UTF-8 (a lone surrogate counts as the 3 bytes of its replacement). */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) n += charBytes(ch.codePointAt(0)!);
  return n;
}

/** The longest start of `text` that fits `max` UTF-8 bytes, in whole characters. */
function cutToBytes(text: string, max: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    n += charBytes(ch.codePointAt(0)!);
    if (n > max) break;
    out += ch;
  }
  return out;
}

export class CappedLogFile {
  private fd: number | null;
  private size: number;

  constructor(
    readonly path: string,
    private readonly caps: LogCaps,
    private readonly fs: LogFileSystem,
  ) {
    if (!(caps.maxBytes >= 1024) || !Number.isInteger(caps.keep) || caps.keep < 0) throw new Error('a log file needs maxBytes ≥ 1024 and a whole number of files to keep');
    fs.mkdirSync(path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '.', { recursive: true, mode: 0o700 });
    this.fd = fs.openSync(path, 'a', 0o600);
    this.size = fs.fstatSync(this.fd).size;
  }

  /**
   * Appends one line (a newline is added if missing); a line longer than the cap is cut to it.
   * Never throws: a log that cannot be written (disk full, closed) must not take the program down.
   */
  write(line: string): void {
    if (this.fd === null) return;
    try {
      this.append(line);
    } catch {
      // the line is lost; the next one tries again
    }
  }

  close(): void {
    if (this.fd !== null) this.fs.closeSync(this.fd);
    this.fd = null;
  }

  private append(line: string): void {
    let text = line.endsWith('\n') ? line : `${line}\n`;
    let bytes = utf8Length(text);
    if (bytes > this.caps.maxBytes) {
      text = `${cutToBytes(text, this.caps.maxBytes - 4)}…\n`; // '…' is 3 bytes, the newline 1
      bytes = utf8Length(text);
    }
    if (this.size + bytes > this.caps.maxBytes && this.size > 0) this.rotate();
    this.fs.writeSync(this.fd!, text);
    this.size += bytes;
  }

  private rotate(): void {
    this.fs.closeSync(this.fd!);
    this.fd = null;
    try {
      if (this.caps.keep === 0) this.fs.rmSync(this.path, { force: true });
      else {
        this.fs.rmSync(`${this.path}.${this.caps.keep}`, { force: true });
        for (let n = this.caps.keep - 1; n >= 1; n--) {
          try {
            this.fs.renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`);
          } catch {
            // not there yet: fewer rotations so far than files kept
          }
        }
        this.fs.renameSync(this.path, `${this.path}.1`);
      }
    } finally {
      // reopened whatever happened above; should that fail too, the log stays shut (write drops lines)
      this.fd = this.fs.openSync(this.path, 'a', 0o600);
      this.size = this.fs.fstatSync(this.fd).size;
    }
  }
}
