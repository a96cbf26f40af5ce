import fs from 'node:fs/promises';
import path from 'node:path';

// A hub killed outright (kill -9, OOM) leaves its recording ffmpeg processes behind, holding their
// plain (unencrypted) recording files open: ffmpeg gives up on a silent input only after ~10 s (and
// never while anything still feeds it), so a hub restarted at once would salvage and clear files a
// live process is still to finish, and their bytes would stay on disk while it lives. At start,
// before the dead run's files are salvaged, this instance stops the recorders whose input is an
// SDP file in its own work folder: nothing else reads from there (recording.ts writes
// `<file>.sdp` beside each plain file), and no recording of this run has started yet.

/** A stopped recorder gets this long to finish its file on SIGINT before it is killed. */
const FINISH_MS = 10_000;

/** The processes whose ffmpeg input (`-i`) is an SDP file in `workDir`: Linux's /proc; none elsewhere. */
export async function orphanRecorders(workDir: string): Promise<number[]> {
  const folder = path.resolve(workDir) + path.sep;
  let entries: string[];
  try {
    entries = await fs.readdir('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const argv = await fs
      .readFile(`/proc/${entry}/cmdline`, 'utf8')
      .then((text) => text.split('\0'))
      .catch(() => [] as string[]); // gone meanwhile, or not ours to read
    const input = argv[argv.indexOf('-i') + 1];
    if (argv.includes('-i') && input && input.endsWith('.sdp') && path.resolve(input).startsWith(folder)) found.push(Number(entry));
  }
  return found;
}

/** Whether `pid` still runs: a zombie (exited, not yet reaped by its parent) does not. */
const alive = async (pid: number) =>
  fs
    .readFile(`/proc/${pid}/stat`, 'utf8')
    .then((stat) => stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z')
    .catch(() => false);

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone, or not this user's: either way not ours to stop
  }
}

/** Waits until `pid` has exited, up to `ms`; whether it did. */
async function exited(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (await alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * Stops a dead run's recorders in `workDir`: SIGINT (ffmpeg finishes the file, so the salvage that
 * follows finds cues), SIGKILL if one does not exit in FINISH_MS. How many there were.
 */
export async function stopOrphanRecorders(workDir: string): Promise<number> {
  const pids = await orphanRecorders(workDir);
  await Promise.all(
    pids.map(async (pid) => {
      signal(pid, 'SIGINT');
      if (!(await exited(pid, FINISH_MS))) {
        signal(pid, 'SIGKILL');
        await exited(pid, FINISH_MS);
      }
    }),
  );
  return pids.length;
}
