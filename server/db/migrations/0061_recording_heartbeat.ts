import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// 61: who is recording a room and when it last said so (server/sfu/recordingHeartbeat.ts). The
// live recorder's instance writes `heartbeat_at` every few seconds; a row still open whose
// heartbeat is older than the stated limit was left by a hub that died mid-recording, and any
// instance closes it as `interrupted`. Rows from before this step have neither: an open one is
// closed the same way (nothing was beating for it).

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('room_recordings').addColumn('recorder_instance', 'text').execute();
  await db.schema.alterTable('room_recordings').addColumn('heartbeat_at', 'text').execute();
}
