import { createSocket, type Socket } from 'node:dgram';
import fs from 'node:fs/promises';

// The UDP ports a recording's ffmpeg listens on (recording.ts): found free, then watched until
// ffmpeg has bound them all, so that no media is sent to ports nobody reads yet (their end:
// recordingInputEnd.ts).

/**
 * Where ffmpeg's ports are chosen: below the kernel's ephemeral range (32768–60999 by default),
 * from which every `bind(0)` and every outgoing UDP socket of the machine is served, and below the
 * SFU's own (options.ts: 40000–49999). A port found free there was handed out again, before
 * ffmpeg could bind it, often enough on a busy hub that ffmpeg failed to open its input ("ffmpeg
 * stopped before it listened": session 18's whole runs). Here only another recording's choice can
 * take it, and each picks at random among 5,000 pairs.
 */
export const RECORDING_PORTS = { min: 20_000, max: 29_999 } as const;

/**
 * `count` pairs of UDP ports free now (an even RTP port, RTCP on the next) in RECORDING_PORTS, for
 * ffmpeg to listen on a moment later: ffmpeg binds both of a stream's ports whatever the SDP
 * says, so no stream's RTCP port may be another's RTP port. Each is tried as ffmpeg binds it, on
 * the wildcard address, so a port held on any one address is not taken for free. Every socket is
 * held until all pairs are found, so no two pairs are the same.
 */
export async function freePortPairs(count: number, random: () => number = Math.random): Promise<number[]> {
  const held: Socket[] = [];
  const bind = (port: number) =>
    new Promise<Socket | null>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(null));
      socket.bind(port, '0.0.0.0', () => resolve(socket));
    });
  const pairs = Math.floor((RECORDING_PORTS.max - RECORDING_PORTS.min + 1) / 2);
  const ports: number[] = [];
  try {
    // Every pair of the range at most once, from a random one on: a busy range is walked, not retried.
    const first = Math.floor(random() * pairs);
    for (let i = 0; i < pairs && ports.length < count; i++) {
      const port = RECORDING_PORTS.min + 2 * ((first + i) % pairs);
      const rtp = await bind(port);
      if (!rtp) continue;
      held.push(rtp);
      const rtcp = await bind(port + 1);
      if (!rtcp) continue;
      held.push(rtcp);
      ports.push(port);
    }
  } finally {
    await Promise.all(held.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
  if (ports.length < count) throw new Error(`no ${count} free UDP port pairs in ${RECORDING_PORTS.min}–${RECORDING_PORTS.max} for the recording`);
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
