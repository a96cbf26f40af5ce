import { randomUUID } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollResponse, HubErrorBody, hubPaths, IntakeIngest } from '../../shared/hubProtocol.js';
import { createHub, type Hub } from '../../server/hub.js';
import { ascii, isHtmlPage, requestArb, validIntake, type FuzzRequest } from '../support/randomHubRequests.js';
import { testDatabase } from '../support/hubEngine.js';
import { tempDir } from '../support/testDirs.js';

// Property-based fuzzing of every hub endpoint over real HTTP. Whatever arrives, the hub answers
// < 500, API errors are JSON `HubErrorBody`s (the tus upload endpoint answers in the tus
// protocol's plain text), and it still answers health afterwards.

const CODE = 'court-enrollment-code-2026';
const PASSWORD = 'fuzz-admin-password';
let hub: Hub;
let base: string;
let dir: string;
let credA: string;
let credB: string;
let usedKey: string;
let usedBody: IntakeIngest;
let created = 0;
/** An unfinished upload of terminal A (4096 bytes declared, none sent) for the tus fuzz to poke at. */
let liveUpload: string;

const b64 = (s: string) => Buffer.from(s).toString('base64');
const uploadMetadata = (submissionId: string = randomUUID(), sha = 'ab'.repeat(32), mime = 'image/jpeg') => `submissionId ${b64(submissionId)},sha256 ${b64(sha)},mimeType ${b64(mime)}`;
const isUploadPath = (pathname: string) => pathname === hubPaths.uploads || pathname.startsWith(`${hubPaths.uploads}/`);

async function enroll(terminalId: string): Promise<string> {
  const res = await fetch(base + hubPaths.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: CODE, terminalId, name: 'Fuzz kiosk' }),
  });
  return EnrollResponse.parse(await res.json()).credential;
}

async function post(url: string, body: unknown, cred: string, key: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${cred}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  dir = tempDir('hub-fuzz-');
  hub = await createHub({ ...(await testDatabase(dir)), enrollmentCode: CODE, adminPassword: PASSWORD });
  base = await hub.listen();
  credA = await enroll('fuzz-a');
  credB = await enroll('fuzz-b');
  usedBody = validIntake();
  usedKey = usedBody.submissionId;
  expect((await post(base + hubPaths.intakes, usedBody, credA, usedKey)).status).toBe(201);
  created = 1;
  const upload = await fetch(base + hubPaths.uploads, {
    method: 'POST',
    headers: { 'tus-resumable': '1.0.0', 'upload-length': '4096', 'upload-metadata': uploadMetadata(), authorization: `Bearer ${credA}` },
  });
  expect(upload.status).toBe(201);
  liveUpload = upload.headers.get('location')!;
});

afterAll(async () => {
  await hub.close();
});

async function healthy(): Promise<void> {
  const res = await fetch(base + hubPaths.health);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

async function sendFuzz(r: FuzzRequest): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = v;
  if (headers.authorization === 'Bearer VALID') headers.authorization = `Bearer ${credA}`;
  if (headers['idempotency-key'] === 'USED') headers['idempotency-key'] = usedKey;
  let body = r.body;
  if (body === 'VALID_INTAKE') {
    const intake = validIntake(headers['idempotency-key'] && /^[0-9a-f-]{36}$/.test(headers['idempotency-key']) ? headers['idempotency-key'] : undefined);
    body = JSON.stringify(intake);
  }
  if (body === 'VALID_ENROLL') body = JSON.stringify({ enrollmentCode: CODE, terminalId: 'fuzz-c', name: 'Fuzz kiosk' });
  const withBody = r.method !== 'GET' && r.method !== 'HEAD' && body !== undefined;
  return fetch(base + r.path, { method: r.method, headers, ...(withBody ? { body } : {}) });
}

describe('hub: fuzzing', () => {
  it('answers every random request with < 500, and API errors as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const res = await sendFuzz(r);
        expect(res.status).toBeLessThan(500);
        const text = await res.text();
        if (res.status === 201) created++;
        if (r.method === 'HEAD' || res.status < 400) return;
        const pathname = new URL(base + r.path).pathname;
        const isJson = (res.headers.get('content-type') ?? '').startsWith('application/json');
        if (!isHtmlPage(pathname) && !isUploadPath(pathname)) expect(isJson).toBe(true);
        if (isJson) expect(HubErrorBody.safeParse(JSON.parse(text)).success).toBe(true);
      }),
      { numRuns: 500 },
    );
    await healthy();
    expect(await hub.intakes.count()).toBe(created);
  });

  it('accepts a mutated intake exactly when the shared schema does (201) and otherwise answers 400', async () => {
    const fieldArb = fc.constantFrom(
      'submissionId',
      'provisionalNumber',
      'language',
      'submittedAt',
      'application',
      'application.applicant',
      'application.claims',
      'application.disputeType',
      'application.facts',
      'application.extra',
      'extra',
    );
    const valueArb = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 30 }), fc.constantFrom('13800001111', '138 0000 1111', 'other', 'en', '2026-01-01T00:00:00Z', '', '   '));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fieldArb, valueArb), { maxLength: 3 }), async (mutations) => {
        const key = randomUUID();
        const body = validIntake(key) as unknown as Record<string, unknown>;
        for (const [field, value] of mutations) {
          const application = body.application;
          if (field.startsWith('application.') && application !== null && typeof application === 'object' && !Array.isArray(application)) {
            (application as Record<string, unknown>)[field.slice('application.'.length)] = value;
          } else body[field] = value;
        }
        const res = await post(base + hubPaths.intakes, body, credA, key);
        const json = (await res.json()) as unknown;
        const expected = IntakeIngest.safeParse(JSON.parse(JSON.stringify(body)));
        const accepted = expected.success && expected.data.submissionId === key;
        if (res.status === 201) created++;
        expect(res.status).toBe(accepted ? 201 : 400);
        if (!accepted) expect(HubErrorBody.safeParse(json).success).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(await hub.intakes.count()).toBe(created);
  });

  it('replayed, reused and forged idempotency keys follow the model', async () => {
    const opArb = fc.record({
      key: fc.nat(2),
      variant: fc.nat(2),
      header: fc.constantFrom('same', 'quoted', 'other', 'missing'),
      auth: fc.constantFrom('a', 'a', 'b', 'forged', 'none'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const keys = [randomUUID(), randomUUID(), randomUUID()];
        const seen = new Map<string, { variant: number; auth: string; text: string }>();
        for (const op of ops) {
          const key = keys[op.key]!;
          const body = { ...validIntake(key), provisionalNumber: `V${op.variant}` };
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (op.auth === 'a' || op.auth === 'b') headers.authorization = `Bearer ${op.auth === 'a' ? credA : credB}`;
          if (op.auth === 'forged') headers.authorization = `Bearer ${randomUUID().replace(/-/g, '')}`;
          if (op.header === 'same') headers['idempotency-key'] = key;
          if (op.header === 'quoted') headers['idempotency-key'] = `"${key}"`;
          if (op.header === 'other') headers['idempotency-key'] = randomUUID();
          const res = await fetch(base + hubPaths.intakes, { method: 'POST', headers, body: JSON.stringify(body) });
          const text = await res.text();
          const prior = seen.get(key);
          if (op.auth === 'forged' || op.auth === 'none') expect(res.status).toBe(401);
          else if (op.header === 'missing' || op.header === 'other') expect(res.status).toBe(400);
          else if (!prior) {
            expect(res.status).toBe(201);
            created++;
            seen.set(key, { variant: op.variant, auth: op.auth, text });
          } else if (prior.variant === op.variant && prior.auth === op.auth) {
            expect(res.status).toBe(200);
            expect(text).toBe(prior.text);
          } else {
            expect(res.status).toBe(422);
          }
          if (res.status >= 400) expect(HubErrorBody.safeParse(JSON.parse(text)).success).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
    expect(await hub.intakes.count()).toBe(created);
    const replay = await post(base + hubPaths.intakes, usedBody, credA, usedKey);
    expect(replay.status).toBe(200);
  });

  it('answers every random tus request on the upload endpoint with < 500, and uploads still work', async () => {
    const num = fc.oneof(fc.nat({ max: 20_000 }).map(String), fc.constantFrom('-1', '1e3', '0x10', '', ' 5', '99999999999999999999', String(10 * 1024 * 1024 + 1)), ascii(12));
    const tusHeaders = fc.record(
      {
        'tus-resumable': fc.oneof({ arbitrary: fc.constant('1.0.0'), weight: 6 }, fc.constantFrom('0.2.2', '1.0', ''), ascii(10)),
        authorization: fc.oneof(
          { arbitrary: fc.constant('VALID'), weight: 5 },
          fc.constant('OTHER'),
          ascii(40),
          ascii(30).map((x) => `Bearer ${x}`),
        ),
        'upload-length': num,
        'upload-offset': num,
        'upload-defer-length': fc.constantFrom('1', '0', 'yes'),
        'upload-metadata': fc.oneof(
          { arbitrary: fc.constant('VALID'), weight: 4 },
          fc.tuple(fc.uuid(), fc.stringMatching(/^[0-9a-f]{64}$/), fc.constantFrom('image/png', 'image/jpeg', 'text/html', 'application/pdf')).map(([u, h, m]) => uploadMetadata(u, h, m)),
          fc.dictionary(fc.stringMatching(/^[a-zA-Z_]{1,12}$/), fc.string({ maxLength: 20 })).map((d) =>
            Object.entries(d)
              .map(([k, v]) => `${k} ${b64(v)}`)
              .join(','),
          ),
          fc.constantFrom('submissionId', '__proto__ eA==', 'constructor eA==', 'a b c', 'a ###', ',', 'a eA==,a eA=='),
          ascii(60),
        ),
        'upload-concat': fc.constantFrom('partial', 'final;/api/v1/uploads/x /api/v1/uploads/y', 'final;', 'nope'),
        'content-type': fc.oneof({ arbitrary: fc.constant('application/offset+octet-stream'), weight: 4 }, fc.constantFrom('application/json', 'text/plain', ''), ascii(30)),
        'x-http-method-override': fc.constantFrom('PATCH', 'DELETE', 'GET', 'HEAD'),
        'x-forwarded-proto': fc.constantFrom('https', 'ftp', ''),
        'x-forwarded-host': ascii(30),
        forwarded: ascii(40),
      },
      { requiredKeys: [] },
    );
    const tusPath = fc.oneof(
      { arbitrary: fc.constant(hubPaths.uploads), weight: 4 },
      { arbitrary: fc.constant('LIVE'), weight: 4 },
      fc.stringMatching(/^[0-9a-f]{32}$/).map((id) => `${hubPaths.uploads}/${id}`),
      ascii(40).map((x) => `${hubPaths.uploads}/${encodeURIComponent(x)}`),
      fc.constantFrom(`${hubPaths.uploads}/`, `${hubPaths.uploads}/..`, `${hubPaths.uploads}/%2e%2e%2fhub.sqlite`, `${hubPaths.uploads}/a/b`, `${hubPaths.uploads}/%00`, `${hubPaths.uploads}?x=1`),
    );
    const tusRequest = fc.record({
      method: fc.constantFrom('POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS', 'GET', 'PUT'),
      path: tusPath,
      headers: tusHeaders,
      body: fc.oneof(fc.constant(undefined), fc.uint8Array({ maxLength: 6000 }), fc.constant(new Uint8Array(5000).fill(0xff))),
    });
    await fc.assert(
      fc.asyncProperty(tusRequest, async (r) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = v;
        if (headers.authorization === 'VALID') headers.authorization = `Bearer ${credA}`;
        if (headers.authorization === 'OTHER') headers.authorization = `Bearer ${credB}`;
        if (headers['upload-metadata'] === 'VALID') headers['upload-metadata'] = uploadMetadata();
        const path = r.path === 'LIVE' ? liveUpload : r.path;
        const withBody = r.method !== 'GET' && r.method !== 'HEAD' && r.body !== undefined;
        const res = await fetch(base + path, { method: r.method, headers, ...(withBody ? { body: r.body } : {}) });
        expect(res.status).toBeLessThan(500);
        const text = await res.text();
        if (r.method !== 'HEAD' && (res.headers.get('content-type') ?? '').startsWith('application/json')) {
          expect(HubErrorBody.safeParse(JSON.parse(text)).success).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    await healthy();
    // The endpoint still does its job: a whole, honest upload is created, written and verified.
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const submissionId = randomUUID();
    const made = await fetch(base + hubPaths.uploads, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': uploadMetadata(submissionId, sha), authorization: `Bearer ${credA}` },
    });
    expect(made.status).toBe(201);
    const patched = await fetch(base + made.headers.get('location')!, {
      method: 'PATCH',
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', authorization: `Bearer ${credA}` },
      body: bytes,
    });
    expect(patched.status).toBe(204);
    expect(await hub.intakes.attachment(submissionId, sha)).not.toBeNull();
  });

  it('survives deeply nested JSON and broken HTTP on the raw socket', async () => {
    const deep = '['.repeat(120_000) + ']'.repeat(120_000);
    for (const p of [hubPaths.intakes, hubPaths.enroll]) {
      const res = await fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credA}`, 'idempotency-key': usedKey }, body: deep });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const { port } = new URL(base);
    const raw = [
      'GARBAGE\r\n\r\n',
      `POST ${hubPaths.intakes} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":1}`,
      `POST ${hubPaths.enroll} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
      `POST ${hubPaths.enroll} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      `GET ${hubPaths.health} HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n`,
    ];
    // tus: a chunked PATCH longer than the upload, a body shorter than its Content-Length, a
    // malformed Host (tus builds request URLs from it). Any answer but a 5xx will do here.
    const rawTus = [
      `PATCH ${liveUpload} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer ${credA}\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n1400\r\n${'x'.repeat(5120)}\r\n0\r\n\r\n`,
      `PATCH ${liveUpload} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer ${credA}\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: 100\r\n\r\nshort`,
      `POST ${hubPaths.uploads} HTTP/1.1\r\nHost: [::1\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer ${credA}\r\nUpload-Length: 10\r\nUpload-Metadata: ${uploadMetadata()}\r\n\r\n`,
    ];
    for (const request of [...raw, ...rawTus]) {
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1');
        let data = '';
        // The hub answers or closes once our half of the connection ends; on a busy machine that
        // can take a while, and giving up sooner would count as "no 5xx" without an answer.
        socket.setTimeout(20_000, () => socket.destroy());
        socket.on('data', (d) => (data += d.toString('latin1')));
        socket.on('close', () => resolve(data));
        socket.on('error', () => undefined);
        socket.end(request);
      });
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? '0');
      if (rawTus.includes(request)) expect(status).toBeLessThan(500);
      else expect(status === 0 || (status >= 400 && status < 500)).toBe(true);
    }
    await healthy();
  });
});
