import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { LogFile } from './logFile.js';

// The court hub as an operator runs it (`node dist/server/main.js`, configured by environment),
// on a fixed port so the fault proxy keeps pointing at it across restarts. It can be stopped
// (SIGTERM, graceful), killed (SIGKILL, e.g. mid-request) and started again on the same data dir.

export interface HubProcessOptions {
  entry: string; // dist/server/main.js
  port: number;
  dataDir: string;
  runDir: string;
  enrollmentCode: string;
  adminPassword: string;
  /** Names its log files (default `hub`: hub.stdout.log, hub.stderr.log). */
  name?: string;
  /** More configuration, e.g. HUB_DATABASE_URL and HUB_DATA_KEY for an instance of a cluster. */
  env?: Record<string, string>;
  /** How long a start may take before it is given up (default 20 s). */
  readyTimeoutMs?: number;
}

export class HubProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly stdout: LogFile;
  private readonly stderr: LogFile;
  starts = 0;
  stops = 0;
  kills = 0;
  /** Exits we did not cause (a crash of the hub is a finding). */
  readonly unexpectedExits: string[] = [];
  private readonly expectedExit = new WeakSet<ChildProcess>();

  constructor(private readonly o: HubProcessOptions) {
    this.stdout = new LogFile(join(o.runDir, `${o.name ?? 'hub'}.stdout.log`));
    this.stderr = new LogFile(join(o.runDir, `${o.name ?? 'hub'}.stderr.log`));
  }

  get port(): number {
    return this.o.port;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get dbPath(): string {
    return join(this.o.dataDir, 'hub.sqlite');
  }

  async start(): Promise<void> {
    if (this.child) return;
    // The port of a SIGKILLed hub is free at once (SO_REUSEADDR), but retry a few times anyway.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.launch();
      } catch (err) {
        if (attempt >= 5) throw err;
        await sleep(250 * attempt);
      }
    }
  }

  private launch(): Promise<void> {
    const readyTimeoutMs = this.o.readyTimeoutMs ?? 20_000;
    const child = spawn(process.execPath, [this.o.entry], {
      env: {
        PATH: process.env.PATH ?? '',
        HUB_PORT: String(this.o.port),
        HUB_HOST: '127.0.0.1',
        HUB_DATA_DIR: this.o.dataDir,
        HUB_ENROLLMENT_CODE: this.o.enrollmentCode,
        HUB_ENROLLMENT_ATTEMPTS: '10000', // agents re-enroll through a lossy proxy; the limit is not what this suite measures
        HUB_ADMIN_PASSWORD: this.o.adminPassword,
        ...this.o.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts++;
    this.stdout.write(`--- hub start #${this.starts} pid ${child.pid}\n`);
    const exit = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        if (!this.expectedExit.has(child)) {
          this.unexpectedExits.push(`hub pid ${child.pid} exited code=${code} signal=${signal}`);
        }
        resolve();
      });
    });
    this.exited = exit;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.expectedExit.add(child);
        child.kill('SIGKILL');
        reject(new Error(`hub did not print its listening line within ${readyTimeoutMs / 1000} s`));
      }, readyTimeoutMs);
      this.stderr.drain(child.stderr);
      this.stdout.drain(child.stdout, (line) => {
        if (line.startsWith('hub: listening on ')) {
          clearTimeout(timer);
          this.child = child;
          resolve();
        }
      });
      void exit.then(() => {
        clearTimeout(timer);
        if (this.child !== child) {
          this.expectedExit.add(child);
          reject(new Error('hub exited before listening (see hub.stderr.log)'));
        }
      });
    });
  }

  /** Graceful stop (SIGTERM); SIGKILL if it has not exited after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expect(child);
    this.stops++;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL, no chance to finish anything. Synchronous signal, so it can land mid-request. */
  killNow(): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.expect(child);
    this.kills++;
    child.kill('SIGKILL');
    return this.exited;
  }

  close(): void {
    this.stdout.close();
    this.stderr.close();
  }

  private expect(child: ChildProcess): void {
    this.expectedExit.add(child);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
