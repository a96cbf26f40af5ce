import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubPaths, type IntakeIngest, type UploadMetadata } from '../../shared/hubProtocol.js';
import { enroll, jpeg, pdf, sha256, tusUpload } from '../support/attachmentFixtures.js';
import { sampleIngest } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// The hub side of attachments over real HTTP: the tus endpoint's checks (credential, ownership,
// metadata, checksum, type), acknowledgement only when every attachment is verified, and the
// staff route that serves a verified file.

let h: RunningHub;
let credA: string;
let credB: string;
beforeAll(async () => {
  h = await startHub();
  credA = await enroll(h.url, 'kiosk-a');
  credB = await enroll(h.url, 'kiosk-b');
});
afterAll(() => h.close());

const uploadsUrl = () => new URL(hubPaths.uploads, h.url).toString();
const meta = (data: Buffer, submissionId: string = randomUUID(), mimeType: UploadMetadata['mimeType'] = 'image/jpeg'): UploadMetadata => ({ submissionId, sha256: sha256(data), mimeType });
const tus = (method: string, url: string, headers: Record<string, string> = {}, body?: Buffer) =>
  fetch(url, { method, headers: { 'tus-resumable': '1.0.0', ...headers }, ...(body ? { body: new Uint8Array(body) } : {}) });
const b64 = (s: string) => Buffer.from(s).toString('base64');

function intake(submissionId: string, attachments: IntakeIngest['attachments']): IntakeIngest {
  return sampleIngest({ submissionId, provisionalNumber: 'KSK-1-260305-0001', ...(attachments ? { attachments } : {}) });
}
const sendIntake = (cred: string, body: IntakeIngest) =>
  fetch(new URL(hubPaths.intakes, h.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${cred}`, 'idempotency-key': body.submissionId },
    body: JSON.stringify(body),
  });

describe('hub: attachment uploads', () => {
  it('keeps an upload only when its bytes hash to the declared sha256 (else 460, file deleted)', async () => {
    const photo = jpeg(150_000);
    const lie = { ...meta(photo), sha256: sha256(jpeg(10)) };
    const refused = await tusUpload(h.url, credA, photo, lie);
    expect(refused.status).toBe(460);
    expect(await h.hub.intakes.attachment(lie.submissionId, lie.sha256)).toBeNull();
    const id = refused.url!.split('/').pop()!;
    expect(existsSync(join(h.dataDir, 'uploads', id))).toBe(false);
    expect((await tus('HEAD', refused.url!, { authorization: `Bearer ${credA}` })).status).toBe(404);

    const wrongType = await tusUpload(h.url, credA, photo, { ...meta(photo), mimeType: 'application/pdf' });
    expect(wrongType.status).toBe(415);

    const good = await tusUpload(h.url, credA, photo, meta(photo, lie.submissionId));
    expect(good.status).toBeNull();
    expect(await h.hub.intakes.attachment(lie.submissionId, sha256(photo))).toMatchObject({ terminalId: 'kiosk-a', size: photo.length });
  });

  it('acknowledges an intake only when all its attachments are verified (409 ATTACHMENTS_INCOMPLETE until then)', async () => {
    const id = randomUUID();
    const [photo, scan] = [jpeg(80_000), pdf(20_000)];
    const list = [
      { sha256: sha256(photo), mimeType: 'image/jpeg' as const, size: photo.length, label: '现场照片' },
      { sha256: sha256(scan), mimeType: 'application/pdf' as const, size: scan.length },
    ];
    expect((await tusUpload(h.url, credA, photo, meta(photo, id))).status).toBeNull();
    const early = await sendIntake(credA, intake(id, list));
    expect(early.status).toBe(409);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(await early.json()).toEqual({ error: { code: 'ATTACHMENTS_INCOMPLETE', message: expect.any(String), missing: [sha256(scan)] } });
    expect(await h.hub.intakes.intakeKey(id)).toBeNull();

    // The same file uploaded by another terminal does not count for this one.
    expect((await tusUpload(h.url, credB, scan, meta(scan, id, 'application/pdf'))).status).toBe(403);
    expect((await tusUpload(h.url, credA, scan, meta(scan, id, 'application/pdf'))).status).toBeNull();
    const done = await sendIntake(credA, intake(id, list));
    expect(done.status).toBe(201);
    const ackText = await done.text();
    const replay = await sendIntake(credA, intake(id, list));
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe(ackText);
    // Attachments are part of the request's fingerprint.
    expect((await sendIntake(credA, intake(id, [list[0]!]))).status).toBe(422);
    expect((await sendIntake(credA, intake(id, [{ ...list[0]!, label: '别的' }, list[1]!]))).status).toBe(422);
    expect((await h.hub.intakes.recent(1))[0]!.attachments).toEqual(list);
  });

  it('refuses an intake whose attachment details contradict the verified file (400)', async () => {
    const id = randomUUID();
    const photo = jpeg(10_000);
    await tusUpload(h.url, credA, photo, meta(photo, id));
    const res = await sendIntake(credA, intake(id, [{ sha256: sha256(photo), mimeType: 'image/jpeg', size: photo.length + 1 }]));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [{ path: 'attachments.0' }] } });
  });

  it('keeps one verified copy when the same file is uploaded twice', async () => {
    const id = randomUUID();
    const photo = jpeg(5000);
    const first = await tusUpload(h.url, credA, photo, meta(photo, id));
    const second = await tusUpload(h.url, credA, photo, meta(photo, id));
    expect([first.status, second.status]).toEqual([null, null]);
    expect((await h.hub.intakes.attachment(id, sha256(photo)))!.uploadId).toBe(first.url!.split('/').pop());
    expect(existsSync(join(h.dataDir, 'uploads', second.url!.split('/').pop()!))).toBe(false);
  });

  it('checks credential, ownership, metadata and length, and never serves uploads back', async () => {
    const photo = jpeg(1000);
    const m = meta(photo);
    const metaHeader = `submissionId ${b64(m.submissionId)},sha256 ${b64(m.sha256)},mimeType ${b64(m.mimeType)}`;
    const create = (headers: Record<string, string>) => tus('POST', uploadsUrl(), { 'upload-length': '1000', 'upload-metadata': metaHeader, ...headers });
    expect((await create({})).status).toBe(401);
    expect((await create({ authorization: 'Bearer not-a-real-credential-at-all' })).status).toBe(401);
    // the credential first, whatever the protocol's own headers say (tus would answer 412/400 first)
    const bare = (method: string, url: string, headers: Record<string, string>) => fetch(url, { method, headers });
    expect((await bare('POST', uploadsUrl(), { 'upload-length': '1000', 'upload-metadata': metaHeader })).status).toBe(401);
    expect((await create({ 'tus-resumable': '0.2.2', 'upload-length': 'many' })).status).toBe(401);
    expect((await bare('HEAD', `${uploadsUrl()}/${'a'.repeat(32)}`, {})).status).toBe(401);
    expect((await bare('PATCH', `${uploadsUrl()}/${'a'.repeat(32)}`, { 'upload-offset': 'x' })).status).toBe(401);
    expect((await bare('DELETE', `${uploadsUrl()}/${'a'.repeat(32)}`, { authorization: 'Bearer not-a-real-credential-at-all' })).status).toBe(401);
    const auth = { authorization: `Bearer ${credA}` };
    expect((await create({ ...auth, 'upload-metadata': `submissionId ${b64(m.submissionId)}` })).status).toBe(400);
    expect((await create({ ...auth, 'upload-metadata': `submissionId ${b64('x')},sha256 ${b64(m.sha256)},mimeType ${b64('text/html')}` })).status).toBe(400);
    expect((await tus('POST', uploadsUrl(), { ...auth, 'upload-defer-length': '1', 'upload-metadata': metaHeader })).status).toBe(400);
    expect((await create({ ...auth, 'upload-length': '0' })).status).toBe(400);
    expect((await create({ ...auth, 'upload-length': String(10 * 1024 * 1024 + 1) })).status).toBe(413);
    expect((await create({ ...auth, 'upload-concat': 'partial' })).status).toBe(400);

    const created = await create(auth);
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]{32}$/); // relative: never built from Host headers
    const url = new URL(location, h.url).toString();
    const head = await tus('HEAD', url, auth);
    expect([head.status, head.headers.get('upload-offset'), head.headers.get('upload-length')]).toEqual([200, '0', '1000']);
    // Another terminal sees nothing, and cannot write or delete.
    const other = { authorization: `Bearer ${credB}` };
    expect((await tus('HEAD', url, other)).status).toBe(404);
    expect((await tus('PATCH', url, { ...other, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, photo)).status).toBe(404);
    expect((await tus('DELETE', url, other)).status).toBe(404);
    const patched = await tus('PATCH', url, { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, photo);
    expect(patched.status).toBe(204);
    // An empty PATCH at the end "finishes" the upload again; the verified file must stay.
    const again = await tus('PATCH', url, { ...auth, 'upload-offset': '1000', 'content-type': 'application/offset+octet-stream' }, Buffer.alloc(0));
    expect(again.status).toBe(204);
    // Finished and verified: a court record now, which the terminal can neither read nor delete.
    expect((await tus('DELETE', url, auth)).status).toBe(400);
    const read = await fetch(url, { headers: auth });
    expect(read.status).toBe(405);
    expect(await read.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    expect(await h.hub.intakes.attachment(m.submissionId, m.sha256)).not.toBeNull();
    expect(readdirSync(join(h.dataDir, 'uploads'))).toContain(location.split('/').pop());
  });
});

describe('hub: console attachments', () => {
  async function cookie(username = 'clerk', password = h.hub.initialPasswords.get(username)!): Promise<string> {
    const res = await fetch(new URL('/console/login', h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      // the filing clerk: the application is a case's, and court admins work on accounts, not cases
      body: new URLSearchParams({ username, password }).toString(),
      redirect: 'manual',
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  it("opens an attachment by the rule that opens a party's data, and audits every opening", async () => {
    const id = randomUUID();
    const photo = jpeg(2_000);
    await tusUpload(h.url, credA, photo, meta(photo, id, 'image/jpeg'));
    const entry = { sha256: sha256(photo), mimeType: 'image/jpeg' as const, size: photo.length, label: '照片' };
    expect((await sendIntake(credA, intake(id, [entry]))).status).toBe(201);
    const path = `/console/attachments/${id}/${entry.sha256}`;
    const openings = (actor: string) =>
      h.hub.database.db.selectFrom('audit_log').select(['outcome', 'record_kind', 'record_id']).where('actor_id', '=', actor).where('action', '=', 'attachment.opened').execute();
    const open = async (who: string, password?: string) => fetch(new URL(path, h.url), { headers: { cookie: await cookie(who, password), 'accept-language': 'en' }, redirect: 'manual' });

    // the filing clerk (every case is theirs to read): the file, and a row saying so
    const clerk = await open('clerk');
    expect(clerk.status).toBe(200);
    expect(Buffer.from(await clerk.arrayBuffer())).toEqual(photo);
    // the file's own policy lets nothing load, not even a stylesheet
    expect(clerk.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(await openings('clerk')).toEqual([{ outcome: 'ok', record_kind: 'attachment', record_id: entry.sha256 }]);
    // a role that opens no personal data: refused in both languages, audited
    for (const [who, password] of [['viewer'], ['admin', 'test-admin-password']] as const) {
      const refused = await open(who, password);
      expect(refused.status, who).toBe(403);
      const html = await refused.text();
      expect(html).toContain('您的角色不能办理这一事项');
      expect(html).toContain('Your role may not do this');
      // the refusal page is the staff pages' look: its stylesheet, allowed by its own policy (never the file's policy loosened)
      expect(refused.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'self';/);
      expect(html).toContain('<link rel="stylesheet" href="/console/console.css">');
      expect(await openings(who)).toEqual([{ outcome: 'denied', record_kind: 'ability', record_id: 'openPersonalData' }]);
    }
    // a mediator whose organisation the case was not diverted to: as if it did not exist, audited as out of scope
    const mediator = await open('mediator.people');
    expect(mediator.status).toBe(404);
    expect(mediator.headers.get('content-security-policy')).toMatch(/style-src 'self'/);
    expect(await mediator.text()).not.toContain(entry.sha256);
    expect(await openings('mediator.people')).toEqual([{ outcome: 'denied', record_kind: 'reason', record_id: 'OUT_OF_SCOPE' }]);
  });

  it('lists each intake with its attachments and serves a file inline, as what it was verified to be', async () => {
    const id = randomUUID();
    const scan = pdf(30_000);
    await tusUpload(h.url, credA, scan, meta(scan, id, 'application/pdf'));
    const entry = { sha256: sha256(scan), mimeType: 'application/pdf' as const, size: scan.length, label: '<b>合同</b>' };
    expect((await sendIntake(credA, intake(id, [entry]))).status).toBe(201);
    const staff = await cookie();

    const listed = async (query: string) =>
      (
        (await (await fetch(new URL(`/api/v1/console/intakes${query}`, h.url), { headers: { cookie: staff } })).json()) as {
          intakes: Array<{ submissionId: string; attachments: unknown[] }>;
        }
      ).intakes.find((i) => i.submissionId === id)!.attachments;
    // the label is the resident's own words: left out until the parties are opened
    const { label: _label, ...unlabelled } = entry;
    expect(await listed('')).toEqual([unlabelled]);
    expect(await listed('?reveal=parties')).toEqual([entry]);
    const html = await (await fetch(new URL(`/console/intakes/${id}?reveal=parties`, h.url), { headers: { cookie: staff } })).text();
    const path = `/console/attachments/${id}/${entry.sha256}`;
    expect(html).toContain(`href="${path}"`);
    expect(html).toContain('&lt;b&gt;合同&lt;/b&gt;');

    const file = await fetch(new URL(path, h.url), { headers: { cookie: staff } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('inline');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(scan);

    const anonymous = await fetch(new URL(path, h.url), { redirect: 'manual' });
    // to the sign-in, which comes back to the file
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, `/console?next=${encodeURIComponent(path)}`]);
    for (const bad of [`/console/attachments/${id}/${'0'.repeat(64)}`, `/console/attachments/nope/${entry.sha256}`, `/console/attachments/${id}/..%2F..%2Fhub.sqlite`]) {
      expect((await fetch(new URL(bad, h.url), { headers: { cookie: staff } })).status).toBe(404);
    }
  });
});
