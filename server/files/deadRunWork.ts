import fs from 'node:fs/promises';
import path from 'node:path';

// The work folder is this instance's alone, and a recording's plain file lives there only while
// the room is recorded: on stop it is sealed into the files folder and removed. So whatever is in
// it when the hub starts was left by a run that died mid-recording — unsealed personal data that
// nothing will ever seal or remove. It is cleared before this run records anything.

/** Removes everything in `dir` (absent: nothing to do); returns how many entries went. */
export async function clearDeadRunWork(dir: string): Promise<number> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  await Promise.all(entries.map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true })));
  return entries.length;
}
