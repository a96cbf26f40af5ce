// `npm start`: the court hub and a kiosk on this machine with embedded defaults.
// Builds when sources changed, keeps SQLite files and dev secrets under ./data (git-ignored) or
// the folder given with `--data-dir DIR` (scripts/startFolders.mjs), launches the Electron kiosk,
// and falls back to the browser host where Electron cannot run.
// `npm start -- --demo`: the hub alone on ./demo-hub or `--data-dir DIR` (scripts/startDemo.mjs).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale } from './freshBuild.mjs';
import { electronBinary } from './electronBinary.mjs';
import { startDemo } from './startDemo.mjs';
import { startFolders } from './startFolders.mjs';
import { LOGINS_FLAG, loginNotes } from './startLogins.mjs';

const root = new URL('..', import.meta.url).pathname;
const folders = startFolders({ argv: process.argv.slice(2), env: process.env, root, cwd: root });
const { data, hubDir, kioskDir, secretsFile } = folders;
const hubPort = Number(process.env.HUB_PORT ?? 8750);
const hubUrl = `http://127.0.0.1:${hubPort}`;

buildIfStale(root, 'start');
if (process.argv.includes('--demo')) await startDemo(root, hubPort, folders.demoDir);

// Dev secrets are made once per checkout; a real install sets them in the environment.
mkdirSync(data, { recursive: true, mode: 0o700 });
if (!existsSync(secretsFile)) {
  const secrets = { enrollmentCode: randomBytes(18).toString('base64url'), adminPassword: randomBytes(9).toString('base64url') };
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
if (!secrets.mediatorPassword) {
  // Checkouts from before video calls get a demo mediator password too.
  secrets.mediatorPassword = randomBytes(9).toString('base64url');
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
// Passwords set in the environment are the operator's: used instead of the dev secrets, never printed.
const adminPassword = process.env.HUB_ADMIN_PASSWORD || secrets.adminPassword;
const mediatorPassword = process.env.HUB_MEDIATOR_PASSWORD || secrets.mediatorPassword;
// A hub data folder that is not there yet: this start creates the hub and its accounts.
const firstStart = !existsSync(hubDir);

const children = [];
const run = (label, args, env) => {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stdout.on('data', (d) =>
    process.stdout.write(
      String(d)
        .replace(/^/gm, `[${label}] `)
        .replace(/\[\w+\] $/, ''),
    ),
  );
  child.stderr.on('data', (d) =>
    process.stderr.write(
      String(d)
        .replace(/^/gm, `[${label}] `)
        .replace(/\[\w+\] $/, ''),
    ),
  );
  child.on('exit', (code) => {
    console.log(`start: ${label} exited (${code ?? 'signal'})`);
    shutdown();
  });
  return child;
};
let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 1500).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

run('hub', ['dist/server/main.js'], {
  HUB_PORT: String(hubPort),
  HUB_DATA_DIR: hubDir,
  HUB_ADMIN_PASSWORD: adminPassword,
  HUB_DEMO_MEDIATOR: '1',
  HUB_MEDIATOR_PASSWORD: mediatorPassword,
});
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`${hubUrl}/api/v1/health`)).ok) break;
  } catch {
    // not listening yet: try again below
  }
  await new Promise((r) => setTimeout(r, 100));
}

// The local kiosk enrolls as a court's installer would: admin creates the terminal through the court
// API and hands the kiosk its one-time token. An enrolled terminal needs none (it keeps its
// credential); one whose kiosk data was wiped is revoked and given a new token.
const LOCAL_TERMINAL = 'KSK-LOCAL-01';
// Whether the dev secret still signs in as admin (that sign-in is the enrollment's own): once the
// password was changed in the console the hub keeps it across restarts (HUB_ADMIN_PASSWORD resets
// it only when its value changes), so the secret is printed only while it is still the password
// (and then only at the first start or when asked: scripts/startLogins.mjs).
let adminLogin = 'unknown';
async function localEnrollmentToken() {
  const api = `${hubUrl}/api/v1`;
  const signedIn = await fetch(`${api}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
  adminLogin = signedIn.ok ? 'works' : signedIn.status === 401 ? 'changed' : 'unknown';
  if (!signedIn.ok) {
    console.log(`start: could not sign in as admin to enroll the local kiosk (${signedIn.status}); enroll it from the console`);
    return undefined;
  }
  const headers = { 'content-type': 'application/json', cookie: signedIn.headers.get('set-cookie')?.split(';')[0] ?? '' };
  const post = (path, body) => fetch(`${api}${path}`, { method: 'POST', headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  let res = await post('/terminals', { terminalId: LOCAL_TERMINAL, name: process.env.KIOSK_TERMINAL_NAME ?? '本机测试终端 Local test kiosk', location: '' });
  if (res.status === 409) res = await post(`/terminals/${LOCAL_TERMINAL}/enrollment-token`, {}); // created before, not enrolled yet
  if (res.status === 409) {
    if (existsSync(join(kioskDir, 'kiosk.sqlite'))) return undefined; // enrolled, and the kiosk keeps its credential
    await post(`/terminals/${LOCAL_TERMINAL}/revoke`);
    res = await post(`/terminals/${LOCAL_TERMINAL}/enrollment-token`, {});
  }
  if (res.status !== 201) {
    console.log(`start: could not get an enrollment token for the local kiosk (${res.status}); enroll it from the console`);
    return undefined;
  }
  return (await res.json()).token;
}
const enrollmentToken = await localEnrollmentToken().catch((err) => {
  console.log(`start: could not enroll the local kiosk (${err.cause?.code ?? err.message}); enroll it from the console`);
  return undefined;
});

const kioskEnv = {
  KIOSK_HUB_URL: hubUrl,
  KIOSK_DATA_DIR: kioskDir,
  KIOSK_TERMINAL_ID: LOCAL_TERMINAL,
  ...(enrollmentToken ? { KIOSK_ENROLLMENT_CODE: enrollmentToken } : {}),
  KIOSK_TERMINAL_NAME: process.env.KIOSK_TERMINAL_NAME ?? '本机测试终端 Local test kiosk',
};

const electron = process.env.KIOSK_HOST === 'browser' ? { reason: 'KIOSK_HOST=browser' } : electronBinary(root);
const logins = loginNotes({
  firstStart,
  asked: process.argv.includes(LOGINS_FLAG),
  admin: { password: adminPassword, fromEnv: Boolean(process.env.HUB_ADMIN_PASSWORD), check: adminLogin },
  mediator: { password: mediatorPassword, fromEnv: Boolean(process.env.HUB_MEDIATOR_PASSWORD) },
  secretsFile,
});
console.log(`start: data in ${data} (hub ${hubDir}, kiosk ${kioskDir})`);
console.log(`start: court console  ${hubUrl}/console  (${logins.admin})`);
console.log(`start: mediator desk  ${hubUrl}/mediator  (${logins.mediator})`);
if (logins.hint) console.log(logins.hint);
console.log(`start: dashboard      ${hubUrl}/dashboard  (wall: ${hubUrl}/dashboard/wall; one login per role is printed once, at the first start)`);
if (electron.path) {
  console.log('start: launching the Electron kiosk');
  const child = spawn(electron.path, ['.'], { cwd: root, env: { ...process.env, ...kioskEnv }, stdio: 'inherit' });
  children.push(child);
  child.on('exit', shutdown);
} else {
  console.log(`start: Electron cannot run here (${electron.reason}); using the browser host instead`);
  run('kiosk', ['dist/main/browserHost/main.js'], kioskEnv);
}
