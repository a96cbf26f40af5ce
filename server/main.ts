import { join } from 'node:path';
import { defaultCourt } from '../shared/cases/caseNumber.js';
import { createHub } from './hub.js';
import { parseProxyTrust, type ProxyTrust } from './http/transport.js';
import { smsGatewayFromEnv } from './notifications/smsGateway.js';
import { demoMediatorFromEnv, signallingFromEnv } from './signalling/env.js';

// CLI entry of the court hub. Configuration comes from the environment:
//   HUB_PORT (8750)  HUB_HOST (127.0.0.1)
//   HUB_ENROLLMENT_CODE (optional, 8–200 chars: a site-wide code that enrolls only new terminal ids;
//     unset, only the one-time tokens staff issue in the console enroll)
//   HUB_ENROLLMENT_ATTEMPTS (per source address per minute, default 20)
//   HUB_DATA_DIR (./data/hub)  HUB_DATABASE_URL (postgres://…; unset: SQLite in HUB_DATA_DIR)
//   HUB_FILES_DIR (HUB_DATA_DIR): uploads, documents, playlist media, releases, recordings; instances
//     on one PostgreSQL database must share it (checked at start: server/files/sharedFolder.ts)
//   HUB_COURT_NAME (兰州市七里河区人民法院)  HUB_COURT_CODE (甘0103, in case numbers)
//   HUB_DATA_KEY (32 bytes, hex or base64; unset: generated into HUB_DATA_DIR/data.key, 0600)
//   HUB_ADMIN_PASSWORD (generated if unset)
//   HUB_BACKUP_INTERVAL_MINUTES (360; 0: no backups), HUB_BACKUP_KEEP (8): SQLite's online backups into HUB_DATA_DIR/backups
//   HUB_SMS_URL, HUB_SMS_TOKEN (residents' notices by SMS; unset: kept in notification_outbox)
//   HUB_TLS_CERT, HUB_TLS_KEY (PEM files: serve HTTPS; reloaded on SIGHUP or when the files change)
//   HUB_TRUST_PROXY (a reverse proxy's addresses/CIDRs, comma-separated, or `true`: believe its
//     X-Forwarded-For/-Proto for client addresses, sign-in limits and Secure cookies; unset: nobody)
// Video calls (TURN/STUN, demo mediator): see server/signalling/env.ts and server/README.md.
//   HUB_RECORDING_RETENTION_DAYS (365): room recordings are deleted this many days after they start
//   HUB_LOG_FILE (HUB_DATA_DIR/logs/hub.log; `stdout`: log there instead), HUB_LOG_MAX_MB (10), HUB_LOG_KEEP (4):
//     the request log (method, path, status; never bodies or query strings), rotated at the size, that many old files kept
// A generated admin password is printed once, here, and nowhere else.

function fail(message: string): never {
  process.stderr.write(`hub: ${message}\n`);
  process.exit(1);
}

const env = process.env;
function retentionDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 36_500) fail('HUB_RECORDING_RETENTION_DAYS must be a whole number of days, 1–36500');
  return days;
}
const enrollmentCode = env.HUB_ENROLLMENT_CODE || undefined;
if (enrollmentCode !== undefined && (enrollmentCode.length < 8 || enrollmentCode.length > 200)) fail('HUB_ENROLLMENT_CODE, if set, must be 8–200 characters');
const enrollmentAttempts = env.HUB_ENROLLMENT_ATTEMPTS ? Number(env.HUB_ENROLLMENT_ATTEMPTS) : undefined;
if (enrollmentAttempts !== undefined && (!Number.isInteger(enrollmentAttempts) || enrollmentAttempts < 1)) fail('HUB_ENROLLMENT_ATTEMPTS must be a whole number of attempts per minute');
const port = Number(env.HUB_PORT ?? '8750');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('HUB_PORT must be a port number');
const host = env.HUB_HOST || '127.0.0.1';
const backupMinutes = Number(env.HUB_BACKUP_INTERVAL_MINUTES ?? '360');
if (!Number.isFinite(backupMinutes) || backupMinutes < 0) fail('HUB_BACKUP_INTERVAL_MINUTES must be a number of minutes (0: no backups)');
const backupKeep = Number(env.HUB_BACKUP_KEEP ?? '8');
if (!Number.isInteger(backupKeep) || backupKeep < 1) fail('HUB_BACKUP_KEEP must be a whole number of backups, at least 1');

if (!env.HUB_TLS_CERT !== !env.HUB_TLS_KEY) fail('HUB_TLS_CERT and HUB_TLS_KEY go together (PEM files of the certificate and its key)');
const tls = env.HUB_TLS_CERT && env.HUB_TLS_KEY ? { certFile: env.HUB_TLS_CERT, keyFile: env.HUB_TLS_KEY } : undefined;
let trustProxy: ProxyTrust = false;
try {
  trustProxy = parseProxyTrust(env.HUB_TRUST_PROXY);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

const dataDir = env.HUB_DATA_DIR || './data/hub';
const logMaxMb = Number(env.HUB_LOG_MAX_MB ?? '10');
const logKeep = Number(env.HUB_LOG_KEEP ?? '4');
if (!(logMaxMb >= 0.01) || !Number.isInteger(logKeep) || logKeep < 0) fail('HUB_LOG_MAX_MB must be a size in MB (at least 0.01) and HUB_LOG_KEEP a whole number of old files');
const logFile = env.HUB_LOG_FILE === 'stdout' ? undefined : { path: env.HUB_LOG_FILE || join(dataDir, 'logs', 'hub.log'), caps: { maxBytes: Math.round(logMaxMb * 1024 * 1024), keep: logKeep } };

let hub: Awaited<ReturnType<typeof createHub>>;
try {
  hub = await createHub({
    dataDir,
    filesDir: env.HUB_FILES_DIR || undefined,
    logger: true,
    logFile,
    databaseUrl: env.HUB_DATABASE_URL || undefined,
    enrollmentCode,
    ...(enrollmentAttempts !== undefined ? { enrollmentAttemptsPerMinute: enrollmentAttempts } : {}),
    court: { name: env.HUB_COURT_NAME || defaultCourt.name, code: env.HUB_COURT_CODE || defaultCourt.code },
    dataKey: env.HUB_DATA_KEY || undefined,
    sms: smsGatewayFromEnv(env),
    adminPassword: env.HUB_ADMIN_PASSWORD || undefined,
    signalling: signallingFromEnv(env),
    ...(env.HUB_RECORDING_RETENTION_DAYS ? { recordingRetentionDays: retentionDays(env.HUB_RECORDING_RETENTION_DAYS) } : {}),
    tls,
    trustProxy,
    backup: backupMinutes === 0 ? false : { intervalMs: backupMinutes * 60_000, keep: backupKeep },
  });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

if (hub.initialAdminPassword) console.log(`hub: console login admin / ${hub.initialAdminPassword}`);
if (hub.adminPasswordReset) console.log("hub: the admin account's password was reset to HUB_ADMIN_PASSWORD (its value changed); its sessions were ended");
for (const [username, password] of hub.initialPasswords) console.log(`hub: staff login ${username} / ${password}`);
const demoMediator = await demoMediatorFromEnv(env, hub.staff, new Date()).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
if (demoMediator) console.log(`hub: mediator console login ${demoMediator.username} / ${demoMediator.password}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await hub.close();
    console.log(`hub: stopped (${signal})`);
    process.exit(0);
  } catch (err) {
    fail(`error while stopping: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
// a renewed certificate without a restart; a pair that does not load leaves the old one serving
process.on('SIGHUP', () => {
  if (!tls) return;
  try {
    hub.reloadTls();
    console.log('hub: TLS certificate reloaded');
  } catch (err) {
    process.stderr.write(`hub: TLS certificate not reloaded, the previous one stays: ${err instanceof Error ? err.message : String(err)}\n`);
  }
});

try {
  const url = await hub.listen(port, host);
  console.log(`hub: listening on ${url}`);
} catch (err) {
  await hub.close().catch(() => undefined);
  fail(`cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
}
