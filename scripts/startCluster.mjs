// `npm run start:cluster`: the hub as a court city or province runs it, on this machine. A
// PostgreSQL cluster kept in data/cluster/pg (run as the `postgres` user when started as root:
// PostgreSQL refuses root), two hub instances on their own ports sharing it, nginx from Debian in
// front of them (deploy/nginx/hub-cluster.conf), and a kiosk (browser host) pointed at nginx.
// Ctrl-C stops the kiosk, nginx and the hubs, then PostgreSQL. `rm -rf data/cluster` starts anew.
//
// Ports: nginx on HUB_PORT (8750), the instances on HUB_PORT+1 and +2, PostgreSQL on HUB_PORT+3
// (its unix socket only, no TCP), the kiosk on KIOSK_PORT (8760).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildIfStale } from './freshBuild.mjs';

const root = new URL('..', import.meta.url).pathname;
const data = join(root, 'data');
const cluster = join(data, 'cluster');
const basePort = Number(process.env.HUB_PORT ?? 8750);
const ports = { nginx: basePort, hubs: [basePort + 1, basePort + 2], postgres: basePort + 3 };
const proxyUrl = `http://127.0.0.1:${ports.nginx}`;
const asRoot = process.getuid?.() === 0;

function say(line) {
  console.log(`cluster: ${line}`);
}
function fail(line) {
  console.error(`cluster: ${line}`);
  process.exit(1);
}

function postgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))) : [];
  const version = versions.includes('15') ? '15' : versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!version) fail('PostgreSQL is not installed (apt-get install postgresql)');
  return join(base, version, 'bin');
}
const pgBin = postgresBin();
const pgData = join(cluster, 'pg');
const pgSocket = join(cluster, 'pg-socket');
const pgLog = join(cluster, 'postgres.log');

function asPostgres(command, args) {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(pgBin, command), ...args]] : [join(pgBin, command), args];
  try {
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`${command} failed: ${String(error.stderr || error.message).trim()}`);
  }
}

buildIfStale(root, 'cluster');
if (!existsSync('/usr/sbin/nginx')) fail('nginx is not installed (apt-get install nginx)');

// Secrets shared by both instances: they must seal and open personal data with one key.
mkdirSync(cluster, { recursive: true, mode: 0o700 });
const secretsFile = join(cluster, 'secrets.json');
if (!existsSync(secretsFile)) {
  const fresh = {
    enrollmentCode: randomBytes(18).toString('base64url'),
    adminPassword: randomBytes(9).toString('base64url'),
    mediatorPassword: randomBytes(9).toString('base64url'),
    dataKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(secretsFile, JSON.stringify(fresh, null, 2), { mode: 0o600 });
}
const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));

// PostgreSQL: created once, kept between runs.
for (const dir of [pgData, pgSocket]) mkdirSync(dir, { recursive: true, mode: 0o700 });
if (asRoot) {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  // The postgres user passes through data/ and data/cluster/ (not listing them) to its own folders.
  chmodSync(data, 0o711);
  chmodSync(cluster, 0o711);
  for (const dir of [pgData, pgSocket]) chownSync(dir, uid, gid);
  if (!existsSync(pgLog)) writeFileSync(pgLog, '');
  chownSync(pgLog, uid, gid);
}
try {
  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    say('creating the PostgreSQL cluster in data/cluster/pg');
    asPostgres('initdb', ['-D', pgData, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
  }
  asPostgres('pg_ctl', ['-D', pgData, '-l', pgLog, '-w', '-t', '60', '-o', `-p ${ports.postgres} -k ${pgSocket} -c listen_addresses=''`, 'start']);
} catch (error) {
  fail(`${error.message} (see data/cluster/postgres.log)`);
}
const pgArgs = ['-h', pgSocket, '-p', String(ports.postgres), '-U', 'postgres'];
const exists = asPostgres('psql', [...pgArgs, '-d', 'postgres', '-tAc', "select 1 from pg_database where datname = 'hub'"]).trim() === '1';
if (!exists) asPostgres('createdb', [...pgArgs, '--template=template0', '--encoding=UTF8', '--locale=C', 'hub']);
const databaseUrl = `postgresql://postgres@localhost/hub?host=${encodeURIComponent(pgSocket)}&port=${ports.postgres}`;

const children = [];
let stopping = false;
function start(label, command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push({ label, child });
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${label} exited (${code ?? signal}); stopping everything`);
      void stopAll(1);
    }
  });
  return child;
}

async function stopAll(exitCode) {
  stopping = true;
  // The kiosk and nginx first, then the hubs (they finish their requests), then the database.
  for (const group of [
    ['kiosk', 'nginx'],
    ['hub-a', 'hub-b'],
  ]) {
    const running = children.filter((c) => group.includes(c.label) && c.child.exitCode === null && c.child.signalCode === null);
    await Promise.all(
      running.map(
        ({ child }) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
  }
  try {
    asPostgres('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']);
  } catch (error) {
    console.error(`cluster: ${error.message}`);
  }
  say('stopped');
  process.exit(exitCode);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function waitForHealth(url, label) {
  for (let i = 0; i < 600; i++) {
    if (stopping) return;
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  say(`${label} did not answer at ${url}; stopping everything`);
  await stopAll(1);
}

const hubEnv = {
  HUB_DATABASE_URL: databaseUrl,
  // One files folder for both (uploads, documents, playlist media, releases, recordings: either
  // instance serves any of them; each checks at start that it sees the shared one), and a data
  // folder each for what is an instance's own (its log).
  HUB_FILES_DIR: join(cluster, 'hub'),
  HUB_DATA_KEY: secrets.dataKey,
  HUB_ENROLLMENT_CODE: secrets.enrollmentCode,
  HUB_ADMIN_PASSWORD: secrets.adminPassword,
  HUB_DEMO_MEDIATOR: '1',
  // nginx is the only proxy: client addresses (sign-in limits) and https come from its X-Forwarded-* headers
  HUB_TRUST_PROXY: '127.0.0.1',
  HUB_MEDIATOR_PASSWORD: secrets.mediatorPassword,
};
// The first instance creates the schema and the default accounts; the second starts with it in place.
start('hub-a', process.execPath, ['dist/server/main.js'], { ...hubEnv, HUB_DATA_DIR: join(cluster, 'hub-a'), HUB_PORT: String(ports.hubs[0]) });
await waitForHealth(`http://127.0.0.1:${ports.hubs[0]}`, 'hub-a');
start('hub-b', process.execPath, ['dist/server/main.js'], { ...hubEnv, HUB_DATA_DIR: join(cluster, 'hub-b'), HUB_PORT: String(ports.hubs[1]) });
await waitForHealth(`http://127.0.0.1:${ports.hubs[1]}`, 'hub-b');

const nginxDir = join(cluster, 'nginx');
mkdirSync(nginxDir, { recursive: true, mode: 0o700 });
const template = readFileSync(join(root, 'deploy/nginx/hub-cluster.conf'), 'utf8');
const nginxConf = join(nginxDir, 'nginx.conf');
writeFileSync(
  nginxConf,
  template
    .replaceAll('@PREFIX@', nginxDir)
    .replace('@LISTEN@', `127.0.0.1:${ports.nginx}`)
    .replace('@UPSTREAMS@', ports.hubs.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')),
);
start('nginx', '/usr/sbin/nginx', ['-p', nginxDir, '-c', nginxConf, '-e', join(nginxDir, 'error.log'), '-g', 'daemon off;']);
await waitForHealth(proxyUrl, 'nginx');

start('kiosk', process.execPath, ['dist/main/browserHost/main.js'], {
  KIOSK_HUB_URL: proxyUrl,
  KIOSK_DATA_DIR: join(cluster, 'kiosk'),
  KIOSK_ENROLLMENT_CODE: secrets.enrollmentCode,
  KIOSK_TERMINAL_NAME: process.env.KIOSK_TERMINAL_NAME ?? '集群测试终端 Cluster test kiosk',
});

say(`PostgreSQL      ${pgSocket} port ${ports.postgres} (database hub; log data/cluster/postgres.log)`);
say(`hub instances   http://127.0.0.1:${ports.hubs[0]}  http://127.0.0.1:${ports.hubs[1]}`);
say(`nginx           ${proxyUrl}  (the kiosk's hub)`);
say(`court console   ${proxyUrl}/console  (login: admin / ${secrets.adminPassword})`);
say(`mediator desk   ${proxyUrl}/mediator  (login: mediator / ${secrets.mediatorPassword})`);
say(`dashboard       ${proxyUrl}/dashboard`);
say('the kiosk prints its own address below; Ctrl-C stops everything');
