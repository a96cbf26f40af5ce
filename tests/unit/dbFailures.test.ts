import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation, retryConflicts } from '../../server/db/failures.js';
import { databaseUnavailableMessage, fileMissingMessage, isMissingFile, toHubError } from '../../server/http/errors.js';

// How the hub reads a database failure on either engine: "unavailable" (503, retry later) or a
// unique violation (another request wrote the key first); anything else stays a hub fault.

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database failures', () => {
  it('reads PostgreSQL being down, restarting, out of connections or in a deadlock as unavailable', () => {
    for (const code of ['08006', '08001', '57P01', '57P03', '53300', '40001', '40P01', 'ECONNREFUSED', 'ECONNRESET']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
    // PostgreSQL's unix socket absent (the server stopped): `connect ENOENT /run/postgresql/.s.PGSQL.5432`
    expect(isDatabaseUnavailable(Object.assign(withCode('ENOENT'), { syscall: 'connect', address: '/run/postgresql/.s.PGSQL.5432' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('reads SQLite busy, locked, full or failing as unavailable', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_CANTOPEN']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
  });

  it('keeps bugs and refusals of bad data apart from unavailability', () => {
    for (const code of ['23505', '23503', '42P01', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_ERROR', 'ERR_SOMETHING']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('no such table: intakes'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('knows a unique violation on both engines', () => {
    expect(isUniqueViolation(withCode('23505'))).toBe(true);
    expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(true);
    expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(true);
    expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_NOTNULL'))).toBe(false);
    expect(isUniqueViolation(withCode('23503'))).toBe(false);
  });

  it('answers a file missing from the files folder with 404 in the reader’s language, never as an outage', () => {
    const missing = Object.assign(withCode('ENOENT'), { syscall: 'open', path: '/srv/hub-files/documents/d1' });
    expect(isDatabaseUnavailable(missing)).toBe(false);
    expect(isMissingFile(missing)).toBe(true);
    expect(toHubError(missing)).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: fileMissingMessage(undefined) });
    expect(toHubError(missing, 'en')).toMatchObject({ statusCode: 404, message: expect.stringContaining('missing from the court hub’s files folder') });
    expect(fileMissingMessage('zh-CN')).toContain('文件夹中找不到');
    // A program the hub runs not being there is the hub's own fault, and a socket's ENOENT is the database's.
    expect(isMissingFile(Object.assign(withCode('ENOENT'), { syscall: 'spawn ffmpeg', path: 'ffmpeg' }))).toBe(false);
    expect(toHubError(Object.assign(withCode('ENOENT'), { syscall: 'spawn ffmpeg', path: 'ffmpeg' }))).toMatchObject({ statusCode: 500 });
    expect(isMissingFile(Object.assign(withCode('ENOENT'), { syscall: 'connect', address: '/run/postgresql/.s.PGSQL.5432' }))).toBe(false);
  });

  it('answers an unavailable database with 503 UNAVAILABLE, and other failures with 500', () => {
    expect(toHubError(withCode('ECONNREFUSED'))).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
    expect(toHubError(withCode('SQLITE_BUSY'))).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
    expect(toHubError(withCode('42P01'))).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
  });

  it('says the outage in the language the request prefers: Chinese unless English ranks first', () => {
    const zh = '法院服务暂时无法连接数据库，请稍后重试';
    const en = 'The court hub cannot reach its database; retry later';
    expect(databaseUnavailableMessage(undefined)).toBe(zh);
    expect(databaseUnavailableMessage('en-US,en;q=0.9')).toBe(en);
    expect(databaseUnavailableMessage('zh-CN,zh;q=0.9,en;q=0.8')).toBe(zh);
    expect(databaseUnavailableMessage('fr-FR, en;q=0.5, zh;q=0.4')).toBe(en);
    expect(databaseUnavailableMessage('en;q=0.2, zh-TW;q=0.7')).toBe(zh);
    expect(databaseUnavailableMessage('en;q=0, fr')).toBe(zh);
    expect(databaseUnavailableMessage(['de', 'en-GB'])).toBe(en);
    expect(toHubError(withCode('ECONNREFUSED'), 'en')).toMatchObject({ statusCode: 503, message: en });
  });

  it('runs a transaction again after a deadlock or serialization failure, up to three tries, and nothing else', async () => {
    const failing = (codes: string[]) => {
      let tries = 0;
      const run = async () => {
        const code = codes[tries++];
        if (code) throw withCode(code);
        return tries;
      };
      return { run, tries: () => tries };
    };
    expect(await retryConflicts(failing(['40P01', '40001']).run)).toBe(3);
    const third = failing(['40P01', '40P01', '40P01']);
    await expect(retryConflicts(third.run)).rejects.toMatchObject({ code: '40P01' });
    expect(third.tries()).toBe(3);
    for (const code of ['23505', '08006', 'SQLITE_BUSY']) {
      const other = failing([code]);
      await expect(retryConflicts(other.run)).rejects.toMatchObject({ code });
      expect(other.tries(), code).toBe(1);
    }
  });
});
