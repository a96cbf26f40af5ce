import { z } from 'zod';
import { CallId, PeerId } from './call.js';

// The SFU's steps on the hub's signalling socket (frames `sfu.*`), the same for the kiosk (through
// its agent) and the mediator desk. A client asks, the hub answers with the same `ref`: the
// router's capabilities, a WebRTC transport per direction, connect, produce, consume,
// pause/resume, close, and the size a remote video is shown at (which picks its simulcast layer).
// The hub pushes what others produce, what closes, and who is speaking.
//
// mediasoup's own objects (RTP capabilities and parameters, ICE and DTLS parameters) cross as
// bounded JSON checked here for shape; mediasoup checks their meaning and a refusal is answered
// as an error frame.

const Id = z.string().min(1).max(64);
const Ref = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31);

/** A mediasoup object we pass through: an object, bounded by the frame size limit. */
const MediaObject = z.looseObject({});
const MediaList = z.array(MediaObject).max(64);

export const RtpCapabilities = z.looseObject({ codecs: MediaList.optional(), headerExtensions: MediaList.optional() });
export type RtpCapabilities = z.infer<typeof RtpCapabilities>;
export const RtpParameters = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: MediaList,
  headerExtensions: MediaList.optional(),
  encodings: z.array(MediaObject).max(4).optional(),
  rtcp: MediaObject.optional(),
});
export type RtpParameters = z.infer<typeof RtpParameters>;
export const DtlsParameters = z.strictObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.strictObject({ algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']), value: z.string().max(200) }))
    .min(1)
    .max(8),
});
export type DtlsParameters = z.infer<typeof DtlsParameters>;

export const MediaKind = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof MediaKind>;
export const TransportDirection = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof TransportDirection>;

/** Largest tile a client reports; beyond it the top layer is chosen anyway. */
const Pixels = z.number().int().min(0).max(8_192);

const step = <T extends string, S extends z.ZodRawShape>(t: T, shape: S) => z.strictObject({ t: z.literal(t), ref: Ref, callId: CallId, ...shape });

/** Client → hub. Every one is answered by `sfu.reply` or `error` with its `ref`. */
export const SfuRequestFrames = [
  step('sfu.capabilities', {}),
  step('sfu.transport.create', { direction: TransportDirection }),
  step('sfu.transport.connect', { transportId: Id, dtlsParameters: DtlsParameters }),
  /** New ICE credentials for a transport whose path broke (answered with `iceParameters`). */
  step('sfu.transport.restartIce', { transportId: Id }),
  step('sfu.produce', { transportId: Id, kind: MediaKind, rtpParameters: RtpParameters }),
  step('sfu.consume', { transportId: Id, producerId: Id, rtpCapabilities: RtpCapabilities }),
  step('sfu.pause', { what: z.enum(['producer', 'consumer']), id: Id }),
  step('sfu.resume', { what: z.enum(['producer', 'consumer']), id: Id }),
  step('sfu.close', { what: z.enum(['producer', 'consumer', 'transport']), id: Id }),
  step('sfu.tile', { consumerId: Id, width: Pixels, height: Pixels }),
] as const;
export const SfuRequest = z.discriminatedUnion('t', SfuRequestFrames);
export type SfuRequest = z.infer<typeof SfuRequest>;
export type SfuRequestType = SfuRequest['t'];

export const TransportInfo = z.strictObject({
  id: Id,
  iceParameters: MediaObject,
  iceCandidates: MediaList,
  dtlsParameters: MediaObject,
});
export type TransportInfo = z.infer<typeof TransportInfo>;

export const ConsumerInfo = z.strictObject({
  id: Id,
  producerId: Id,
  peerId: PeerId,
  kind: MediaKind,
  rtpParameters: RtpParameters,
  /** Its owner has paused what it consumes (for video: their camera is off). */
  producerPaused: z.boolean(),
});
export type ConsumerInfo = z.infer<typeof ConsumerInfo>;

/** The hub's answer to a request: what the step returns (absent for steps that return nothing). */
export const SfuReplyFrame = z.strictObject({
  t: z.literal('sfu.reply'),
  ref: Ref,
  rtpCapabilities: RtpCapabilities.optional(),
  transport: TransportInfo.optional(),
  iceParameters: MediaObject.optional(),
  producerId: Id.optional(),
  consumer: ConsumerInfo.optional(),
});
export type SfuReplyFrame = z.infer<typeof SfuReplyFrame>;

/** Hub → client, unasked. */
export const SfuPushFrames = [
  /** Someone in the room (re)started sending: consume it. Repeated for each producer on joining. */
  z.strictObject({ t: z.literal('sfu.producer'), callId: CallId, peerId: PeerId, producerId: Id, kind: MediaKind }),
  /** A consumer of yours ended because its producer or its transport did. */
  z.strictObject({ t: z.literal('sfu.consumer.closed'), callId: CallId, consumerId: Id }),
  /**
   * The owner paused (or resumed) the video producer behind a consumer of yours: their camera is
   * off (or on again). Told apart from a stall, which nobody announces (shared/rooms/mediaStall.ts).
   */
  z.strictObject({ t: z.literal('sfu.camera'), callId: CallId, consumerId: Id, off: z.boolean() }),
  /** The loudest participant now, or null when the room is quiet. */
  z.strictObject({ t: z.literal('sfu.speaker'), callId: CallId, peerId: PeerId.nullable() }),
] as const;
export const SfuPushFrame = z.discriminatedUnion('t', SfuPushFrames);
export type SfuPushFrame = z.infer<typeof SfuPushFrame>;
const sfuPushTypes: ReadonlySet<string> = new Set(SfuPushFrames.map((f) => f.shape.t.value));
/** A frame the hub's SFU pushes unasked, for whoever holds the call's SfuLink. */
export const isSfuPush = <F extends { t: string }>(frame: F): frame is Extract<F, SfuPushFrame> => sfuPushTypes.has(frame.t);

export type SfuOutbound = SfuReplyFrame | SfuPushFrame;

// ---------- simulcast: the layers a camera sends, and which one a tile needs ----------

/** The three simulcast layers a client sends, smallest first (mediasoup's spatial layer 0, 1, 2). */
export const simulcastEncodings = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
] as const;

/** The tile heights (CSS pixels) up to which layer 0 and layer 1 look sharp; above, layer 2. */
export const layerTileHeights = [200, 400] as const;

/** The spatial layer a remote video needs at the size it is shown (0 × 0: not shown, the smallest). */
export function spatialLayerForTile(width: number, height: number): number {
  const shown = Math.max(height, Math.round((width * 9) / 16));
  if (shown <= layerTileHeights[0]) return 0;
  if (shown <= layerTileHeights[1]) return 1;
  return 2;
}
