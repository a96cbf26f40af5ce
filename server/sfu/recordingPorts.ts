import { createSocket, type Socket } from 'node:dgram';
import fs from 'node:fs/promises';

// The UDP ports a recording's ffmpeg listens on (recording.ts): found free, then watched until
// ffmpeg has bound them all, so that no media is sent to ports nobody reads yet.

/**
 * `count` pairs of UDP ports free on 127.0.0.1 now (an even RTP port, RTCP on the next), for
 * ffmpeg to listen on a moment later: ffmpeg binds both of a stream's ports whatever the SDP
 * says, so no stream's RTCP port may be another's RTP port. Every socket is held until all pairs
 * are found, so no two pairs are the same.
 */
export async function freePortPairs(count: number): Promise<number[]> {
  const held: Socket[] = [];
  const bind = (port: number) =>
    new Promise<Socket | null>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(null));
      socket.bind(port, '127.0.0.1', () => resolve(socket));
    });
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const first = await bind(0);
      if (!first) continue;
      held.push(first);
      const port = first.address().port;
      if (port % 2 !== 0 || port >= 65_535) continue;
      const second = await bind(port + 1);
      if (!second) continue;
      held.push(second);
      ports.push(port);
    }
  } finally {
    await Promise.all(held.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
  return ports;
}

/**
 * Whether something listens on every one of `ports` (ffmpeg, which reads the SDP before it binds
 * them): true once they all are, false if `gaveUp` resolves first. The consumers resume only then,
 * so the sound sent while ffmpeg starts (a second or more on a busy hub) is not sent to closed
 * ports. Read from /proc/net/udp, without binding anything that ffmpeg could find taken; where
 * that file does not exist, true at once.
 */
export async function portsListening(ports: readonly number[], gaveUp: Promise<unknown>): Promise<boolean> {
  let over = false;
  void gaveUp.then(() => (over = true));
  // ffmpeg binds the wildcard address (0.0.0.0), not the SDP's: a port is matched on any address.
  const wanted = ports.map((p) => `:${p.toString(16).toUpperCase().padStart(4, '0')}`);
  for (;;) {
    const table = await fs.readFile('/proc/net/udp', 'utf8').catch(() => null);
    if (table === null) return true;
    const bound = new Set(
      table.split('\n').map((line) =>
        line
          .trim()
          .split(/\s+/)[1]
          ?.replace(/^[0-9A-F]+/, ''),
      ),
    );
    if (wanted.every((w) => bound.has(w))) return true;
    if (over) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
