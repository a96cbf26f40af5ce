import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';

// A recording's segments joined into one file (recordingSegments.ts on a stop, recordingSalvage.ts
// for what a dead run or a cut-short stop left).

/** The join ran past its limit: ffmpeg was killed (or the limit had passed before it ran). */
export class JoinPastLimit extends Error {
  override name = 'JoinPastLimit';
}

/**
 * A join's limit for `bytes` of segments: `limitMs` (RecorderTiming.joinMs, a hang guard) and one
 * second more per MiB (a stream copy runs far faster), so that a long recording is not cut for
 * being long.
 */
export const joinLimitMs = (limitMs: number, bytes: number) => limitMs + (bytes * 1000) / (1024 * 1024);

/**
 * Joins WebM segments with the same streams into `out` by stream copy (ffmpeg's concat demuxer);
 * throws if ffmpeg fails, or JoinPastLimit when it runs past `limitMs` (then it is killed).
 */
export async function joinSegments(ffmpeg: string, parts: readonly string[], out: string, limitMs: number): Promise<void> {
  if (limitMs <= 0) throw new JoinPastLimit('the limit to join the recording’s segments had passed');
  const list = `${out}.segments.txt`;
  await fs.writeFile(list, parts.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join('\n') + '\n', { mode: 0o600 });
  // ffmpeg keeps an existing file's mode when it truncates it: the joined recording is 0600 too
  await fs.writeFile(out, '', { mode: 0o600 });
  try {
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-f', 'webm', '-y', out];
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: Math.ceil(limitMs), killSignal: 'SIGKILL' });
    let complaints = '';
    child.stderr.on('data', (chunk: Buffer) => (complaints = (complaints + chunk.toString('utf8')).slice(-2000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (child.signalCode === 'SIGKILL') throw new JoinPastLimit(`ffmpeg did not join the recording's segments within ${limitMs / 1000} s`);
    if (code !== 0) throw new Error(`ffmpeg could not join the recording's segments (${String(code)}): ${complaints.trim().split('\n').pop() ?? ''}`);
  } finally {
    await fs.rm(list, { force: true });
  }
}
