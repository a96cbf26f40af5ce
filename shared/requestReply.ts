import { globalTimers, type Timers } from './timers.js';

// Requests and their replies over any message line, written once (as VS Code's ChannelClient is
// for all of its transports): the kiosk bridge's WebSocket, the Electron supervisor's port to
// the agent, the agent's host requests, the call link and the mediator desk. Each transport is a
// small adapter that puts frames on its wire and feeds replies back by id.
//
// Every request ends: with its reply, or a RequestFailure when it could not be sent in time, was
// not answered in time, or its line went away. Ids are never reused, so a late reply to a request
// that gave up is recognised and ignored. No I/O here: the adapter's `send` and `timers` are all.

export type RequestFailureReason =
  /** It never went out: the line stayed down for the hold time, or sending it threw (see `cause`). */
  | 'unsent'
  /** It went out and no reply came within the timeout. */
  | 'unanswered'
  /** The adapter dropped it: the line it went out on closed (its reply can no longer come), or the caller gave up. */
  | 'dropped'
  /** The engine was closed for good. */
  | 'closed';

export class RequestFailure extends Error {
  constructor(
    readonly reason: RequestFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RequestFailure';
  }
}

export interface RequestReplyOptions<Request> {
  /** Puts request `id` on the wire. False: the line is down right now, so hold it (see `holdMs`). Throws: it cannot be sent. */
  send(id: number, request: Request): boolean;
  /** How long a sent request waits for its reply. */
  timeoutMs: number;
  /** How long a request may wait for the line before it fails 'unsent': 0 (default) fails at once, Infinity waits until flushed or closed. */
  holdMs?: number;
  timers?: Timers;
}

interface Entry<Request, Reply> {
  id: number;
  request: Request;
  timeoutMs: number;
  resolve(reply: Reply): void;
  reject(failure: RequestFailure): void;
  holdTimer: unknown;
  replyTimer: unknown;
  settled: boolean;
}

export class RequestReply<Request, Reply> {
  private readonly timers: Timers;
  private nextId = 1;
  private closed: string | null = null;
  /** Waiting for the line, oldest first. */
  private readonly held: Array<Entry<Request, Reply>> = [];
  /** On the wire, waiting for their replies. */
  private readonly sent = new Map<number, Entry<Request, Reply>>();

  constructor(private readonly options: RequestReplyOptions<Request>) {
    this.timers = options.timers ?? globalTimers;
  }

  /** Requests waiting for the line or for a reply. */
  get outstanding(): number {
    return this.held.length + this.sent.size;
  }

  request(request: Request, limits: { timeoutMs?: number; holdMs?: number } = {}): Promise<Reply> {
    if (this.closed !== null) return Promise.reject(new RequestFailure('closed', this.closed));
    return new Promise<Reply>((resolve, reject) => {
      const entry: Entry<Request, Reply> = {
        id: this.nextId++,
        request,
        timeoutMs: limits.timeoutMs ?? this.options.timeoutMs,
        resolve,
        reject,
        holdTimer: null,
        replyTimer: null,
        settled: false,
      };
      // Behind requests already waiting, so the line carries them in the order they were made.
      if (this.held.length === 0 && this.transmit(entry) !== 'down') return;
      const holdMs = limits.holdMs ?? this.options.holdMs ?? 0;
      if (holdMs <= 0) return this.fail(entry, 'unsent', 'The line is down');
      this.held.push(entry);
      if (Number.isFinite(holdMs)) {
        entry.holdTimer = this.timers.setTimeout(() => {
          const index = this.held.indexOf(entry);
          if (index !== -1) this.held.splice(index, 1);
          this.fail(entry, 'unsent', 'The line did not come up in time');
        }, holdMs);
      }
    });
  }

  /** A reply came in for request `id`. False when none is waiting (a late or unknown reply: ignore it). */
  reply(id: number, reply: Reply): boolean {
    const entry = this.sent.get(id);
    if (!entry) return false;
    this.sent.delete(id);
    this.settle(entry);
    entry.resolve(reply);
    return true;
  }

  /** The line is up: sends the held requests, oldest first, until it refuses one. */
  flush(): void {
    while (this.held.length > 0) {
      const entry = this.held.shift()!;
      if (this.transmit(entry) === 'down') {
        this.held.unshift(entry); // still down: it keeps waiting, its hold timer still running
        return;
      }
    }
  }

  /** The line the sent requests went out on is gone: they fail now. Held requests keep waiting. */
  dropSent(message: string): void {
    for (const entry of [...this.sent.values()]) this.fail(entry, 'dropped', message);
  }

  /** Requests still waiting for the line fail now. */
  dropHeld(message: string): void {
    for (const entry of this.held.splice(0)) this.fail(entry, 'dropped', message);
  }

  /** For good: everything outstanding fails, and so does every later request. */
  close(message: string): void {
    if (this.closed !== null) return;
    this.closed = message;
    for (const entry of this.held.splice(0)) this.fail(entry, 'closed', message);
    for (const entry of [...this.sent.values()]) this.fail(entry, 'closed', message);
  }

  /** 'down' when the line refused it (nothing changed); 'gone' when it left, or failed trying. */
  private transmit(entry: Entry<Request, Reply>): 'gone' | 'down' {
    // Registered before sending: a reply may arrive while `send` is still on the stack.
    this.sent.set(entry.id, entry);
    entry.replyTimer = this.timers.setTimeout(() => this.fail(entry, 'unanswered', 'No reply in time'), entry.timeoutMs);
    let accepted: boolean;
    try {
      accepted = this.options.send(entry.id, entry.request);
    } catch (error) {
      this.fail(entry, 'unsent', 'The request could not be sent', error);
      return 'gone';
    }
    if (accepted || entry.settled) {
      if (!entry.settled) this.timers.clearTimeout(entry.holdTimer);
      return 'gone';
    }
    this.sent.delete(entry.id);
    this.timers.clearTimeout(entry.replyTimer);
    entry.replyTimer = null;
    return 'down';
  }

  private fail(entry: Entry<Request, Reply>, reason: RequestFailureReason, message: string, cause?: unknown): void {
    if (entry.settled) return;
    this.sent.delete(entry.id);
    this.settle(entry);
    entry.reject(new RequestFailure(reason, message, cause === undefined ? undefined : { cause }));
  }

  private settle(entry: Entry<Request, Reply>): void {
    entry.settled = true;
    this.timers.clearTimeout(entry.holdTimer);
    this.timers.clearTimeout(entry.replyTimer);
  }
}
