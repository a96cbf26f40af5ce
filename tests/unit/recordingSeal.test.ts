import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNK, openRecordingRange, recordingKey, sealedDigest, sealRecording } from '../../server/sfu/recordingSeal.js';
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
    expect(sealed).toEqual({ sha256: createHash('sha256').update(plain).digest('hex'), size: plain.length, cut: false });
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

  it('past its limit keeps the chunks sealed so far as the file, named by their own sha256', async () => {
    const plain = randomBytes(CHUNK * 3 + 10);
    await fs.writeFile(path.join(dir, 'c.webm'), plain);
    // a limit already passed: the first chunk is sealed, then the seal ends
    const sealed = await sealRecording(key, 'rec-c', path.join(dir, 'c.webm'), path.join(dir, 'c.sealed'), 0);
    const first = plain.subarray(0, CHUNK);
    expect(sealed).toEqual({ sha256: createHash('sha256').update(first).digest('hex'), size: CHUNK, cut: true });
    expect((await collect(openRecordingRange(key, 'rec-c', path.join(dir, 'c.sealed'), 0, CHUNK - 1))).equals(first)).toBe(true);
    expect(await sealedDigest(key, 'rec-c', path.join(dir, 'c.sealed'))).toEqual({ sha256: sealed.sha256, size: CHUNK });
    // a file that ends at that chunk is whole, not cut
    await fs.writeFile(path.join(dir, 'd.webm'), first);
    expect(await sealRecording(key, 'rec-d', path.join(dir, 'd.webm'), path.join(dir, 'd.sealed'), 0)).toMatchObject({ size: CHUNK, cut: false });
  });

  it('refuses to open under another recording id', async () => {
    await fs.writeFile(path.join(dir, 'b.webm'), randomBytes(100));
    await sealRecording(key, 'rec-b', path.join(dir, 'b.webm'), path.join(dir, 'b.sealed'));
    await expect(collect(openRecordingRange(key, 'rec-other', path.join(dir, 'b.sealed'), 0, 99))).rejects.toThrow();
  });
});
