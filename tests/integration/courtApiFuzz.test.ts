import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtRoutes, type CourtRoute, type CourtRouteName } from '../../shared/courtApi/routes.js';
import { CourtErrorBody } from '../../shared/courtApi/errors.js';
import { sampleApplication } from '../support/fixtures.js';
import { signIn, tokenClient } from '../support/courtClient.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// Property-based fuzzing of every route of the court API's table (shared/courtApi/routes.ts) over
// real HTTP, as an admin, a filing clerk, a mediator and nobody: random and mutated parameters,
// queries and bodies. Whatever arrives, the hub answers < 500 with a JSON error body for every
// refusal, and still serves afterwards. Then free text full of HTML stays inert in every answer.

let running: RunningHub;
let base: string;
const callers: Record<string, Record<string, string>> = { nobody: {} };
let caseId: string;

const names = Object.keys(courtRoutes) as CourtRouteName[];
const MARKUP = '<script>alert(1)</script><img src=x onerror=alert(1)>';

beforeAll(async () => {
  running = await startHub();
  base = running.url;
  const admin = await signIn(base, 'admin', 'test-admin-password');
  // service accounts with tokens: a fuzzed sign-out cannot end them
  for (const [username, role, extra] of [
    ['svc.admin', 'court_admin', {}],
    ['svc.clerk', 'filing_clerk', {}],
    ['svc.mediator', 'mediator', { organisationId: 'qlh-people-mediation' }],
  ] as const) {
    expect((await admin.call('createStaff', { body: { username, role, kind: 'service', ...extra } })).status).toBe(201);
    const issued = await admin.call('issueToken', { params: { username }, body: { label: 'fuzz' } });
    callers[role] = { authorization: `Bearer ${issued.body.token}` };
  }
  const clerk = tokenClient(base, 'svc.clerk', callers.filing_clerk!.authorization!.slice(7));
  const entered = await clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication() } });
  expect(entered.status).toBe(201);
  caseId = entered.body.case.caseId;
});
afterAll(async () => {
  await running?.close();
});

const text = (max: number) => fc.string({ maxLength: max });
const paramValue = fc.oneof(
  { arbitrary: fc.constant('CASE'), weight: 3 },
  fc.uuid(),
  fc.constantFrom('clerk', 'svc.clerk', 'admin', 'qlh-court-hall', 'qlh-people-mediation', '%E0%A4%A', '..', 'a'.repeat(300)),
  fc.webSegment(),
);
const queryArb = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(fc.constantFrom('q', 'state', 'kind', 'limit', 'cursor', 'reveal', 'overdue', 'receivedFrom', 'before', 'outcome', 'caseId', 'x'), text(30), { maxKeys: 3 })
    .map((d) => new URLSearchParams(d).toString()),
  fc.constantFrom('limit=-1', 'limit=1e9', 'state=received,bogus', 'q=%', 'cursor=!!', 'reveal=parties', 'q=13912345678', 'receivedFrom=2026-02-30', 'q=' + '_'.repeat(50)),
);
const validBodies: Partial<Record<CourtRouteName, () => unknown>> = {
  signIn: () => ({ username: 'clerk', password: 'wrong-password-123' }),
  enterCase: () => ({ channel: 'court', application: sampleApplication() }),
  actOnCase: () => ({ type: 'note.added', payload: { text: MARKUP }, expectedSeq: 1 }),
  createSite: () => ({ siteId: `s-${randomUUID().slice(0, 8)}`, name: MARKUP, kind: 'grid' }),
  createOrganisation: () => ({ organisationId: `o-${randomUUID().slice(0, 8)}`, name: MARKUP, kind: 'people' }),
  uploadDocument: () => ({ kind: 'evidence', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4').toString('base64') }),
};
const bodyArb = (name: CourtRouteName) =>
  fc.oneof(
    fc.constant(undefined),
    { arbitrary: fc.constant('VALID'), weight: 2 },
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.record({ key: text(12), value: fc.jsonValue() }).map(({ key, value }) => JSON.stringify({ ...((validBodies[name]?.() as object) ?? {}), [key]: value })),
    fc.constantFrom('{', 'null', '[]', '{"__proto__":{"x":1}}', '{"type":"case.diverted","payload":null,"expectedSeq":1}', '{"expectedSeq":1.5,"type":"note.added","payload":{}}'),
  );

const requestArb = fc.constantFrom(...names).chain((name) =>
  fc.record({
    name: fc.constant(name),
    caller: fc.constantFrom('nobody', 'court_admin', 'filing_clerk', 'mediator'),
    params: fc.dictionary(fc.constantFrom('caseId', 'username', 'siteId', 'organisationId', 'tokenId', 'documentId'), paramValue),
    query: queryArb,
    body: bodyArb(name),
    contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 5 }, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', '')),
  }),
);

type FuzzRequest = { name: CourtRouteName; caller: string; params: Record<string, string>; query: string; body: string | undefined; contentType: string };

async function send(r: FuzzRequest): Promise<Response> {
  const route: CourtRoute = courtRoutes[r.name];
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const v = r.params[key] ?? 'CASE';
    return encodeURIComponent(v === 'CASE' ? (key === 'caseId' ? caseId : randomUUID()) : v).replace(/%25/g, '%');
  });
  const body = r.body === 'VALID' ? JSON.stringify(validBodies[r.name]?.() ?? {}) : r.body;
  const withBody = route.method !== 'GET' && body !== undefined;
  return fetch(`${base}${path}${r.query ? `?${r.query}` : ''}`, {
    method: route.method,
    headers: { ...callers[r.caller], ...(withBody && r.contentType ? { 'content-type': r.contentType } : {}) },
    ...(withBody ? { body } : {}),
  });
}

describe('court API: fuzzing', () => {
  it('answers every random request to every route with < 500, refusals as JSON error bodies', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const res = await send(r);
        const text = await res.text();
        expect(res.status, `${r.name} ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) expect(CourtErrorBody.safeParse(JSON.parse(text)).success, text.slice(0, 200)).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect((await fetch(`${base}/api/v1/court`, { headers: callers.filing_clerk })).status).toBe(200);
  });

  it('keeps HTML in free text inert: answers are JSON with nosniff, never HTML', async () => {
    const clerk = tokenClient(base, 'svc.clerk', callers.filing_clerk!.authorization!.slice(7));
    const marked = sampleApplication({ facts: MARKUP }); // names are refused with markup by the application's schema
    const entered = await clerk.call('enterCase', { body: { channel: 'court', application: marked } });
    expect(entered.status).toBe(201);
    const c = entered.body.case;
    expect((await clerk.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'note.added', payload: { text: MARKUP }, reason: MARKUP, expectedSeq: 1 } })).status).toBe(201);
    for (const [name, params, query] of [
      ['getCase', { caseId: c.caseId }, 'reveal=parties'],
      ['caseEvents', { caseId: c.caseId }, ''],
      ['listCases', {}, `q=${encodeURIComponent('<script>')}`],
      ['listSites', {}, ''],
    ] as const) {
      const res = await clerk.raw(name, { params, query });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await res.text();
      JSON.parse(body); // the markup is a JSON string value, nothing else
    }
    const revealed = (await clerk.call('getCase', { params: { caseId: c.caseId }, query: 'reveal=parties' })).body;
    expect(revealed.application.facts).toBe(MARKUP); // kept as written, for pages to render as text
  });
});
