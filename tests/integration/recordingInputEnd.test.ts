import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import fs from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endRtpInput, portsDrained, sayBye } from '../../server/sfu/recordingInputEnd.js';
import { freePortPairs } from '../../server/sfu/recordingPorts.js';
import { waitFor } from '../support/hubHarness.js';
import { participant, routerOnWorker } from '../support/recordedRoom.js';

// How a segment's input ends (server/sfu/recordingInputEnd.ts): the BYE waits until ffmpeg has
// read its sockets empty, read from the kernel's socket tables. A socket only in /proc/net/udp6
// (ffmpeg given an IPv6 address) is watched too, and its BYE goes over IPv6; a port in neither
// table is unknown, never "drained" — unless it was seen bound, when a read that lacks it is torn
// and read again; and the wait stops at the stop's own deadline even if ffmpeg never exits (stuck
// in the kernel: a frozen ffmpeg, SIGSTOP, stands in, and is never killed while the wait runs).
// Real ffmpeg, real mediasoup; the test waits for what the tables say, never for a time. ffmpeg
// binds a port the kernel picks (port 0), found by its own socket's inode: a port found free
// beforehand could be taken meanwhile by another process's socket (a busy machine runs many), whose
// line the tables would then show while ffmpeg failed to bind — and that socket read the packets.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const later = (step: () => Promise<void> | void) => cleanup.push(step);

const hexPort = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;

/** The rx_queue of `port` in `table` (/proc/net/udp or udp6); null where it is not bound. */
async function rxQueue(table: string, port: number): Promise<number | null> {
  for (const line of (await fs.readFile(table, 'utf8')).split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[1]?.endsWith(hexPort(port))) return Number.parseInt(fields[4]!.split(':')[1]!, 16);
  }
  return null;
}

/**
 * The UDP port process `pid` has bound, as `table` (/proc/net/udp or udp6) shows its own socket
 * (matched by inode, the table's tenth field); null until it has.
 */
async function boundPort(pid: number, table: string): Promise<number | null> {
  const inodes = new Set<string>();
  for (const fd of await fs.readdir(`/proc/${pid}/fd`).catch(() => [])) {
    const socket = /^socket:\[(\d+)\]$/.exec(await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''));
    if (socket) inodes.add(socket[1]!);
  }
  for (const line of (await fs.readFile(table, 'utf8')).split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[9] !== undefined && inodes.has(fields[9])) return Number.parseInt(fields[1]!.split(':')[1]!, 16);
  }
  return null;
}

/** An ffmpeg reading raw bytes from `url` (every byte is valid input: it never exits on what it reads). */
function ffmpegReading(url: string): ChildProcess {
  const child = spawn('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-f', 's16le', '-ar', '8000', '-ac', '1', '-i', url, '-f', 'null', '-'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  later(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
    await exited;
  });
  return child;
}

const never = new Promise<never>(() => undefined);

describe('the end of a recorder’s RTP input', () => {
  it('waits for an IPv6 socket’s packets to be read (/proc/net/udp6), not only an IPv4 one’s', async () => {
    const ffmpeg = ffmpegReading('udp://[::1]:0');
    const port = await waitFor(() => boundPort(ffmpeg.pid!, '/proc/net/udp6'), 'ffmpeg bound on IPv6');
    expect(await rxQueue('/proc/net/udp', port)).toBeNull();
    ffmpeg.kill('SIGSTOP');
    const sender = createSocket('udp6');
    later(() => new Promise<void>((resolve) => sender.close(() => resolve())));
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve, reject) => sender.send(Buffer.alloc(200, i), port, '::1', (e) => (e ? reject(e) : resolve())));
    await waitFor(async () => ((await rxQueue('/proc/net/udp6', port)) ?? 0) > 0, 'packets queued, unread');
    // given up at once: the tables are read first, and they say the packets are unread
    expect(await portsDrained([port], Promise.resolve())).toEqual({ state: 'gave-up' });
    ffmpeg.kill('SIGCONT');
    // drained, and the port is IPv6's only: its BYE goes there
    expect(await portsDrained([port], never)).toEqual({ state: 'drained', ipv6: new Set([port]) });
  });

  it('says BYE over the address family whose table holds each port', async () => {
    const heard: string[] = [];
    // ports the kernel picks as each binds (none found free first, to be taken meanwhile); the
    // IPv6 one on `::`, which no IPv4 socket can share, so its port is in the IPv6 table only
    const ports: number[] = [];
    for (const [family, address] of [
      ['udp4', '127.0.0.1'],
      ['udp6', '::'],
    ] as const) {
      const socket = createSocket(family);
      later(() => new Promise<void>((resolve) => socket.close(() => resolve())));
      socket.on('message', (message) => heard.push(`${family} ${message.length}`));
      await new Promise<void>((resolve) => socket.bind(0, address, () => resolve()));
      ports.push(socket.address().port);
    }
    const read = await portsDrained(ports, never);
    expect(read).toEqual({ state: 'drained', ipv6: new Set([ports[1]]) });
    if (read.state !== 'drained') return;
    await sayBye(ports, () => true, read.ipv6);
    await waitFor(() => heard.length === 2, 'a BYE at each port');
    expect(heard.sort()).toEqual(['udp4 12', 'udp6 12']);
  });

  it('calls a port bound in neither table unknown, at once', async () => {
    const [port] = await freePortPairs(1);
    expect(await portsDrained([port!], never)).toEqual({ state: 'unknown' });
  });

  it('reads the tables again when a port seen bound is missing from one read (torn: a line shifted out), and calls it unknown only when not seen bound', async () => {
    const socket = createSocket('udp4');
    later(() => new Promise<void>((resolve) => socket.close(() => resolve())));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const port = socket.address().port;
    // the kernel's torn read stood in for: the first read of /proc/net/udp lacks the port's line
    const readFile = fs.readFile;
    let udpReads = 0;
    const reads = vi.spyOn(fs, 'readFile').mockImplementation((async (file: string, encoding: 'utf8') => {
      const text = await readFile(file, encoding);
      if (file !== '/proc/net/udp' || udpReads++ > 0) return text;
      return text
        .split('\n')
        .filter((line) => !line.trim().split(/\s+/)[1]?.endsWith(hexPort(port)))
        .join('\n');
    }) as typeof fs.readFile);
    later(() => reads.mockRestore());
    expect(await portsDrained([port], never, { seenBound: true })).toEqual({ state: 'drained', ipv6: new Set() });
    expect(udpReads).toBe(2);
    udpReads = 0;
    expect(await portsDrained([port], never)).toEqual({ state: 'unknown' });
    expect(udpReads).toBe(1);
  });

  it('stops watching at the stop’s deadline while ffmpeg never reads nor exits', async () => {
    const router = await routerOnWorker(later);
    const { audio } = await participant(router, 1, later);
    const [port] = await freePortPairs(1);
    const ffmpeg = ffmpegReading(`udp://127.0.0.1:${port!}`);
    await waitFor(async () => (await rxQueue('/proc/net/udp', port!)) !== null, 'ffmpeg bound');
    ffmpeg.kill('SIGSTOP');
    const transport = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: false });
    later(() => transport.close());
    await transport.connect({ ip: '127.0.0.1', port: port!, rtcpPort: port! + 1 });
    const consumer = await transport.consume({ producerId: audio.producer.id, rtpCapabilities: router.rtpCapabilities });
    await waitFor(async () => ((await rxQueue('/proc/net/udp', port!)) ?? 0) > 0, 'sound queued, unread');
    let deadlineCame: () => void = () => undefined;
    const deadline = new Promise<void>((resolve) => (deadlineCame = resolve));
    let ended = false;
    // the socket table's reads, counted (passed through): a second read comes only after a first
    // that found the sound unread, so the wait is on the drain and not ended early (unknown, drained)
    const reads = vi.spyOn(fs, 'readFile');
    later(() => reads.mockRestore());
    const tableReads = () => reads.mock.calls.filter(([file]) => file === '/proc/net/udp').length;
    const ending = endRtpInput({ legs: [{ consumer, port: port! }], exited: never, deadline, running: () => true, listened: true, closeLegs: () => transport.close() }).then(() => (ended = true));
    await waitFor(() => tableReads() >= 2, 'the socket table read again: the sound still unread');
    expect(transport.closed).toBe(true);
    expect(ended).toBe(false);
    expect(await rxQueue('/proc/net/udp', port!)).toBeGreaterThan(0);
    deadlineCame();
    await ending;
  });
});
