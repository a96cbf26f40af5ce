// Which backup files the hub keeps: the newest `keep`, by the instant in their names. A name is
// `hub-<UTC instant>.sqlite` with the instant written so that names sort as time does; files of any
// other name (an operator's own copy, a half-written `.partial`) are never counted or removed here.

const BACKUP_NAME = /^hub-(\d{8}T\d{6}(?:\d{3})?Z)\.sqlite$/;

/** The file name of a backup taken at `at`. */
export function backupName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z');
  return `hub-${stamp}.sqlite`;
}

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

/** The backups among `names` to delete so that the newest `keep` remain (keep ≥ 1). */
export function backupsToDrop(names: readonly string[], keep: number): string[] {
  const kept = Math.max(1, Math.floor(keep));
  const backups = names.filter(isBackupName).sort();
  return backups.slice(0, Math.max(0, backups.length - kept));
}
