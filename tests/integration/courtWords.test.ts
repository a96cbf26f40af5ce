import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourtWordsList, courtWordsPaths, MIN_FILINGS } from '../../shared/courtWords.js';
import { hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { enroll } from '../support/attachmentFixtures.js';
import { sampleApplication, sampleIngest } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// The court's own words on a real hub (server/courtWords/): filings delivered through the real
// intake route, a recount (asked of the hub, not waited for on its timer), and the list a real
// enrolled terminal fetches — 欠条, which five filings' facts use, with 5; 利息, which four use, not
// at all, although a fifth filing holds it in its parties' addresses (never read); ETag and 304; 401
// without a credential; the same filings counted again give the same version; a filing whose
// application no longer opens stops counting; a hub started again on the same data serves the last
// list before it counts anything.

let running: RunningHub;
let credential: string;
/** The fifth filing with 欠条 (its submission id). */
let fifth: string;

beforeAll(async () => {
  running = await startHub();
  credential = await enroll(running.url, 'KSK-WORDS-01');
});
afterAll(async () => {
  await running?.close();
});

const list = (hub: RunningHub, headers: Record<string, string> = { authorization: `Bearer ${credential}` }) => fetch(hub.url + courtWordsPaths.list, { headers });

async function deliver(ingest: IntakeIngest): Promise<void> {
  const res = await fetch(running.url + hubPaths.intakes, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': ingest.submissionId },
    body: JSON.stringify(ingest),
  });
  expect(res.status).toBe(201);
}

/** A private-loan filing whose facts and claims are these; the rest as the sample resident's. */
function loanFiling(facts: string, o: { claims?: string[]; address?: string } = {}): IntakeIngest {
  const application = sampleApplication({ disputeType: 'private_loan', facts });
  application.claims = o.claims ?? ['请求对方归还借款'];
  if (o.address && application.applicant.kind === 'person') {
    application.applicant.address = o.address;
    application.respondents[0]!.address = o.address;
  }
  return sampleIngest({ application });
}

describe('the court words list', () => {
  it('is an empty list with a version before any count, and refuses a request without a credential', async () => {
    expect((await list(running, {})).status).toBe(401);
    expect((await list(running, { authorization: 'Bearer nope-nope-nope-nope-nope' })).status).toBe(401);
    const res = await list(running);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const body = CourtWordsList.parse(await res.json());
    expect(body.words).toEqual({});
    expect(res.headers.get('etag')).toBe(`"${body.version}"`);
  });

  it('publishes a word five filings used with 5, not one four used, nor words of the parties’ fields', async () => {
    const withInterest = '2024年3月我借给对方五万元，对方写了欠条，约定按月支付利息，至今分文未还。';
    for (let i = 0; i < 4; i++) await deliver(loanFiling(withInterest));
    // The fifth: 欠条 twice in its facts and once in a claim (one filing: counted once); 利息 only in addresses.
    const withAddress = loanFiling('对方向我借钱，写下欠条后又补了一张欠条，一直拖欠不还。', { claims: ['请求按欠条归还借款'], address: '兰州市利息路1号' });
    fifth = withAddress.submissionId;
    await deliver(withAddress);
    // A sixth of another type, without 欠条.
    await deliver(sampleIngest({ application: sampleApplication({ disputeType: 'labour', facts: '老板拖欠工资三个月，一直不给。' }) }));

    const outcome = await running.hub.courtWords.recount();
    expect(outcome).toMatchObject({ filingsRead: 6, filingsCounted: 6 });

    const res = await list(running);
    expect(res.status).toBe(200);
    const body = CourtWordsList.parse(await res.json());
    expect(res.headers.get('etag')).toBe(`"${body.version}"`);
    expect(body.filings).toEqual({ all: 6, labour: 1, private_loan: 5 });
    const all = new Map(body.words.all);
    expect(all.get('欠条')).toBe(MIN_FILINGS);
    expect(new Map(body.words.private_loan).get('欠条')).toBe(5);
    expect(all.has('利息')).toBe(false);
    expect(body.words.labour).toBeUndefined(); // one filing: no word reaches five
    expect([...all.values()].every((n) => n >= MIN_FILINGS)).toBe(true);

    const again = await list(running, { authorization: `Bearer ${credential}`, 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('counts the same filings again to the same version, audited once per recount by the system', async () => {
    const before = CourtWordsList.parse(await (await list(running)).json());
    const outcome = await running.hub.courtWords.recount();
    expect(outcome.changed).toBe(false);
    expect(outcome.list.version).toBe(before.version);
    expect(CourtWordsList.parse(await (await list(running)).json())).toEqual(before);
    const audited = await running.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'court_words.recounted').orderBy('audit_seq').execute();
    // At least the two asked here (the one at start may have run too, on no filing).
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited.at(-1)).toMatchObject({ actor_kind: 'system', outcome: 'ok', record_kind: 'court_words', record_id: `${before.version}; filings read: 6` });
  });

  it('stops counting a filing whose application no longer opens (its personal data wiped)', async () => {
    await running.hub.database.db.updateTable('intakes').set({ application_json: 'wiped' }).where('submission_id', '=', fifth).execute();
    const outcome = await running.hub.courtWords.recount();
    expect(outcome).toMatchObject({ filingsRead: 6, filingsCounted: 5, changed: true });
    const body = CourtWordsList.parse(await (await list(running)).json());
    expect(body.filings).toEqual({ all: 5, labour: 1, private_loan: 4 });
    expect(new Map(body.words.all).has('欠条')).toBe(false); // four filings now
  });

  it('is served by a hub started again on the same data before it counts anything', async () => {
    const before = CourtWordsList.parse(await (await list(running)).json());
    await running.close();
    running = await startHub({ dataDir: running.dataDir, courtWords: { recountMs: null } });
    const res = await list(running);
    expect(res.status).toBe(200);
    expect(CourtWordsList.parse(await res.json())).toEqual(before);
  });
});
