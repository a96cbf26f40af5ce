import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { freePortPairs, RECORDING_PORTS } from '../../server/sfu/recordingPorts.js';

// The UDP ports a recording's ffmpeg will listen on (server/sfu/recordingPorts.ts): chosen outside
// the kernel's ephemeral range and the SFU's, and tried as ffmpeg binds them (the wildcard address).

const sockets: Socket[] = [];
const hold = (port: number, address: string) =>
  new Promise<void>((resolve, reject) => {
    const socket = createSocket('udp4');
    sockets.push(socket);
    socket.once('error', reject);
    socket.bind(port, address, () => resolve());
  });
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});
/** A random() that starts the walk at `port`'s pair. */
const startingAt = (port: number) => () => (port - RECORDING_PORTS.min) / 2 / ((RECORDING_PORTS.max - RECORDING_PORTS.min + 1) / 2);

describe("a recording's ffmpeg ports", () => {
  it('are even RTP ports with RTCP beside them, distinct, inside the range below the ephemeral ports and the SFU’s', async () => {
    const ports = await freePortPairs(6);
    expect(new Set(ports).size).toBe(6);
    for (const port of ports) {
      expect(port % 2).toBe(0);
      expect(port).toBeGreaterThanOrEqual(RECORDING_PORTS.min);
      expect(port + 1).toBeLessThanOrEqual(RECORDING_PORTS.max);
    }
    expect(RECORDING_PORTS.max).toBeLessThan(32_768); // Linux's default ephemeral range begins there
    expect(RECORDING_PORTS.max).toBeLessThan(40_000); // the SFU's rtcMinPort (server/sfu/options.ts)
    // free as ffmpeg binds them: on the wildcard address, both of each pair
    for (const port of ports) {
      await hold(port, '0.0.0.0');
      await hold(port + 1, '0.0.0.0');
    }
  });

  it('passes over a port another socket holds on one address only, or its RTCP port, as ffmpeg would find them taken', async () => {
    const taken = RECORDING_PORTS.min + 2 * 1234;
    // bound on another address than the one a probe of 127.0.0.1 tries: ffmpeg's 0.0.0.0 would fail on it
    await hold(taken, '127.0.0.2');
    await hold(taken + 3, '127.0.0.2'); // the next pair's RTCP port
    const [port] = await freePortPairs(1, startingAt(taken));
    expect(port).toBe(taken + 4);
  });

  it('walks on from the last pair of the range to the first', async () => {
    const last = RECORDING_PORTS.max - 1;
    await hold(last, '0.0.0.0');
    const [port] = await freePortPairs(1, startingAt(last));
    expect(port).toBe(RECORDING_PORTS.min);
  });
});
