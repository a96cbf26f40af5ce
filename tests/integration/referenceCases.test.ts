import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_REFERENCE_CASES_PATH, PublishedReferenceCases } from '../../shared/referenceCases/referenceCase.js';
import { referenceCasePath, referenceCasePaths } from '../../server/referenceCases/referenceCasePages.js';
import { enroll } from '../support/attachmentFixtures.js';
import { consoleRequest, consoleSignIn } from '../support/consoleCases.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// The reference-case library (典型案例) on a real hub: staff with the library ability create, edit
// (versioned, a stale edit refused with the case as it is now) and publish; everyone else is
// refused and the refusal audited; terminals get the published ones only; the console's pages
// keep every field inert.

let running: RunningHub;
let base: string;
let judge: CourtClient;
let admin: CourtClient;
let mediator: CourtClient;
let clerk: CourtClient;

const sample = {
  title: '邻里漏水纠纷调解案',
  titleEn: 'A leaking ceiling between neighbours',
  disputeType: 'neighbour',
  facts: '楼上住户水管渗漏，致楼下房屋受损。',
  outcome: '双方达成协议，楼上住户赔偿维修费三千元。',
  legalBasis: '《中华人民共和国民法典》第二百八十八条',
};

beforeAll(async () => {
  running = await startHub();
  base = running.url;
  const pw = running.hub.initialPasswords;
  admin = await signIn(base, 'admin', 'test-admin-password');
  judge = await signIn(base, 'judge', pw.get('judge')!);
  mediator = await signIn(base, 'mediator.people', pw.get('mediator.people')!);
  clerk = await signIn(base, 'clerk', pw.get('clerk')!);
});
afterAll(async () => {
  await running?.close();
});

const audited = (action: string, outcome: 'ok' | 'denied', actor: string) =>
  running.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('outcome', '=', outcome).where('actor_id', '=', actor).execute();

describe('reference cases through the court API', () => {
  it('creates, edits with the version seen, refuses a stale edit, and publishes — each audited', async () => {
    const created = await judge.call('createReferenceCase', { body: sample });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...sample, version: 1, published: false, createdBy: 'judge', updatedBy: 'judge', factsEn: null });
    const id = created.body.referenceCaseId as string;

    const edited = await admin.call('updateReferenceCase', { params: { referenceCaseId: id }, body: { outcomeEn: 'Settled: 3,000 yuan for repairs.', expectedVersion: 1 } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, outcomeEn: 'Settled: 3,000 yuan for repairs.', updatedBy: 'admin', createdBy: 'judge', title: sample.title });

    const stale = await judge.call('updateReferenceCase', { params: { referenceCaseId: id }, body: { title: '旧版本上的修改', expectedVersion: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.case).toMatchObject({ version: 2, title: sample.title });

    const published = await judge.call('publishReferenceCase', { params: { referenceCaseId: id }, body: { published: true, expectedVersion: 2 } });
    expect(published.body).toMatchObject({ published: true, version: 3 });
    expect((await judge.call('listReferenceCases', { query: 'published=true&disputeType=neighbour' })).body.referenceCases.map((c: { referenceCaseId: string }) => c.referenceCaseId)).toContain(id);
    expect((await judge.call('listReferenceCases', { query: 'disputeType=labour' })).body.referenceCases).toEqual([]);
    expect(await audited('reference_case.created', 'ok', 'judge')).toHaveLength(1);
    expect((await audited('reference_case.updated', 'ok', 'admin'))[0]).toMatchObject({ record_kind: 'reference_case', record_id: `${id}@2` });
    expect(await audited('reference_case.updated', 'ok', 'judge')).toHaveLength(0); // the stale edit changed nothing
    expect(await audited('reference_case.published', 'ok', 'judge')).toHaveLength(1);
  });

  it('refuses roles without the library (403, audited) and bad input (400 naming the field), never 5xx', async () => {
    for (const who of [mediator, clerk]) {
      expect((await who.call('createReferenceCase', { body: sample })).status).toBe(403);
      expect((await who.call('listReferenceCases')).status).toBe(403);
      expect(await audited('api.createReferenceCase', 'denied', who.username)).toHaveLength(1);
    }
    const bad = await judge.call('createReferenceCase', { body: { ...sample, disputeType: 'duel', facts: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['disputeType', 'facts']);
    expect((await judge.call('updateReferenceCase', { params: { referenceCaseId: crypto.randomUUID() }, body: { title: 'x', expectedVersion: 1 } })).status).toBe(404);
    expect((await judge.call('getReferenceCase', { params: { referenceCaseId: 'not-a-uuid' } })).status).toBe(400);
    expect((await judge.call('createReferenceCase', { body: { ...sample, title: 'x'.repeat(201) } })).status).toBe(400);
  });

  it('gives terminals the published cases only, without staff names', async () => {
    const hidden = await judge.call('createReferenceCase', { body: { ...sample, title: '未发布的案例' } });
    expect(hidden.status).toBe(201);
    const credential = await enroll(base, 'KSK-REF-01');
    expect((await fetch(`${base}${KIOSK_REFERENCE_CASES_PATH}`)).status).toBe(401);
    const res = await fetch(`${base}${KIOSK_REFERENCE_CASES_PATH}`, { headers: { authorization: `Bearer ${credential}` } });
    const body = PublishedReferenceCases.parse(await res.json());
    expect(body.referenceCases.map((c) => c.title.zh)).toEqual([sample.title]);
    expect(body.referenceCases[0]).toMatchObject({ outcome: { zh: sample.outcome, en: 'Settled: 3,000 yuan for repairs.' }, facts: { en: null } });
    expect(JSON.stringify(body)).not.toMatch(/judge|admin/);
  });
});

describe('reference cases in the console', () => {
  const script = '<script>alert(1)</script>';
  const hostile = {
    title: `${script}标题`,
    titleEn: `${script}title`,
    disputeType: 'family',
    facts: `${script}facts`,
    factsEn: `${script}facts-en`,
    outcome: `${script}outcome`,
    outcomeEn: `${script}outcome-en`,
    legalBasis: `${script}basis`,
    legalBasisEn: `${script}basis-en`,
  };

  it('lists, creates, edits and publishes through forms, every field kept inert', async () => {
    const { cookie } = await consoleSignIn(base, 'judge', running.hub.initialPasswords.get('judge')!);
    const created = await consoleRequest(base, cookie, referenceCasePaths.create, hostile);
    expect(created.status).toBe(303);
    const page = await consoleRequest(base, cookie, created.location!);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<script>');
    for (const field of Object.values(hostile).filter((v) => v !== 'family')) expect(page.html).toContain(field.replace('<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'));
    const id = created.location!.split('/').pop()!.split('?')[0]!;
    const stored = await judge.call('getReferenceCase', { params: { referenceCaseId: id } });
    expect(stored.body.title).toBe(hostile.title); // stored as typed, escaped when shown

    const saved = await consoleRequest(base, cookie, referenceCasePath(id), { ...hostile, title: '家事调解：赡养纠纷', titleEn: '', expectedVersion: '1' });
    expect(saved.status).toBe(303);
    const afterEdit = await judge.call('getReferenceCase', { params: { referenceCaseId: id } });
    expect(afterEdit.body).toMatchObject({ title: '家事调解：赡养纠纷', titleEn: null, version: 2 });

    const stale = await consoleRequest(base, cookie, referenceCasePath(id), { ...hostile, expectedVersion: '1' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('role="alert"');

    const published = await consoleRequest(base, cookie, referenceCasePath(id, true), { published: 'true', expectedVersion: '2' });
    expect(published.status).toBe(303);
    const list = await consoleRequest(base, cookie, referenceCasePaths.list);
    expect(list.html).toContain(`data-reference-case="${id}"`);
    expect(list.html).not.toContain('<script>');

    const refused = await consoleRequest(base, cookie, referenceCasePaths.create, { ...hostile, title: '' });
    expect(refused.status).toBe(400);
    // the field named by its label, what is wrong in words: never the API's field id
    const alert = /<p class="alert problem"[^>]*>([^<]*)</.exec(refused.html)?.[1] ?? '';
    expect(alert).toContain('标题：必填');
    expect(alert).not.toMatch(/title|errors\./);
    expect(refused.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;facts'); // what was typed stays in the form, inert
  });

  it('refuses a mediator and a cross-site post', async () => {
    const { cookie } = await consoleSignIn(base, 'mediator.people', running.hub.initialPasswords.get('mediator.people')!);
    expect((await consoleRequest(base, cookie, referenceCasePaths.list)).status).toBe(403);
    const judgeCookie = (await consoleSignIn(base, 'judge', running.hub.initialPasswords.get('judge')!)).cookie;
    const crossSite = await fetch(`${base}${referenceCasePaths.create}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: judgeCookie!, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams(hostile).toString(),
    });
    expect(crossSite.status).toBe(403);
  });
});
