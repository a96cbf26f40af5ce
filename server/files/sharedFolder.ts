import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DbScope } from '../db/engine.js';
import { privateFolder } from '../db/privateFiles.js';
import { claimFilesFolder } from './folderStore.js';

// Instances on one PostgreSQL database serve each other's files (an attachment uploaded through A
// opened in the console through B, a playlist video seeded by A downloaded by a kiosk on B), so
// they must all see ONE files folder: a shared mount (NFS, SMB, a cluster file system). Why a
// shared folder and not the files in PostgreSQL: recordings and videos run to hundreds of
// megabytes and would swell the database, its WAL and every pg_dump; ffmpeg, ffprobe and the tus
// server work on files anyway; and courts already run, back up and size file shares.
//
// A folder that is not the shared one would lose files silently, so it is checked at start: the
// folder carries a mark (a random id in `.hub-files-folder`, created once, never changed) and the
// database records the mark of the first instance's folder. An instance whose folder carries
// another mark, or none that can be made to match, refuses to start and says which folder and
// why. On SQLite (one process) there is nothing to share and nothing is checked.

export const FOLDER_MARK_FILE = '.hub-files-folder';

/** The folder's mark, created (exclusively: two instances creating it at once agree) if it has none. */
function folderMark(root: string): string {
  privateFolder(root);
  const file = path.join(root, FOLDER_MARK_FILE);
  try {
    fs.writeFileSync(file, randomBytes(16).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Throws, with a message for whoever starts the hub, unless `root` is the folder the database's other instances use. */
export async function checkSharedFolder(scope: DbScope, root: string, now: () => Date): Promise<void> {
  if (scope.engine !== 'postgres') return;
  const mark = folderMark(root);
  const recorded = await claimFilesFolder(scope, mark, now().toISOString());
  if (recorded === mark) return;
  throw new Error(
    `HUB_FILES_DIR ${path.resolve(root)} is not the files folder the other hub instances of this database use ` +
      `(its ${FOLDER_MARK_FILE} reads ${mark.slice(0, 8)}…, the database expects ${recorded.slice(0, 8)}…): ` +
      'every instance must see one shared folder (mount it there, or point HUB_FILES_DIR at it); ' +
      'if the files were moved, move that mark file with them',
  );
}
