import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { orphanRecorders } from '../../server/sfu/orphanRecorders.js';
import { tempDir } from '../support/fixtures.js';
import { freePort, startHub, waitFor } from '../support/hubHarness.js';

// A hub killed outright leaves its recording ffmpeg processes waiting for RTP that never comes,
// holding their plain files open (server/sfu/orphanRecorders.ts). Started again on its data
// folder, the hub stops them before it salvages the dead run's files; an ffmpeg reading from
// anywhere else is not its to stop. Real ffmpeg, real hub.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function stopAfterTest(child: ChildProcess): void {
  cleanup.push(() => {
    child.kill('SIGKILL');
  });
}

/**
 * An ffmpeg as recording.ts starts one: reading an SDP file in `folder`, writing beside it, fed
 * RTP (as a media worker that outlived its hub would feed it: ffmpeg itself gives up on an input
 * silent for some seconds, so an unfed one would end by itself and prove nothing).
 */
async function recorderIn(folder: string): Promise<ChildProcess> {
  mkdirSync(folder, { recursive: true });
  const sdp = path.join(folder, 'rec-1.plain.webm.part0.webm.sdp');
  const port = await freePort();
  writeFileSync(sdp, ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 100`, 'a=rtpmap:100 opus/48000/2', 'a=recvonly', ''].join('\r\n'));
  const args = [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-protocol_whitelist',
    'file,udp,rtp',
    '-f',
    'sdp',
    '-i',
    sdp,
    '-c',
    'copy',
    '-f',
    'webm',
    '-y',
    path.join(folder, 'rec-1.plain.webm.part0.webm'),
  ];
  const child = spawn('ffmpeg', args, { stdio: 'ignore' });
  stopAfterTest(child);
  await once(child, 'spawn');
  const sender = spawn(
    'ffmpeg',
    ['-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440', '-c:a', 'libopus', '-payload_type', '100', '-f', 'rtp', `rtp://127.0.0.1:${port}`],
    { stdio: 'ignore' },
  );
  stopAfterTest(sender);
  return child;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

describe('recorders a killed hub left behind', () => {
  it('are stopped when the hub starts again on its data folder; an ffmpeg reading from elsewhere is not', async () => {
    const dataDir = tempDir('orphan-recorders-');
    const orphan = await recorderIn(path.join(dataDir, 'work', 'recordings'));
    const stranger = await recorderIn(tempDir('not-the-hubs-'));
    expect([...(await orphanRecorders(path.join(dataDir, 'work', 'recordings'))).keys()]).toEqual([orphan.pid]);

    const h = await startHub({ dataDir, backup: false });
    cleanup.push(() => h.close());
    // the start waited for it to go (only this process's reaping of its child is left)
    await waitFor(() => !running(orphan), 'the recorder the killed run left, stopped by the start', 30_000);
    // asked to finish (SIGINT: ffmpeg closes its file and exits by itself), not killed
    expect(orphan.signalCode).toBeNull();
    expect(orphan.exitCode).not.toBeNull();
    expect(running(stranger)).toBe(true);
    expect((await orphanRecorders(path.join(dataDir, 'work', 'recordings'))).size).toBe(0);
  });
});
