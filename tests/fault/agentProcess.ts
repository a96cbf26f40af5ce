import { fork, type ChildProcess } from 'node:child_process';
import type { Result } from '../../shared/result.js';
import type { LogFile } from './logFile.js';

// The kiosk agent in its own process, exactly as processEntry runs it under child_process.fork:
// parent → { t:'init', dataKey, options }, then { t:'call', id, name, input } frames;
// child → { t:'ready' }, { t:'result', id, result }, { t:'event', ... }.
// Its stdout/stderr are drained into the run's log files (the log scan reads them later).

export interface AgentInit {
  dataKey: string; // base64, 32 bytes, fixed for the run so a restarted agent can open the store
  options: {
    dataDir: string;
    hubUrl: string;
    kind: 'browser';
    enrollmentCode: string;
    terminalId: string;
    healthIntervalMs: number;
  };
}

export interface AgentProcessOptions {
  entry: string; // dist/main/agent/processEntry.js
  init: AgentInit;
  stdout: LogFile;
  stderr: LogFile;
  /** A child that has not said 'ready' by then is killed (and the start counts as failed). */
  readyTimeoutMs?: number;
}

/** The call did not get an answer because the agent process went away (or never answered). */
export class AgentGone extends Error {
  constructor(readonly reason: 'exited' | 'timeout') {
    super(`agent ${reason}`);
    this.name = 'AgentGone';
  }
}

export interface AgentExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when this driver killed or shut it down. */
  expected: boolean;
}

interface Pending {
  resolve: (r: Result<unknown>) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class AgentProcess {
  readonly pid: number;
  readonly ready: Promise<void>;
  readonly exited: Promise<AgentExit>;
  readonly startedAt = Date.now();
  readyAt: number | null = null;
  /** It never said 'ready' within readyTimeoutMs and was killed. */
  readyTimedOut = false;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private alive = true;
  private expected = false;

  constructor(o: AgentProcessOptions) {
    this.child = fork(o.entry, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [], serialization: 'json' });
    this.pid = this.child.pid ?? -1;
    o.stdout.drain(this.child.stdout);
    o.stderr.drain(this.child.stderr);
    this.child.on('error', () => undefined); // send() on a dead channel; the exit handler settles everything

    // 'close', not 'exit': it comes after the IPC channel and stdio were read to the end, so a
    // result the child sent just before it died is still delivered, not mistaken for a lost one.
    this.exited = new Promise<AgentExit>((resolve) => {
      this.child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.alive = false;
        for (const [, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(new AgentGone('exited'));
        }
        this.pending.clear();
        resolve({ code, signal, expected: this.expected });
      });
    });

    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyTimedOut = true;
        this.child.kill('SIGKILL');
      }, o.readyTimeoutMs ?? 15_000);
      this.child.on('message', (message: unknown) => {
        const m = message as { t?: string; id?: number; result?: Result<unknown> };
        if (m.t === 'ready') {
          clearTimeout(timer);
          this.readyAt = Date.now();
          resolve();
        } else if (m.t === 'result' && typeof m.id === 'number') {
          const p = this.pending.get(m.id);
          if (!p) return;
          this.pending.delete(m.id);
          clearTimeout(p.timer);
          p.resolve(m.result as Result<unknown>);
        }
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new AgentGone('exited'));
      });
      this.post({ t: 'init', ...o.init });
    });
    this.ready.catch(() => undefined);
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** One contract call. Rejects with AgentGone if the process dies (or stays silent) first. */
  call(name: string, input: unknown, timeoutMs = 10_000): Promise<Result<unknown>> {
    if (!this.alive) return Promise.reject(new AgentGone('exited'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AgentGone('timeout'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.post({ t: 'call', id, name, input });
    });
  }

  /** SIGKILL: the agent gets no chance to finish a transaction, a send or a reply. */
  kill(): Promise<AgentExit> {
    this.expected = true;
    if (this.alive) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Asks the agent to close its store and exit (SIGKILL after graceMs). */
  async shutdown(graceMs = 20_000): Promise<AgentExit> {
    this.expected = true;
    if (!this.alive) return this.exited;
    this.post({ t: 'shutdown' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  private post(message: unknown): void {
    if (!this.alive || !this.child.connected) return;
    try {
      this.child.send(message as object, (err) => void err);
    } catch {
      // the channel closed under us: the exit handler rejects what is pending
    }
  }
}
