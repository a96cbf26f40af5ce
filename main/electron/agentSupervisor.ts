import { isCallName, isEventName, type CallName, type EventName } from '../../shared/contract.js';
import { backoffStepMs, type BackoffPolicy } from '../../shared/backoff.js';
import { RequestReply, type RequestFailure } from '../../shared/requestReply.js';
import { fail, type Result } from '../../shared/result.js';
import { ChildMessage, type HostOp, type HostRequestFrame, type HostResponseFrame, type ParentMessage } from '../agent/processProtocol.js';

// Keeps the kiosk agent running in its own process and carries contract calls to it. The agent
// can crash without taking the UI down: calls in flight fail fast with UNAVAILABLE (the renderer
// retries; submissions are idempotent by their UUID), the child is restarted with exponential
// backoff, and calls made while it (re)starts wait a bounded time for it to be ready.
// The messages both ways are main/agent/processProtocol.ts; every one the child sends is
// parsed with its schema here. Calls are matched to results by the shared RequestReply.

/** Answers the agent's host requests (validating `payload` itself); throws to refuse. */
export type HostRequestHandler = (op: HostOp, payload: unknown) => Promise<unknown>;

/** The part of an Electron `UtilityProcess` the supervisor uses. */
export interface AgentChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): unknown;
}

export interface SupervisorTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface RestartPolicy {
  /** Delay before the first restart. */
  initialMs: number;
  /** The delay doubles per consecutive crash up to this cap. */
  maxMs: number;
  /** A child that stayed ready this long resets the delay to `initialMs`. */
  healthyResetMs: number;
}

export const DEFAULT_BACKOFF: RestartPolicy = { initialMs: 250, maxMs: 10_000, healthyResetMs: 60_000 };

export interface AgentSupervisorOptions {
  spawn: () => AgentChild;
  /** How long a call waits for the agent to become ready before UNAVAILABLE. */
  readyTimeoutMs?: number;
  /** A child that has not said 'ready' by then is killed and restarted. */
  startTimeoutMs?: number;
  /** A call the agent never answers fails with UNAVAILABLE after this long. */
  callTimeoutMs?: number;
  /** How long stop() waits for the child to exit after { t: 'shutdown' } before killing it. */
  stopGraceMs?: number;
  backoff?: Partial<RestartPolicy>;
  timers?: SupervisorTimers;
  /** Operational lines only: names, codes and delays, never payloads. */
  log?: (line: string) => void;
  /** Host capabilities the agent asks for; without it every request is refused. */
  hostRequests?: HostRequestHandler;
}

export type SupervisorState = 'idle' | 'starting' | 'ready' | 'restarting' | 'stopped';
export type AgentEventListener = (name: EventName, payload: unknown) => void;

const realTimers: SupervisorTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class AgentSupervisor {
  private readonly spawn: () => AgentChild;
  private readonly timers: SupervisorTimers;
  private readonly policy: RestartPolicy;
  /** Restarts are spaced without jitter: there is one agent per kiosk, no crowd to spread. */
  private readonly restartBackoff: BackoffPolicy;
  private readonly startTimeoutMs: number;
  private readonly stopGraceMs: number;
  private readonly log: (line: string) => void;
  private readonly hostRequests: HostRequestHandler | undefined;

  private current: SupervisorState = 'idle';
  private child: AgentChild | null = null;
  /** Bumped whenever a child is abandoned, so its late messages and exit are ignored. */
  private generation = 0;
  /** Consecutive crashes since the agent was last healthy for `healthyResetMs`. */
  private crashes = 0;
  private readyAt: number | null = null;
  private restarts = 0;
  private startTimer: unknown = null;
  private restartTimer: unknown = null;
  private killTimer: unknown = null;
  private stopWaiters: Array<() => void> = [];
  /** Contract calls: held while the agent (re)starts, then matched to results by id. */
  private readonly calls: RequestReply<{ name: CallName; input: unknown }, unknown>;
  private readonly listeners = new Set<AgentEventListener>();

  constructor(options: AgentSupervisorOptions) {
    this.spawn = options.spawn;
    this.timers = options.timers ?? realTimers;
    this.policy = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.stopGraceMs = options.stopGraceMs ?? 3_000;
    this.log = options.log ?? (() => {});
    this.hostRequests = options.hostRequests;
    this.restartBackoff = { baseMs: this.policy.initialMs, capMs: this.policy.maxMs, jitter: 0 };
    this.calls = new RequestReply({
      send: (id, { name, input }) => {
        if (this.current !== 'ready' || !this.child) return false; // held until it is
        this.child.postMessage({ t: 'call', id, name, input } satisfies ParentMessage);
        return true;
      },
      timeoutMs: options.callTimeoutMs ?? 60_000,
      holdMs: options.readyTimeoutMs ?? 10_000,
      timers: this.timers,
    });
  }

  get state(): SupervisorState {
    return this.current;
  }

  /** Restarts so far (for the admin screen and logs). */
  get restartCount(): number {
    return this.restarts;
  }

  /** The delay the next restart would wait. */
  get nextRestartDelayMs(): number {
    return backoffStepMs(this.crashes, this.restartBackoff);
  }

  start(): void {
    if (this.current !== 'idle') return;
    this.launch();
  }

  request(name: CallName, input: unknown): Promise<Result<unknown>> {
    if (!isCallName(name)) return Promise.resolve(fail('UNKNOWN_CALL', `Unknown call: ${String(name).slice(0, 80)}`));
    if (this.current === 'stopped') return Promise.resolve(fail('UNAVAILABLE', 'The kiosk is shutting down'));
    return this.calls.request({ name, input }).then(asResult, (failure: RequestFailure) => fail('UNAVAILABLE', unavailableMessage(failure, name)));
  }

  onEvent(listener: AgentEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Asks the agent to close, kills it after a grace period, never restarts it. */
  stop(): Promise<void> {
    if (this.current === 'stopped') {
      return this.child ? new Promise((resolve) => this.stopWaiters.push(resolve)) : Promise.resolve();
    }
    this.current = 'stopped';
    this.clear('startTimer');
    this.clear('restartTimer');
    this.calls.dropHeld('The kiosk is shutting down'); // calls in flight end when the agent exits
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.stopWaiters.push(resolve);
      try {
        child.postMessage({ t: 'shutdown' } satisfies ParentMessage);
      } catch {
        // already gone: the exit (or the grace timer) finishes the stop
      }
      this.killTimer = this.timers.setTimeout(() => {
        this.killTimer = null;
        this.log('agent did not exit after shutdown; killing it');
        try {
          child.kill();
        } catch {
          // nothing more to do
        }
        this.childGone('stopped');
      }, this.stopGraceMs);
    });
  }

  private launch(): void {
    this.restartTimer = null;
    if (this.current === 'stopped') return;
    this.current = 'starting';
    const generation = ++this.generation;
    let child: AgentChild;
    try {
      child = this.spawn();
    } catch (error) {
      this.log(`agent failed to start: ${error instanceof Error ? error.message : 'unknown error'}`);
      this.childGone('spawn failed');
      return;
    }
    this.child = child;
    child.on('message', (raw) => {
      if (generation !== this.generation) return;
      const message = ChildMessage.safeParse(raw);
      if (!message.success) return this.log('agent sent an unexpected message; ignored');
      if (message.data.t === 'host.request') this.answerHostRequest(child, generation, message.data);
      else this.handleMessage(message.data);
    });
    child.on('exit', (code) => {
      if (generation === this.generation) this.childGone(`exit code ${code}`);
    });
    this.startTimer = this.timers.setTimeout(() => {
      this.startTimer = null;
      if (generation !== this.generation || this.current !== 'starting') return;
      this.log(`agent not ready after ${this.startTimeoutMs} ms; killing it`);
      try {
        child.kill();
      } catch {
        // it is abandoned either way
      }
      this.childGone('start timeout');
    }, this.startTimeoutMs);
  }

  private handleMessage(message: Exclude<ChildMessage, HostRequestFrame>): void {
    switch (message.t) {
      case 'ready':
        if (this.current !== 'starting' || !this.child) return;
        this.clear('startTimer');
        this.current = 'ready';
        this.readyAt = this.timers.now();
        this.calls.flush();
        return;
      case 'result':
        this.calls.reply(message.id, message.result); // false: it already timed out
        return;
      case 'event':
        return this.emit(message.name, message.payload);
    }
  }

  private emit(name: string, payload: unknown): void {
    if (!isEventName(name)) {
      this.log(`agent sent an unknown event ${name.slice(0, 80)}; ignored`);
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        this.log(`event listener for ${name} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      }
    }
  }

  /** Runs a host request and answers the child that asked, unless it has been replaced since. */
  private answerHostRequest(child: AgentChild, generation: number, request: HostRequestFrame): void {
    const reply = (frame: HostResponseFrame) => {
      if (generation !== this.generation) return; // that agent is gone; its successor never asked
      try {
        child.postMessage(frame satisfies ParentMessage);
      } catch {
        // the child went away meanwhile: its exit handles the rest
      }
    };
    const handler = this.hostRequests;
    if (!handler) return reply({ t: 'host.response', id: request.id, ok: false, error: `${request.op} is not available` });
    handler(request.op, request.payload).then(
      (value) => reply({ t: 'host.response', id: request.id, ok: true, value }),
      (error: unknown) => {
        this.log(`host request ${request.op} failed: ${error instanceof Error ? error.name : 'unknown error'}`);
        reply({ t: 'host.response', id: request.id, ok: false, error: `${request.op} failed` });
      },
    );
  }

  /** The current child is gone (exit, failed spawn, abandoned): fail its calls, maybe restart. */
  private childGone(reason: string): void {
    this.generation++;
    this.child = null;
    this.clear('startTimer');
    this.calls.dropSent('The kiosk agent stopped; please retry');
    const healthyFor = this.readyAt === null ? 0 : this.timers.now() - this.readyAt;
    this.readyAt = null;

    if (this.current === 'stopped') {
      this.clear('killTimer');
      for (const resolve of this.stopWaiters.splice(0)) resolve();
      return;
    }
    if (healthyFor >= this.policy.healthyResetMs) this.crashes = 0;
    const delay = this.nextRestartDelayMs;
    this.crashes++;
    this.restarts++;
    this.current = 'restarting';
    this.log(`agent gone (${reason}); restarting in ${delay} ms`);
    this.restartTimer = this.timers.setTimeout(() => this.launch(), delay);
  }

  private clear(timer: 'startTimer' | 'restartTimer' | 'killTimer'): void {
    if (this[timer] !== null) this.timers.clearTimeout(this[timer]);
    this[timer] = null;
  }
}

function unavailableMessage(failure: RequestFailure, name: CallName): string {
  switch (failure.reason) {
    case 'unsent':
      return failure.cause === undefined ? 'The kiosk agent is starting; please retry' : 'The kiosk agent is not reachable';
    case 'unanswered':
      return `The kiosk agent did not answer ${name} in time`;
    default:
      return failure.message;
  }
}

/** Only a well-formed Result reaches the renderer; anything else is the agent's bug. */
function asResult(value: unknown): Result<unknown> {
  if (typeof value === 'object' && value !== null) {
    const r = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
    if (r.ok === true) return { ok: true, value: r.value };
    if (r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string') {
      return value as Result<never>;
    }
  }
  return fail('INTERNAL', 'Internal error');
}
