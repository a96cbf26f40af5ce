import { createSocket, type Socket } from 'node:dgram';
import fs from 'node:fs/promises';

// The UDP ports a recording's ffmpeg listens on (recording.ts): found free, then watched until
// ffmpeg has bound them all, so that no media is sent to ports nobody reads yet (their end:
// recordingInputEnd.ts).

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
