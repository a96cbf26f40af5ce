import type { PendingRecordPrompt, RecordAnswer, RecordUnlockAnswer, RecordUnlockRefusal, RecordUnlockRequest } from '../../../shared/rooms/hearingRecord.js';
import { RequestReply, type RequestFailure } from '../../../shared/requestReply.js';
import { KioskFailure } from '../../../shared/result.js';
import type { HubToKioskFrame, KioskFrame } from '../../../shared/signalling.js';

// The hearing record's side of the kiosk's signalling link: the resident's signature (or refusal)
// of a record, in the call or pending from an ended one, and unlocking a pending record by the
// party's name + ID ending. CallLink owns the socket and hands this the frames it answers.

type RecordReply = Extract<HubToKioskFrame, { t: 'room.done' | 'error' }>;
type UnlockReply = Extract<HubToKioskFrame, { t: 'room.record' | 'error' }>;
/** Unlocking a pending record's refs start here, below the record answers'. */
const UNLOCK_REF_BASE = 2 ** 28;
/** The record's answers' refs start here, far above any call request's. */
const RECORD_REF_BASE = 2 ** 29;
/** Where this module's refs end: CallLink's SFU steps count from here. */
export const RECORD_REFS_END = 2 ** 30;

export interface PendingRecordOptions {
  /** Sends one frame now if the socket is up; false if it is not. */
  sendNow(frame: KioskFrame): boolean;
  /** Throws NOT_FOUND unless `callId` is the kiosk's current call. */
  requireCall(callId: string): void;
  /** A record to sign from a hearing whose call this kiosk is no longer in. */
  pendingRecord(record: PendingRecordPrompt): void;
  timeoutMs: number;
}

export class PendingRecords {
  /** Signatures of the record by `ref - RECORD_REF_BASE`, answered by `room.done` or `error`. */
  private readonly recordAnswers: RequestReply<RecordAnswer, RecordReply>;
  /** A pending record's name + ID ending by `ref - UNLOCK_REF_BASE`, answered by `room.record` or `error`. */
  private readonly recordUnlocks: RequestReply<RecordUnlockRequest, UnlockReply>;
  /**
   * Records this terminal's party still has to sign from hearings whose call has ended, by call id:
   * the hub sends them after each hello and when a call ends, so they are kept for this connection
   * only (nothing to store here: the hub's round is the truth, and asks again after a restart).
   */
  private readonly pending = new Map<string, PendingRecordPrompt>();

  constructor(private readonly o: PendingRecordOptions) {
    this.recordAnswers = new RequestReply({
      send: (id, a) => {
        const ref = RECORD_REF_BASE + id;
        const frame: KioskFrame =
          a.answer === 'sign'
            ? { t: 'room.record.sign', ref, callId: a.callId, version: a.version, imagePngBase64: a.imagePngBase64 }
            : { t: 'room.record.refuse', ref, callId: a.callId, version: a.version };
        return o.sendNow(frame);
      },
      timeoutMs: o.timeoutMs,
      // A signature is worth waiting for a reconnect (the resident is standing there): held, not failed at once.
      holdMs: o.timeoutMs,
    });
    this.recordUnlocks = new RequestReply({
      send: (id, u) => o.sendNow({ t: 'room.record.unlock', ref: UNLOCK_REF_BASE + id, callId: u.callId, name: u.name, idLast4: u.idLast4 }),
      timeoutMs: o.timeoutMs,
    });
  }

  /**
   * The resident signs the hearing's record (or refuses it), in the call or for a record pending
   * from an ended one; resolves once the hub has stored the answer.
   */
  async answer(answer: RecordAnswer): Promise<void> {
    if (!this.pending.has(answer.callId)) this.o.requireCall(answer.callId);
    let reply: RecordReply;
    try {
      reply = await this.recordAnswers.request(answer);
    } catch (error) {
      throw new KioskFailure('UNAVAILABLE', (error as RequestFailure).message);
    }
    // Answered, or nothing is waiting any more (answered from another connection, or stored): not pending.
    if (reply.t === 'room.done' || reply.code === 'CONFLICT') this.pending.delete(answer.callId);
    if (reply.t === 'error') throw new KioskFailure(reply.code === 'CONFLICT' ? 'CONFLICT' : reply.code === 'INVALID_FRAME' ? 'INVALID_INPUT' : 'UNAVAILABLE', reply.message);
  }

  /**
   * The party at the kiosk gives their name + ID ending for a pending record: its text to read and
   * sign, or why not. The text is passed straight to the screen, never kept here.
   */
  async unlock(ask: RecordUnlockRequest): Promise<RecordUnlockAnswer> {
    if (!this.pending.has(ask.callId)) throw new KioskFailure('NOT_FOUND', 'No record is waiting');
    let reply: UnlockReply;
    try {
      reply = await this.recordUnlocks.request(ask);
    } catch (error) {
      throw new KioskFailure('UNAVAILABLE', (error as RequestFailure).message);
    }
    if (reply.t === 'room.record') return { unlocked: true, record: { callId: reply.callId, version: reply.version, text: reply.text } };
    if (reply.code === 'NOT_FOUND') this.pending.delete(ask.callId);
    const reasons: Partial<Record<typeof reply.code, RecordUnlockRefusal>> = { FORBIDDEN: 'badIdentity', RATE_LIMITED: 'tooMany', CONFLICT: 'notHeld', NOT_FOUND: 'gone' };
    const reason = reasons[reply.code];
    if (!reason) throw new KioskFailure('UNAVAILABLE', reply.message);
    return reason === 'tooMany' && reply.retryAfterS ? { unlocked: false, reason, retryAfterS: reply.retryAfterS } : { unlocked: false, reason };
  }

  /** The oldest record still to sign from an ended call (what the prompt needs, no text), or null. */
  oldest(): PendingRecordPrompt | null {
    return this.pending.values().next().value ?? null;
  }

  /** The hub's hello: it sends the records still waiting for this terminal right after it. */
  helloed(): void {
    this.pending.clear();
  }

  /** The hello's frames are through: signatures held over the reconnect go now. */
  flush(): void {
    this.recordAnswers.flush();
  }

  dropSent(reason: string): void {
    this.recordAnswers.dropSent(reason);
    this.recordUnlocks.dropSent(reason);
  }

  /** Takes the hub's frame if it answers or concerns a record here; false if it is not ours. */
  take(frame: HubToKioskFrame): boolean {
    switch (frame.t) {
      case 'error':
        if (frame.ref === undefined || frame.ref < UNLOCK_REF_BASE || frame.ref >= RECORD_REFS_END) return false;
        if (frame.ref >= RECORD_REF_BASE) this.recordAnswers.reply(frame.ref - RECORD_REF_BASE, frame);
        else this.recordUnlocks.reply(frame.ref - UNLOCK_REF_BASE, frame);
        return true;
      case 'room.done':
        if (frame.ref >= RECORD_REF_BASE && frame.ref < RECORD_REFS_END) this.recordAnswers.reply(frame.ref - RECORD_REF_BASE, frame);
        return true;
      case 'room.record':
        if (frame.ref === undefined || frame.ref < UNLOCK_REF_BASE || frame.ref >= RECORD_REF_BASE) return false;
        this.recordUnlocks.reply(frame.ref - UNLOCK_REF_BASE, frame);
        return true;
      case 'room.record.pending': {
        // Only ever sent for a round naming this terminal's party; the call it came from is over.
        const record = { callId: frame.callId, version: frame.version };
        this.pending.set(frame.callId, record);
        this.o.pendingRecord(record);
        return true;
      }
      default:
        return false;
    }
  }
}
