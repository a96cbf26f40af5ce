import path from 'node:path';

// Where the hub keeps the files it is given: one folder (HUB_FILES_DIR; by default the data folder,
// as before), with a sub-folder per kind. Instances sharing a PostgreSQL database must see the same
// one (./sharedFolder.ts checks it at start); everything else in the data folder (logs, the SQLite
// file and its backups, data.key) belongs to one instance.

export interface HubFiles {
  /** The files folder itself. */
  readonly root: string;
  /** Kiosk attachments, as the tus server keeps them (the file and its `.json` info). */
  readonly uploads: string;
  /** Case documents, sealed (server/documents). */
  readonly documents: string;
  /** Playlist media by sha256 (server/playlist). */
  readonly playlistMedia: string;
  /** Kiosk releases by version (server/updates). */
  readonly releases: string;
  /** Room recordings, sealed per chunk (server/sfu). */
  readonly recordings: string;
  /** A recording's sealed file. */
  readonly recording: (recordingId: string) => string;
  /**
   * The plain file ffmpeg writes while a room is recorded: in this instance's own work folder
   * (`work/` of its data folder), never the shared one, so no unsealed recording sits on the share
   * and no other instance sees a file half written; it is sealed into the shared folder on stop.
   */
  readonly recordingWork: (recordingId: string) => string;
  /** The folder of those plain files (and ffmpeg's segments beside them). */
  readonly recordingWorkDir: string;
}

/** `root`: the files folder (shared); `workDir`: this instance's own working folder. */
export function hubFiles(root: string, workDir: string): HubFiles {
  const recordings = path.join(root, 'recordings');
  // absolute: ffmpeg is given these paths, and a later start finds its leftovers by them (sfu/orphanRecorders.ts)
  const recordingWorkDir = path.resolve(workDir, 'recordings');
  return {
    root,
    uploads: path.join(root, 'uploads'),
    documents: path.join(root, 'documents'),
    playlistMedia: path.join(root, 'playlist-media'),
    releases: path.join(root, 'releases'),
    recordings,
    recording: (recordingId) => path.join(recordings, `${recordingId}.sealed`),
    recordingWork: (recordingId) => path.join(recordingWorkDir, `${recordingId}.plain.webm`),
    recordingWorkDir,
  };
}
