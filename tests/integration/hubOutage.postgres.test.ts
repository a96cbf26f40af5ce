import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { INTAKE_STATUS_PATH, STATUS_PAGE_PREFIX } from '../../shared/caseStatus.js';
import { HubErrorBody, hubPaths, IntakeAck } from '../../shared/hubProtocol.js';
import { playlistPaths } from '../../shared/playlist.js';
import { signallingPaths } from '../../shared/signalling.js';
import { isDatabaseUnavailable } from '../../server/db/failures.js';
import { sampleIngest, tempDir } from '../support/fixtures.js';
import { ADMIN_PASSWORD, startHub, type RunningHub } from '../support/hubHarness.js';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../support/postgresCluster.js';
import { enrollTerminal } from '../support/signallingClients.js';

// PostgreSQL stops under a running hub: every door that needs the database answers 503 with
// Retry-After (JSON on the API, HTML on pages, the tus protocol's text on uploads, an HTTP 503 on
// the signalling upgrade) — never a 500, never a crash, nothing half-stored — and the hub serves
// again by itself once PostgreSQL is back. The cluster is this file's own, so stopping it
// disturbs no other test.

let cluster: PostgresCluster;
let h: RunningHub;
let credential: string;
let cookie: string;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  h = await startHub({ dataDir: tempDir('hub-outage-'), databaseUrl: await createDatabase(cluster) });
  credential = await enrollTerminal(h.url, 'KSK-OUTAGE-1');
  const login = await fetch(new URL('/console/login', h.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(h.url).origin },
    body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD }).toString(),
    redirect: 'manual',
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
}, 120_000);

afterAll(async () => {
  await h?.close();
  await cluster?.destroy();
});

const bearer = () => ({ authorization: `Bearer ${credential}` });
const sendIntake = (body: ReturnType<typeof sampleIngest>) =>
  fetch(new URL(hubPaths.intakes, h.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': body.submissionId, ...bearer() },
    body: JSON.stringify(body),
  });

/** The status and Retry-After of a signalling upgrade. */
function upgrade(path: string, headers: Record<string, string>): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(new URL(path, h.url.replace('http', 'ws')), { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
      res.resume();
    });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, retryAfter: undefined });
    });
    ws.once('error', (error) => reject(error));
  });
}

describe('hub with PostgreSQL stopped', () => {
  it('answers 503 with Retry-After at every door, then recovers by itself when PostgreSQL returns', async () => {
    const before = sampleIngest();
    expect((await sendIntake(before)).status).toBe(201);
    // PostgreSQL stops while one of the hub's pooled connections is checked out between two
    // queries of a transaction: that transaction fails as unavailable, and the hub lives on.
    const midTransaction = h.hub.database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await cluster.stop();
      await sql`select 1`.execute(trx);
    });
    expect(
      isDatabaseUnavailable(
        await midTransaction.then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    ).toBe(true);

    const whileDown = sampleIngest();
    const intake = await sendIntake(whileDown);
    expect(intake.status).toBe(503);
    expect(intake.headers.get('retry-after')).toBe('5');
    // Said in the language asked for (Chinese unless English is preferred), not only as a code.
    expect(HubErrorBody.parse(await intake.json()).error).toEqual({ code: 'UNAVAILABLE', message: '法院服务暂时无法连接数据库，请稍后重试' });
    const inEnglish = await fetch(new URL(hubPaths.intakes, h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': whileDown.submissionId, 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5', ...bearer() },
      body: JSON.stringify(whileDown),
    });
    expect([inEnglish.status, HubErrorBody.parse(await inEnglish.json()).error.message]).toEqual([503, 'The court hub cannot reach its database; retry later']);

    const json = [
      await sendIntake(before), // even a replay needs the record
      await fetch(new URL(hubPaths.enroll, h.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentCode: 'test-enrollment-code-0001', terminalId: 'KSK-OUTAGE-2', name: 'B' }),
      }),
      await fetch(new URL(playlistPaths.manifest, h.url), { headers: bearer() }),
      await fetch(new URL('/api/v1/console/intakes', h.url), { headers: { cookie } }),
      await fetch(new URL(INTAKE_STATUS_PATH, h.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer() },
        body: JSON.stringify({ provisionalNumber: before.provisionalNumber, mobile: '13912345678' }),
      }),
    ];
    for (const res of json) {
      expect([res.url, res.status, res.headers.get('retry-after')]).toEqual([res.url, 503, '5']);
      expect(HubErrorBody.parse(await res.json()).error.code).toBe('UNAVAILABLE');
    }

    const pages = [
      await fetch(new URL('/console', h.url), { headers: { cookie } }),
      await fetch(new URL(`${STATUS_PAGE_PREFIX}/${encodeURIComponent(before.provisionalNumber)}`, h.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(h.url).origin },
        body: 'mobile=13912345678',
      }),
    ];
    for (const res of pages) {
      expect([res.url, res.status, res.headers.get('retry-after'), res.headers.get('content-type')]).toEqual([res.url, 503, '5', 'text/html; charset=utf-8']);
      expect(await res.text()).toContain('法院服务暂时无法连接数据库，请稍后重试');
    }

    const upload = await fetch(new URL(hubPaths.uploads, h.url), {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', ...bearer() },
    });
    expect([upload.status, upload.headers.get('retry-after')]).toEqual([503, '5']);

    expect(await upgrade(signallingPaths.kiosk, bearer())).toEqual({ status: 503, retryAfter: '5' });
    // The process itself is fine.
    expect((await fetch(new URL(hubPaths.health, h.url))).status).toBe(200);

    await cluster.start();
    // The kiosk retries what it could not deliver: recorded now, once; the earlier one replays.
    const delivered = await sendIntake(whileDown);
    expect(delivered.status).toBe(201);
    const ack = IntakeAck.parse(await delivered.json());
    const replay = await sendIntake(before);
    expect(replay.status).toBe(200);
    expect(ack).toMatchObject({ submissionId: whileDown.submissionId, caseNumber: null });
    expect((await fetch(new URL('/console', h.url), { headers: { cookie } })).status).toBe(200);
    expect(await upgrade(signallingPaths.kiosk, bearer())).toEqual({ status: 101, retryAfter: undefined });
    expect((await h.intakes()).map((r) => r.submission_id)).toEqual([before.submissionId, whileDown.submissionId]);
  });
});
