import { createSocket } from 'node:dgram';
import fs from 'node:fs/promises';
import type { types } from 'mediasoup';

// How a stopped segment's ffmpeg input ends (recording.ts, RoomRecorder.stop): the media stops,
// ffmpeg reads what its sockets hold, then one RTCP BYE per RTP port ends its SDP input.

/**
 * After ffmpeg has read its sockets empty, how long the BYE waits: ffmpeg's reorder queue passes on
 * what it holds behind a lost packet after max_delay (0.1 s, SDP input) at its next 0.1 s poll.
 */
const BYE_AFTER_READ_MS = 300;

/** What of a running segment its input's end needs. */
export interface RtpInput {
  legs: ReadonlyArray<{ consumer: types.Consumer; port: number }>;
  /** Resolves once ffmpeg has exited. */
  exited: Promise<unknown>;
  /** ffmpeg has not exited (checked before each BYE). */
  running(): boolean;
  closeLegs(): void;
}

/**
 * Ends ffmpeg's RTP input once it has read and passed on every packet sent to it. Left alone, it
 * ends 10 s after its last packet (READ_PACKET_TIMEOUT_S, libavformat/rtsp.c), each stop waiting
 * that long; ffmpeg's SDP demuxer ends it at once when every stream has said BYE (rtsp.c,
 * nb_byes) — and throws away what its reorder queue still holds: after a lost packet, the
 * packets behind the gap wait there up to max_delay (0.1 s), and a BYE read meanwhile is counted
 * (it is skipped only when the next packet in order is already queued), so a BYE sent at once
 * lost the sound after the last gap (on a starved hub, everything read after it). So the
 * consumers pause (awaited: the worker forwards nothing after its answer), the legs close, and
 * the BYE waits until ffmpeg has read every port's socket queue empty (/proc/net/udp), then
 * max_delay and ffmpeg's 0.1 s poll with margin (BYE_AFTER_READ_MS), for the reorder queue to
 * pass its packets on. The stop's deadline bounds the wait (a frozen ffmpeg is interrupted, then
 * killed). Not strictly sure: an ffmpeg descheduled for longer than that margin with a packet
 * held reads the BYE first.
 */
export async function endRtpInput(input: RtpInput): Promise<void> {
  const open = input.legs.filter((l) => !l.consumer.closed);
  await Promise.all(open.map((l) => l.consumer.pause().catch(() => undefined)));
  input.closeLegs();
  const ports = input.legs.map((l) => l.port);
  if (!(await portsDrained(ports, input.exited))) return;
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([new Promise((resolve) => (waited = setTimeout(resolve, BYE_AFTER_READ_MS))), input.exited]);
  clearTimeout(waited);
  await sayBye(ports, () => input.running()).catch(() => {
    // no BYE sent: the input ends at its timeout
  });
}

/**
 * Whether ffmpeg has read every packet queued at each of `ports` (their rx_queue in /proc/net/udp
 * is 0; a port no longer bound counts as read): true once it has, false if `gaveUp` resolves
 * first. Where that file does not exist, true at once.
 */
export async function portsDrained(ports: readonly number[], gaveUp: Promise<unknown>): Promise<boolean> {
  let over = false;
  void gaveUp.then(() => (over = true));
  const wanted = new Set(ports.map((p) => p.toString(16).toUpperCase().padStart(4, '0')));
  for (;;) {
    if (over) return false;
    const table = await fs.readFile('/proc/net/udp', 'utf8').catch(() => null);
    if (table === null) return true;
    // "sl local_address rem_address st tx_queue:rx_queue …", the address as HEXIP:HEXPORT
    const unread = table.split('\n').some((line) => {
      const fields = line.trim().split(/\s+/);
      const port = fields[1]?.split(':')[1];
      return port !== undefined && wanted.has(port) && Number.parseInt(fields[4]?.split(':')[1] ?? '0', 16) > 0;
    });
    if (!unread) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * An RTCP BYE (RFC 3550 6.6) of 12 bytes, ffmpeg's minimum: its RTP parser drops anything shorter
 * (libavformat/rtpdec.c). Its SSRCs are 0: ffmpeg checks none.
 */
const RTCP_BYE = Buffer.from([0x82, 203, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);

/**
 * Says BYE once to each of `ports` on 127.0.0.1 (ffmpeg's RTP ports), each sent only while
 * `reading()` still holds (checked just before the send: a port ffmpeg has let go of may be
 * another recorder's by now, and a stray BYE could end its input).
 */
export async function sayBye(ports: readonly number[], reading: () => boolean): Promise<void> {
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    for (const port of ports) {
      if (!reading()) return;
      await new Promise<void>((resolve, reject) => socket.send(RTCP_BYE, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
