import { backoffDelayMs, type BackoffPolicy } from './backoff.js';
import { globalTimers, type Timers } from './timers.js';

// A client socket that comes back by itself, written once for every client that keeps one open
// (the kiosk bridge in the renderer, the agent's signalling link to the hub, the mediator desk).
// It tries again after each failure or drop with backoff, starting over once a connection opens,
// until it is closed for good. Events of a connection it has replaced are ignored. No I/O: the
// adapter's `connect` opens the real socket (browser WebSocket, Node `ws`) and reports to it.

/** One open (or opening) connection, as the adapter wraps it. */
export interface SocketConnection {
  readonly isOpen: boolean;
  send(data: string): void;
  close(code?: number): void;
}

/** What the adapter reports about the connection it opened. */
export interface SocketEvents {
  opened(): void;
  /** Text frames only. */
  message(data: string): void;
  closed(code: number): void;
}

export interface SocketClose {
  /** Whether this connection had opened (false: the attempt failed). */
  opened: boolean;
  /** The close code; null when no connection could even be made. */
  code: number | null;
}

export type AfterClose = 'retry' | 'stop';

export interface ReconnectingSocketOptions {
  /** Opens one connection reporting to `events`. Null: nothing to connect with yet (tried again later). Throwing is a failed attempt. */
  connect(events: SocketEvents): SocketConnection | null;
  backoff: BackoffPolicy;
  random?: () => number;
  timers?: Timers;
  onOpen?(): void;
  onMessage?(data: string): void;
  /** After every connection and every failed attempt. 'stop' (or a promise of it) ends it for good; default: retry. */
  onClose?(close: SocketClose): void | AfterClose | Promise<AfterClose>;
}

export class ReconnectingSocket {
  private readonly timers: Timers;
  private connection: SocketConnection | null = null;
  private opened = false;
  private state: 'idle' | 'running' | 'closed' = 'idle';
  /** Failures since the last open: the backoff's attempt count. */
  private failures = 0;
  private retryTimer: unknown = null;
  /** Bumped per connection, so a replaced connection's late events are recognised. */
  private generation = 0;

  constructor(private readonly options: ReconnectingSocketOptions) {
    this.timers = options.timers ?? globalTimers;
  }

  get isOpen(): boolean {
    return this.opened && this.connection?.isOpen === true;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.connect();
  }

  /** Sends on the open connection; false when there is none (the caller holds or drops the frame). */
  send(data: string): boolean {
    if (!this.isOpen) return false;
    this.connection!.send(data);
    return true;
  }

  /** Someone is waiting for the line: if a retry is waiting out its backoff, try now instead. */
  reconnectNow(): void {
    if (this.state !== 'running' || this.retryTimer === null) return;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  /** For good: closes the connection and never tries again. */
  close(code?: number): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.generation++;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const connection = this.connection;
    this.connection = null;
    this.opened = false;
    try {
      connection?.close(code);
    } catch {
      // already closing
    }
  }

  private connect(): void {
    if (this.state !== 'running') return;
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.state === 'running';
    let connection: SocketConnection | null;
    try {
      connection = this.options.connect({
        opened: () => {
          if (!current()) return;
          this.opened = true;
          this.failures = 0;
          this.options.onOpen?.();
        },
        message: (data) => {
          if (current()) this.options.onMessage?.(data);
        },
        closed: (code) => {
          if (current()) this.ended(code);
        },
      });
    } catch {
      connection = null;
    }
    if (!current()) return; // closed (or replaced) from inside connect
    if (connection) this.connection = connection;
    else this.ended(null);
  }

  private ended(code: number | null): void {
    const close: SocketClose = { opened: this.opened, code };
    this.generation++;
    this.connection = null;
    this.opened = false;
    const decision = this.options.onClose?.(close);
    if (decision instanceof Promise) {
      decision.then(
        (d) => this.after(d),
        () => this.after('retry'),
      );
    } else this.after(decision ?? 'retry');
  }

  private after(decision: AfterClose): void {
    if (this.state !== 'running') return;
    if (decision === 'stop') return this.close();
    if (this.retryTimer !== null) return;
    const delay = backoffDelayMs(this.failures++, this.options.backoff, this.options.random);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }
}
