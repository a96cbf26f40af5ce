import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnrollResponse, HubErrorBody, hubPaths, IntakeAck, type IntakeIngest } from '../../shared/hubProtocol.js';
import { createHub, type Hub, type HubOptions } from '../../server/hub.js';
import { signIn } from '../support/courtClient.js';
import { sampleIngest } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';
import { tempDir } from '../support/testDirs.js';

// The intake API against a real hub on a random loopback port with a real database.

const ENROLLMENT_CODE = 'court-enrollment-code-2026';
const running: { hub: Hub; dir: string }[] = [];

async function startHub(extra: Partial<HubOptions> = {}) {
  const dir = tempDir('hub-intake-');
  const hub = await createHub({ ...(await testDatabase(dir)), enrollmentCode: ENROLLMENT_CODE, adminPassword: 'admin-pass-1234', ...extra });
  const base = await hub.listen();
  running.push({ hub, dir });
  return { hub, base, dir };
}

afterEach(async () => {
  for (const { hub } of running.splice(0)) await hub.close();
});

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function enroll(base: string, terminalId = 'kiosk-001', code = ENROLLMENT_CODE) {
  return postJson(base + hubPaths.enroll, { enrollmentCode: code, terminalId, name: '城关区矛调中心', location: '兰州' });
}

async function credentialFor(base: string, terminalId = 'kiosk-001'): Promise<string> {
  const res = await enroll(base, terminalId);
  expect(res.status).toBe(200);
  return EnrollResponse.parse(await res.json()).credential;
}

const intake = sampleIngest;

const send = (base: string, credential: string, body: IntakeIngest, key: string = body.submissionId) =>
  postJson(base + hubPaths.intakes, body, { authorization: `Bearer ${credential}`, 'idempotency-key': key });

async function errorCode(res: Response): Promise<string> {
  return HubErrorBody.parse(await res.json()).error.code;
}

describe('hub: terminals enroll', () => {
  it('issues a credential for the right code and refuses a wrong one with 403', async () => {
    const { base, hub } = await startHub();
    const good = await enroll(base);
    expect(good.status).toBe(200);
    const body = EnrollResponse.parse(await good.json());
    expect(body.terminalId).toBe('kiosk-001');
    expect(Buffer.from(body.credential, 'base64url')).toHaveLength(32);

    const bad = await enroll(base, 'kiosk-002', 'not-the-code-at-all');
    expect(bad.status).toBe(403);
    expect(await errorCode(bad)).toBe('FORBIDDEN');
    // only a hash is stored: the credential itself is nowhere in the database
    const rows = await hub.database.db.selectFrom('terminals').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(body.credential);
    if (testEngine() !== 'sqlite') return;
    await hub.close();
    const file = fs.readFileSync(path.join(running[0]!.dir, 'hub.sqlite'));
    const wal = fs.existsSync(path.join(running[0]!.dir, 'hub.sqlite-wal')) ? fs.readFileSync(path.join(running[0]!.dir, 'hub.sqlite-wal')) : Buffer.alloc(0);
    expect(file.includes(body.credential)).toBe(false);
    expect(wal.includes(body.credential)).toBe(false);
  });

  it('an enrolled terminal id cannot enroll again, even with the code; its credential keeps working', async () => {
    const { base } = await startHub();
    const first = await credentialFor(base);
    const again = await enroll(base);
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('CONFLICT');
    expect((await send(base, first, intake())).status).toBe(201);
  });
});

describe('hub: intake ingest', () => {
  it('acknowledges a new intake with 201 and no case number (the court numbers the case later), and stores it', async () => {
    const now = new Date('2026-03-05T06:01:02.000Z');
    const { base, hub } = await startHub({ now: () => now });
    const cred = await credentialFor(base);
    const body = intake();
    const res = await send(base, cred, body);
    expect(res.status).toBe(201);
    const ack = IntakeAck.parse(await res.json());
    expect(ack).toEqual({ submissionId: body.submissionId, caseNumber: null, receivedAt: now.toISOString() });
    expect(await hub.intakes.count()).toBe(1);
    const [row] = await hub.intakes.recent(10);
    expect(row).toMatchObject({ terminalId: 'kiosk-001', provisionalNumber: body.provisionalNumber, language: 'zh-CN', caseNumber: null });
    expect(row!.application).toEqual(body.application);
  });

  it('replays the same key + same body with 200 and the identical ack; one record only', async () => {
    const { base, hub } = await startHub();
    const cred = await credentialFor(base);
    const body = intake();
    const first = await send(base, cred, body);
    const firstText = await first.text();
    expect(first.status).toBe(201);
    // same body with keys in another order is the same request
    const reordered = { application: body.application, submittedAt: body.submittedAt, language: body.language, provisionalNumber: body.provisionalNumber, submissionId: body.submissionId };
    for (const again of [body, reordered]) {
      const res = await send(base, cred, again);
      expect(res.status).toBe(200);
      expect(res.headers.get('idempotent-replayed')).toBe('true');
      expect(await res.text()).toBe(firstText);
    }
    expect(await hub.intakes.count()).toBe(1);
  });

  it('receives a filing whose applicant name is not letters ("123", refused only where a name is typed): 201, its retry 200 replayed', async () => {
    const { base, hub } = await startHub();
    const cred = await credentialFor(base);
    const sample = intake();
    // queued on a kiosk before the letters rule, or entered by other means: the court must not refuse it
    const body = { ...sample, application: { ...sample.application, applicant: { ...sample.application.applicant, name: '123' } } };
    const first = await send(base, cred, body);
    expect(first.status).toBe(201);
    const firstText = await first.text();
    const again = await send(base, cred, body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstText);
    expect((await hub.intakes.get(body.submissionId))?.application.applicant.name).toBe('123');
    expect(await hub.intakes.count()).toBe(1);
  });

  it('refuses the same key with a different body (422) or from another terminal (422)', async () => {
    const { base, hub } = await startHub();
    const cred = await credentialFor(base);
    const other = await credentialFor(base, 'kiosk-002');
    const body = intake();
    expect((await send(base, cred, body)).status).toBe(201);
    const changed = await send(base, cred, { ...body, application: { ...body.application, facts: '另一件事' } });
    expect(changed.status).toBe(422);
    expect(await errorCode(changed)).toBe('IDEMPOTENCY_KEY_REUSED');
    const foreign = await send(base, other, body);
    expect(foreign.status).toBe(422);
    expect(await hub.intakes.count()).toBe(1);
  });

  it('answers 409 while a request with the same key is still in progress', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const inHook = new Promise<void>((r) => (reached = r));
    let calls = 0;
    const { base, hub } = await startHub({
      beforeIngestCommit: async () => {
        if (calls++ > 0) return;
        reached();
        await held;
      },
    });
    const cred = await credentialFor(base);
    const body = intake();
    const first = send(base, cred, body);
    await inHook;
    const second = await send(base, cred, body);
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(await errorCode(second)).toBe('IN_PROGRESS');
    release();
    expect((await first).status).toBe(201);
    expect((await send(base, cred, body)).status).toBe(200);
    expect(await hub.intakes.count()).toBe(1);
  });

  it('requires a valid bearer credential (401)', async () => {
    const { base } = await startHub();
    await credentialFor(base);
    const body = intake();
    const none = await postJson(base + hubPaths.intakes, body, { 'idempotency-key': body.submissionId });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorCode(none)).toBe('UNAUTHORIZED');
    for (const auth of ['Bearer nonsense-credential-000000000000', 'Basic a2lvc2s6c2VjcmV0', 'Bearer', '']) {
      const res = await postJson(base + hubPaths.intakes, body, { authorization: auth, 'idempotency-key': body.submissionId });
      expect(res.status).toBe(401);
    }
  });

  it('requires an Idempotency-Key equal to submissionId (400)', async () => {
    const { base, hub } = await startHub();
    const cred = await credentialFor(base);
    const body = intake();
    const missing = await postJson(base + hubPaths.intakes, body, { authorization: `Bearer ${cred}` });
    expect(missing.status).toBe(400);
    expect(await errorCode(missing)).toBe('IDEMPOTENCY_KEY_MISSING');
    const mismatch = await send(base, cred, body, randomUUID());
    expect(mismatch.status).toBe(400);
    expect(await errorCode(mismatch)).toBe('IDEMPOTENCY_KEY_MISMATCH');
    // the structured-field form "…" of the header is accepted
    expect((await send(base, cred, body, `"${body.submissionId}"`)).status).toBe(201);
    expect(await hub.intakes.count()).toBe(1);
  });

  it('rejects invalid intakes with 400 and field issues', async () => {
    const { base } = await startHub();
    const cred = await credentialFor(base);
    const body = intake();
    const bad = { ...body, application: { ...body.application, applicant: { ...body.application.applicant, mobile: '12345' } }, extra: 1 };
    const res = await send(base, cred, bad);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
    expect(json.error.code).toBe('INVALID_INPUT');
    expect(json.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['application.applicant.mobile']));
    expect(JSON.stringify(json)).not.toContain('12345');
  });

  it("carries no number until the clerk diverts the case; then the intake's record shows the court's case number", async () => {
    const now = new Date('2026-12-31T15:59:59.000Z'); // 23:59:59 in Beijing
    const { base, hub } = await startHub({ now: () => now });
    const cred = await credentialFor(base);
    const body = intake();
    expect(IntakeAck.parse(await (await send(base, cred, body)).json()).caseNumber).toBeNull();
    expect((await hub.intakes.get(body.submissionId))?.caseNumber).toBeNull();
    const clerk = await signIn(base, 'clerk', hub.initialPasswords.get('clerk')!);
    const [found] = (await clerk.call('listCases', { query: `q=${body.provisionalNumber}` })).body.cases;
    const diverted = await clerk.call('actOnCase', {
      params: { caseId: found.caseId },
      body: { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } }, expectedSeq: 1 },
    });
    expect(diverted.status, JSON.stringify(diverted.body)).toBe(201);
    expect(diverted.body.case.caseNumber).toBe('（2026）甘0103民诉前调1号');
    expect((await hub.intakes.get(body.submissionId))?.caseNumber).toBe('（2026）甘0103民诉前调1号');
    // A replay of the intake still answers the ack as sent: the receipt's reference does not move.
    expect(IntakeAck.parse(await (await send(base, cred, body)).json()).caseNumber).toBeNull();
  });

  it('keeps records across a restart on the same data directory', async () => {
    const { base, hub, dir } = await startHub();
    const cred = await credentialFor(base);
    const body = intake();
    const first = await (await send(base, cred, body)).text();
    await hub.close();
    const again = await createHub({ ...(await testDatabase(dir)), enrollmentCode: ENROLLMENT_CODE });
    expect(again.initialAdminPassword).toBeNull();
    const base2 = await again.listen();
    try {
      const replay = await send(base2, cred, body);
      expect(replay.status).toBe(200);
      expect(await replay.text()).toBe(first);
      expect((await send(base2, cred, intake())).status).toBe(201);
      expect(await again.intakes.count()).toBe(2);
    } finally {
      await again.close();
    }
  });
});
