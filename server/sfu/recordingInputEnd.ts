import { createSocket, type Socket } from 'node:dgram';
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
  /** Resolves when the stop's last deadline (SIGKILL) has come: the drain is not watched past it. */
  deadline: Promise<unknown>;
  /** ffmpeg has not exited (checked before each BYE). */
  running(): boolean;
  /**
   * Every port was seen bound once ffmpeg started (portsListening): while it runs it holds them,
   * so a port missing from a read of the tables is a torn read, read again (portsDrained).
   */
  listened: boolean;
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
 * the BYE waits until ffmpeg has read every port's socket queue empty (/proc/net/udp, udp6), then
 * max_delay and ffmpeg's 0.1 s poll with margin (BYE_AFTER_READ_MS), for the reorder queue to
 * pass its packets on. The stop's deadline bounds the wait (a frozen ffmpeg is interrupted, then
 * killed; the tables are polled until that SIGKILL at the latest, even if ffmpeg never exits). Not strictly sure: an ffmpeg descheduled for longer than that margin with a packet
 * held reads the BYE first.
 */
export async function endRtpInput(input: RtpInput): Promise<void> {
  const open = input.legs.filter((l) => !l.consumer.closed);
  await Promise.all(open.map((l) => l.consumer.pause().catch(() => undefined)));
  input.closeLegs();
  const ports = input.legs.map((l) => l.port);
  // A port in neither socket table (never seen bound) may still hold packets, or be another
  // process's by now: no BYE, the input ends at its own timeout (10 s) within the stop's deadline,
  // nothing lost. Ports seen bound stay ffmpeg's until it exits (which ends the wait).
  const read = await portsDrained(ports, Promise.race([input.exited, input.deadline]), { seenBound: input.listened });
  if (read.state !== 'drained') return;
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([new Promise((resolve) => (waited = setTimeout(resolve, BYE_AFTER_READ_MS))), input.exited]);
  clearTimeout(waited);
  await sayBye(ports, () => input.running(), read.ipv6).catch(() => {
    // no BYE sent: the input ends at its timeout
  });
}

/**
 * What the socket tables say of ffmpeg's ports (portsDrained); once drained, which of them are
 * bound only in the IPv6 table (their BYE goes over IPv6: 127.0.0.1 would not reach them).
 */
export type PortsRead = { state: 'drained'; ipv6: ReadonlySet<number> } | { state: 'unknown' | 'gave-up' };

/** The kernel's UDP socket tables: an IPv6 socket (ffmpeg given an IPv6 address binds `::`) is only in the second. */
const UDP_TABLES = ['/proc/net/udp', '/proc/net/udp6'];

/**
 * Whether ffmpeg has read every packet queued at each of `ports`, from the kernel's socket tables
 * (IPv4 and IPv6; a port is matched on any address, as ffmpeg binds the wildcard): `drained` once
 * every port is bound with its rx_queue 0; `unknown` at once when a port is bound in neither table
 * (ffmpeg let go of it, or it is not where we look: nothing says its packets were read) — unless
 * the caller saw every port bound by an ffmpeg still running (`seenBound`, its exit resolving
 * `gaveUp`): the kernel hands a table out a page (≈ 30 lines) per read, each resumed by its line
 * number, so a socket of anyone's closed between two reads shifts another line out of the text
 * (on a busy hub with hundreds of sockets, a few reads in a thousand); then a missing port is
 * read again. `gave-up` once `gaveUp` resolves first — the caller's bound, the stop's own
 * deadline: an ffmpeg that never reads (stuck in the kernel, D state, where even SIGKILL waits) is
 * not polled past it. Where neither table exists (no /proc), `drained` at once: there is nothing
 * to wait on.
 */
export async function portsDrained(ports: readonly number[], gaveUp: Promise<unknown>, { seenBound = false } = {}): Promise<PortsRead> {
  let over = false;
  void gaveUp.then(() => (over = true));
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const wanted = new Set(ports.map(hex));
  for (;;) {
    const tables = await Promise.all(UDP_TABLES.map((t) => fs.readFile(t, 'utf8').catch(() => null)));
    if (tables.every((t) => t === null)) return { state: 'drained', ipv6: new Set() };
    // "sl local_address rem_address st tx_queue:rx_queue …", the address as HEXIP:HEXPORT
    const queued = new Map<string, number>();
    const ipv4 = new Set<string>();
    tables.forEach((table, index) => {
      for (const line of (table ?? '').split('\n')) {
        const fields = line.trim().split(/\s+/);
        const port = fields[1]?.split(':')[1];
        if (port === undefined || !wanted.has(port)) continue;
        if (index === 0) ipv4.add(port);
        queued.set(port, (queued.get(port) ?? 0) + Number.parseInt(fields[4]?.split(':')[1] ?? '0', 16));
      }
    });
    if (queued.size < wanted.size && !seenBound) return { state: 'unknown' };
    if (queued.size === wanted.size && [...queued.values()].every((n) => n === 0)) return { state: 'drained', ipv6: new Set(ports.filter((p) => !ipv4.has(hex(p)))) };
    if (over) return { state: 'gave-up' };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * An RTCP BYE (RFC 3550 6.6) of 12 bytes, ffmpeg's minimum: its RTP parser drops anything shorter
 * (libavformat/rtpdec.c). Its SSRCs are 0: ffmpeg checks none.
 */
const RTCP_BYE = Buffer.from([0x82, 203, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);

/**
 * Says BYE once to each of `ports` (ffmpeg's RTP ports) on 127.0.0.1, or on ::1 for those in `ipv6`
 * (bound only in the IPv6 table: the recorder's SDP is IPv4 today, so none is), each sent only while
 * `reading()` still holds (checked just before the send: a port ffmpeg has let go of may be
 * another recorder's by now, and a stray BYE could end its input).
 */
export async function sayBye(ports: readonly number[], reading: () => boolean, ipv6: ReadonlySet<number> = new Set()): Promise<void> {
  const sockets = new Map<'udp4' | 'udp6', Socket>();
  try {
    for (const port of ports) {
      const family = ipv6.has(port) ? 'udp6' : 'udp4';
      const address = family === 'udp6' ? '::1' : '127.0.0.1';
      let socket = sockets.get(family);
      if (!socket) {
        const made = createSocket(family);
        sockets.set(family, made);
        await new Promise<void>((resolve, reject) => {
          made.once('error', reject);
          made.bind(0, address, () => resolve());
        });
        socket = made;
      }
      if (!reading()) return;
      await new Promise<void>((resolve, reject) => socket.send(RTCP_BYE, port, address, (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    await Promise.all([...sockets.values()].map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  }
}
