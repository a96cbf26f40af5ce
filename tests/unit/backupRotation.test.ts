import { describe, expect, it } from 'vitest';
import { backupName, backupsToDrop, isBackupName } from '../../server/backup/backupRotation.js';

describe('backup rotation (server/backup/backupRotation.ts)', () => {
  it('names a backup by its UTC instant so that names sort as time does', () => {
    const a = backupName(new Date('2026-03-05T06:00:00.000Z'));
    const b = backupName(new Date('2026-03-05T06:00:00.001Z'));
    const c = backupName(new Date('2026-12-31T23:59:59.999Z'));
    expect(a).toBe('hub-20260305T060000000Z.sqlite');
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect([a, b, c].every(isBackupName)).toBe(true);
  });

  it('drops the oldest beyond the number kept, and never a file of another name', () => {
    const names = ['hub-20260101T000000000Z.sqlite', 'hub-20260103T000000000Z.sqlite', 'hub-20260102T000000000Z.sqlite', 'mine.sqlite', 'hub-20260104T000000000Z.sqlite.partial'];
    expect(backupsToDrop(names, 2)).toEqual(['hub-20260101T000000000Z.sqlite']);
    expect(backupsToDrop(names, 3)).toEqual([]);
    expect(backupsToDrop(names, 0)).toEqual(['hub-20260101T000000000Z.sqlite', 'hub-20260102T000000000Z.sqlite']);
  });
});
