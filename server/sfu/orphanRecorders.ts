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

const commandLine = (pid: number) => fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null); // gone, or not ours to read
const mountSpace = (pid: number | 'self') => fs.readlink(`/proc/${pid}/ns/mnt`).catch(() => null);

/**
 * The processes whose ffmpeg input (`-i`) is an SDP file still in `workDir`, by pid with their
 * command line: Linux's /proc; none elsewhere, and no look at /proc when the folder holds no SDP
 * file (the common start). Only an absolute input path in this process's own mount namespace
 * counts (recording.ts gives ffmpeg absolute paths, hubFiles.ts): a relative one would be resolved
 * against another process's folder, and a container's paths name other files.
 */
export async function orphanRecorders(workDir: string): Promise<Map<number, string>> {
  const folder = path.resolve(workDir);
  const found = new Map<number, string>();
  const sdpFiles = new Set((await fs.readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.sdp')).map((name) => path.join(folder, name)));
  if (sdpFiles.size === 0) return found;
  let entries: string[];
  try {
    entries = await fs.readdir('/proc');
  } catch {
    return found;
  }
  const ours = await mountSpace('self');
  for (const entry of entries) {
    const pid = Number(entry);
    if (!/^\d+$/.test(entry) || pid === process.pid) continue;
    const line = await commandLine(pid);
    const argv = line?.split('\0') ?? [];
    const at = argv.indexOf('-i');
    const input = at >= 0 ? argv[at + 1] : undefined;
    if (!line || !input || !path.isAbsolute(input) || !sdpFiles.has(path.normalize(input))) continue;
    if (ours === null || (await mountSpace(pid)) !== ours) continue;
    found.set(pid, line);
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
  const orphans = await orphanRecorders(workDir);
  await Promise.all(
    [...orphans].map(async ([pid, line]) => {
      signal(pid, 'SIGINT');
      // still the same process (not a new one given its pid meanwhile) before it is killed
      if (!(await exited(pid, FINISH_MS)) && (await commandLine(pid)) === line) {
        signal(pid, 'SIGKILL');
        await exited(pid, FINISH_MS);
      }
    }),
  );
  return orphans.size;
}
