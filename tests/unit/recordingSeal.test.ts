import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CHUNK, openRecordingRange, recordingKey, SealStalled, sealRecording } from '../../server/sfu/recordingSeal.js';
import { tempDir } from '../support/testDirs.js';

// A recording sealed at rest in chunks: any byte range opens to the plain bytes, the sealed file
// shows none of them (not even the container's magic), and a chunk cannot move to another file.

const dir = tempDir('recording-seal-');

const key = recordingKey(randomBytes(32));
const webmMagic = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of gen) parts.push(p);
  return Buffer.concat(parts);
}

describe('recording seal', () => {
  it('opens any range to the plain bytes and hides the container', async () => {
    const plain = Buffer.concat([webmMagic, randomBytes(CHUNK * 2 + 1234)]);
    await fs.writeFile(path.join(dir, 'a.webm'), plain);
    const sealed = await sealRecording(key, 'rec-a', path.join(dir, 'a.webm'), path.join(dir, 'a.sealed'));
    expect(sealed).toEqual({ sha256: createHash('sha256').update(plain).digest('hex'), size: plain.length });
    const onDisk = await fs.readFile(path.join(dir, 'a.sealed'));
    expect(onDisk.includes(webmMagic)).toBe(false);
    // written as .partial and renamed when whole: nothing else is left beside it
    expect((await fs.readdir(dir)).filter((f) => f.startsWith('a.')).sort()).toEqual(['a.sealed', 'a.webm']);
    for (const [start, end] of [
      [0, plain.length - 1],
      [0, 3],
      [CHUNK - 10, CHUNK + 10],
      [CHUNK * 2, plain.length - 1],
      [plain.length - 1, plain.length - 1],
    ] as const) {
      expect((await collect(openRecordingRange(key, 'rec-a', path.join(dir, 'a.sealed'), start, end))).equals(plain.subarray(start, end + 1))).toBe(true);
    }
  });

  it('throws on a step that stalls past its limit, the plain file untouched, and never cuts a seal that goes on', async () => {
    const plain = randomBytes(CHUNK * 3 + 10);
    await fs.writeFile(path.join(dir, 'c.webm'), plain);
    // the sealed file's .partial a pipe nobody reads: its first chunk's write never returns
    execFileSync('mkfifo', [path.join(dir, 'c.sealed.partial')]);
    const reader = await fs.open(path.join(dir, 'c.sealed.partial'), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      await expect(sealRecording(key, 'rec-c', path.join(dir, 'c.webm'), path.join(dir, 'c.sealed'), 200)).rejects.toBeInstanceOf(SealStalled);
    } finally {
      await reader.close();
    }
    expect((await fs.readFile(path.join(dir, 'c.webm'))).equals(plain)).toBe(true);
    await expect(fs.stat(path.join(dir, 'c.sealed'))).rejects.toMatchObject({ code: 'ENOENT' });
    // a limit of 1 s on a seal of many steps: none stalls, and it is whole, a clock step too
    await fs.rm(path.join(dir, 'c.sealed.partial'), { force: true });
    const now = Date.now();
    let asked = 0;
    // the wall clock steps an hour on once the seal has begun (chrony's makestep after boot)
    const stepped = vi.spyOn(Date, 'now').mockImplementation(() => now + (asked++ > 0 ? 3_600_000 : 0));
    try {
      expect(await sealRecording(key, 'rec-c', path.join(dir, 'c.webm'), path.join(dir, 'c.sealed'), 1_000)).toEqual({
        sha256: createHash('sha256').update(plain).digest('hex'),
        size: plain.length,
      });
    } finally {
      stepped.mockRestore();
    }
  });

  it('closes a handle whose open returned after its limit, and removes the .partial it made', async () => {
    await fs.writeFile(path.join(dir, 'd.webm'), randomBytes(CHUNK + 10));
    const partial = path.join(dir, 'd.sealed.partial');
    // a pipe nobody reads: opening it to write waits for a reader, as an open on a hung files folder
    execFileSync('mkfifo', [partial]);
    // A limit the mkdir before the open cannot outlast on a busy machine (its SealStalled would leave
    // no open to come late); the open without a reader never returns, so a long limit costs only time.
    await expect(sealRecording(key, 'rec-d', path.join(dir, 'd.webm'), path.join(dir, 'd.sealed'), 2_000)).rejects.toBeInstanceOf(SealStalled);
    // the folder answers: the open returns now, past its limit
    const reader = await fs.open(partial, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      await expect
        .poll(() =>
          fs.stat(partial).then(
            () => true,
            () => false,
          ),
        )
        .toBe(false);
      // its handle closed: nobody holds the pipe to write any more (end of file, not EAGAIN)
      expect((await reader.read(Buffer.alloc(1), 0, 1, null)).bytesRead).toBe(0);
    } finally {
      await reader.close();
    }
  });

  it('refuses to open under another recording id', async () => {
    await fs.writeFile(path.join(dir, 'b.webm'), randomBytes(100));
    await sealRecording(key, 'rec-b', path.join(dir, 'b.webm'), path.join(dir, 'b.sealed'));
    await expect(collect(openRecordingRange(key, 'rec-other', path.join(dir, 'b.sealed'), 0, 99))).rejects.toThrow();
  });
});
