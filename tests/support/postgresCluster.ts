import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp folder, started with
// pg_ctl on a random port, reachable only through a unix socket in that folder (no TCP), trust
// authentication, C collation (what the hub requires), fsync off (nothing here must survive a
// power cut). PostgreSQL refuses to run as root, so as root every command runs as the `postgres`
// user (`runuser -u postgres --`). Each test gets its own database on it.

const run = promisify(execFile);

/** Where a cluster listens: enough for any process to connect to it. */
export interface PostgresAddress {
  socketDir: string;
  port: number;
}

export interface PostgresCluster extends PostgresAddress {
  /** Stops the server (fast shutdown: sessions are cut), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same folder and port. */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

function postgresBin(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const bin = versions.includes('15') ? '15' : versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql; binaries expected in /usr/lib/postgresql/15/bin, or set PG_BIN)');
  return join(root, bin, 'bin');
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

async function asPostgres(command: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  try {
    const { stdout } = await run(file, argv, { timeout: 120_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command.split('/').pop()} failed: ${(e.stderr || e.message).trim()}`);
  }
}

/** The postgres user's uid and gid, to hand it the cluster's folder. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('there is no `postgres` user to run PostgreSQL as (apt-get install postgresql creates it)');
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = 20_000 + (randomBytes(2).readUInt16BE(0) % 40_000);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (asRoot) {
      const { uid, gid } = await postgresUser();
      chownSync(dir, uid, gid);
    }
    await asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (error) {
    remove();
    throw error;
  }
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=''", '-c max_connections=300', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
  const start = async () => {
    try {
      await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '120', '-o', options.join(' '), 'start']);
    } catch (error) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-8).join('\n') : '';
      throw new Error(`${(error as Error).message}\n${tail}`);
    }
  };
  const stop = async () => {
    await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '120', 'stop']);
  };
  try {
    await start();
  } catch (error) {
    remove();
    throw error;
  }
  return {
    socketDir: dir,
    port,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      remove();
    },
  };
}

/** The URL of `database` on the cluster at `address` (over its unix socket). */
export function postgresUrl(address: PostgresAddress, database: string): string {
  return `postgresql://postgres@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(address.socketDir)}&port=${address.port}`;
}

/** Creates an empty database with the collation the hub needs; returns its URL. */
export async function createDatabase(address: PostgresAddress, prefix = 'hub'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl(address, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    await admin.end();
  }
  return postgresUrl(address, name);
}
