import { parseJsonFrame } from '../../../shared/jsonFrame.js';
import { RequestFailure, RequestReply } from '../../../shared/requestReply.js';
import type { SfuReplyFrame, SfuRequest } from '../../../shared/sfu.js';
import { HubToGuestFrame, signallingPaths, type GuestFrame } from '../../../shared/signalling.js';

// The join page's line to the hub: the guest socket its pass opens. Frames without an answer go
// out as they are; SFU steps are numbered and matched to the hub's `sfu.reply` or `error` (the
// shared RequestReply), as on the desk's line. It does not reconnect: a guest whose line drops
// enters again with a new code, and the room keeps their place for its grace period meanwhile.

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type GuestReply = Extract<HubToGuestFrame, { t: 'sfu.reply' | 'error' }>;

/** The hub answers a step at once; this bounds one lost with a dying connection. */
const REPLY_TIMEOUT_MS = 15_000;

export interface GuestLine {
  send(
    frame: Extract<GuestFrame, { t: 'call.rejoin' | 'room.act' | 'room.media' | 'room.recording' | 'room.share' | 'room.record.sign' | 'room.record.refuse' | 'room.record.save' | 'signal' }>,
  ): void;
  /** One SFU step (shared/sfu.ts); rejects when the hub refuses it or the line is down. */
  sfu(step: SfuRequest): Promise<SfuReplyFrame>;
  close(): void;
}

export function openGuestLine(pass: string, handlers: { onFrame(frame: HubToGuestFrame): void; onClose(): void }): GuestLine {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${signallingPaths.guest}?pass=${encodeURIComponent(pass)}`);
  const open = () => ws.readyState === WebSocket.OPEN;
  const requests = new RequestReply<DistributiveOmit<SfuRequest, 'ref'>, GuestReply>({
    send: (ref, request) => {
      if (!open()) return false;
      ws.send(JSON.stringify({ ...request, ref }));
      return true;
    },
    timeoutMs: REPLY_TIMEOUT_MS,
    // A step asked before the socket opened waits for it (the room frame can only come after).
    holdMs: REPLY_TIMEOUT_MS,
  });
  ws.onopen = () => requests.flush();
  ws.onmessage = (event) => {
    const frame = parseJsonFrame(HubToGuestFrame, String(event.data));
    if (!frame) return;
    if ((frame.t === 'sfu.reply' || frame.t === 'error') && frame.ref !== undefined && requests.reply(frame.ref, frame)) return;
    handlers.onFrame(frame);
  };
  ws.onclose = () => {
    requests.close('The line to the hub closed');
    handlers.onClose();
  };
  return {
    send(frame) {
      if (open()) ws.send(JSON.stringify(frame));
    },
    async sfu({ ref: _ref, ...step }) {
      const reply = await requests.request(step);
      if (reply.t !== 'sfu.reply') throw new RequestFailure('dropped', reply.message);
      return reply;
    },
    close() {
      requests.close('The join page closed');
      ws.close(1000);
    },
  };
}
