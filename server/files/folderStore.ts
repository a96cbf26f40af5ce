import type { DbScope } from '../db/engine.js';

// The only SQL about the files folder (migration 0045): the mark the instances' shared folder carries.

const SLOT = 'files';

/** Records `mark` as the shared folder's if none is yet (the first instance to start); answers the recorded one. */
export async function claimFilesFolder(scope: DbScope, mark: string, at: string): Promise<string> {
  await scope.db
    .insertInto('files_folder')
    .values({ slot: SLOT, mark, claimed_at: at })
    .onConflict((oc) => oc.column('slot').doNothing())
    .execute();
  const row = await scope.db.selectFrom('files_folder').select('mark').where('slot', '=', SLOT).executeTakeFirstOrThrow();
  return row.mark;
}
