import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RECORDER_TIMING } from './recordingTiming.js';
import { joinLimitMs, joinSegments } from './recordingJoin.js';

// What a hub that died mid-recording left in its work folder, and whether it still plays. ffmpeg
// writes each segment as a WebM (`<id>.plain.webm.part<n>.webm`, recordingSegments.ts) cluster by
// cluster; killed, it leaves a file without cues or duration whose last cluster may be cut. Such a
// file is copied into a fresh WebM (`-c copy`: ffmpeg keeps every whole cluster, writes cues and
// the duration) and kept when a video frame of it decodes; the segments kept are joined as on a
// normal stop. A file that does not parse, or holds no picture, is not kept.

/** The recordings a dead run left plain files of, by id (every work file is named `<id>.…`). */
export async function deadRunFiles(workDir: string): Promise<Map<string, string[]>> {
  let names: string[];
  try {
    names = await fs.readdir(workDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const byId = new Map<string, string[]>();
  for (const name of names) {
    const id = name.split('.')[0]!;
    byId.set(id, [...(byId.get(id) ?? []), path.join(workDir, name)]);
  }
  return byId;
}

/** The salvage ran past its limit (RecorderTiming.salvageMs): its ffmpeg was killed. */
class PastLimit extends Error {}

/** ffmpeg's exit code and what it wrote to stdout; throws PastLimit once `until` (performance.now(): a monotonic clock, a clock step cuts nothing) has passed. */
function run(ffmpeg: string, args: string[], until: number): Promise<{ code: number | null; out: string }> {
  // whole milliseconds: spawn refuses a fractional timeout
  const left = Math.ceil(until - performance.now());
  if (left <= 0) return Promise.reject(new PastLimit());
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-nostdin', '-hide_banner', '-loglevel', 'error', ...args], { stdio: ['ignore', 'pipe', 'ignore'], timeout: left, killSignal: 'SIGKILL' });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out = (out + chunk.toString('utf8')).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code, signal) => (signal === 'SIGKILL' && performance.now() >= until ? reject(new PastLimit()) : resolve({ code, out })));
  });
}

/** Copies `file` into a whole WebM at `out`; true when that worked and its first video frame decodes. */
async function playableCopy(ffmpeg: string, file: string, out: string, until: number): Promise<boolean> {
  await fs.writeFile(out, '', { mode: 0o600 });
  const copied = await run(ffmpeg, ['-i', file, '-map', '0', '-c', 'copy', '-f', 'webm', '-y', out], until);
  if (copied.code !== 0) return false;
  // framecrc prints one line per decoded frame (after `#` header lines): none means no picture
  const decoded = await run(ffmpeg, ['-i', out, '-map', '0:v:0', '-frames:v', '1', '-f', 'framecrc', '-'], until);
  return decoded.code === 0 && decoded.out.split('\n').some((line) => line.trim() !== '' && !line.startsWith('#'));
}

async function nonEmpty(files: readonly string[]): Promise<string[]> {
  const sizes = await Promise.all(files.map(async (f) => (await fs.stat(f).catch(() => null))?.size ?? 0));
  return files.filter((_, i) => sizes[i]! > 0);
}

async function largest(files: readonly string[]): Promise<string> {
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await fs.stat(f)).size })));
  return sized.reduce((a, b) => (b.size > a.size ? b : a)).f;
}

const segmentNumber = (file: string): number => Number(/\.part(\d+)\.webm$/.exec(file)?.[1] ?? -1);

/**
 * The playable part of a dead run's recording, as one plain WebM at `out` (0600), or null when
 * nothing of it plays. `files`: everything the run left for that recording (segments, ffmpeg's SDP
 * files, a joined file it was sealing when it died). All its ffmpeg runs together get `limitMs`
 * (RecorderTiming.salvageMs) and a second per MiB of the files: past it the one running is killed,
 * `pastLimit` is called, and `out` is the largest file made whole so far, else the largest as
 * ffmpeg wrote it (no cues, perhaps a cut last cluster: most players still play it).
 */
export async function salvageRecording(ffmpeg: string, files: readonly string[], out: string, limitMs = RECORDER_TIMING.salvageMs, pastLimit?: () => void): Promise<string | null> {
  const bytes = (await Promise.all(files.map(async (f) => (await fs.stat(f).catch(() => null))?.size ?? 0))).reduce((a, b) => a + b, 0);
  // a second more per MiB, as a join's (joinLimitMs): a long recording is not cut for being long
  const until = performance.now() + joinLimitMs(limitMs, bytes);
  const segments = files.filter((f) => segmentNumber(f) >= 0).sort((a, b) => segmentNumber(a) - segmentNumber(b));
  // no segment left: it died after joining them, while sealing the joined file
  const candidates = segments.length > 0 ? segments : files.filter((f) => f.endsWith('.plain.webm'));
  const kept: string[] = [];
  try {
    for (const [i, file] of candidates.entries()) {
      const copy = `${out}.salvage${i}.webm`;
      if ((await fs.stat(file)).size > 0 && (await playableCopy(ffmpeg, file, copy, until))) kept.push(copy);
      else await fs.rm(copy, { force: true });
    }
    if (kept.length === 0) return null;
    if (kept.length === 1) await fs.rename(kept[0]!, out);
    // segments that will not join even copied whole (or not within the limit): the largest is kept
    else
      await joinSegments(ffmpeg, kept, out, Math.max(1, until - performance.now())).catch(async () => {
        if (performance.now() >= until) pastLimit?.();
        await fs.rename(await largest(kept), out);
      });
    return out;
  } catch (error) {
    await fs.rm(out, { force: true });
    if (!(error instanceof PastLimit)) return null;
    pastLimit?.();
    const written = await nonEmpty(kept.length > 0 ? kept : candidates);
    if (written.length === 0) return null;
    await fs.copyFile(await largest(written), out);
    await fs.chmod(out, 0o600);
    return out;
  } finally {
    for (const copy of kept) await fs.rm(copy, { force: true });
  }
}
