import fs from 'node:fs/promises';
import path from 'node:path';

// The work folder is this instance's alone, and a recording's plain file lives there only while
// the room is recorded: on stop it is sealed into the files folder and removed. So whatever is in
// it when the hub starts was left by a run that died mid-recording — unsealed personal data that
// nothing will ever seal or remove. It is cleared before this run records anything, but for the
// files of recordings the start could not close (server/sfu/interruptedRecordings.ts): those wait
// for the next start rather than be lost; or until their rows are closed by another instance
// meanwhile, when the run holding them removes them (server/sfu/recordings.ts).

/** A work file's recording: every work file is named `<id>.…`. */
const recordingOf = (name: string): string => name.split('.')[0]!;

async function removeWhere(dir: string, gone: (recordingId: string) => boolean): Promise<number> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const names = entries.filter((name) => gone(recordingOf(name)));
  await Promise.all(names.map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true })));
  return names.length;
}

/**
 * Removes everything in `dir` (absent: nothing to do) but the files of the recordings in `keep`
 * (ones not yet closed, left for the next start); returns how many entries went.
 */
export function clearDeadRunWork(dir: string, keep: ReadonlySet<string> = new Set()): Promise<number> {
  return removeWhere(dir, (id) => !keep.has(id));
}

/**
 * Removes the files of the recordings in `closed` from `dir` (rows another closed while this run
 * held them: what the next start would clear, cleared now, so no plain copy waits in the clear).
 */
export function removeClosedWork(dir: string, closed: ReadonlySet<string>): Promise<number> {
  return removeWhere(dir, (id) => closed.has(id));
}
