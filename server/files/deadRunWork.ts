import fs from 'node:fs/promises';
import path from 'node:path';

// The work folder is this instance's alone, and a recording's plain file lives there only while
// the room is recorded: on stop it is sealed into the files folder and removed. So whatever is in
// it when the hub starts was left by a run that died mid-recording — unsealed personal data that
// nothing will ever seal or remove. It is cleared before this run records anything, but for the
// files of recordings the start could not close (server/sfu/interruptedRecordings.ts): those wait
// for the next start rather than be lost.

/**
 * Removes everything in `dir` (absent: nothing to do) but the files of the recordings in `keep`
 * (named `<id>.…`: ones not yet closed, left for the next start); returns how many entries went.
 */
export async function clearDeadRunWork(dir: string, keep: ReadonlySet<string> = new Set()): Promise<number> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const gone = entries.filter((name) => !keep.has(name.split('.')[0]!));
  await Promise.all(gone.map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true })));
  return gone.length;
}
