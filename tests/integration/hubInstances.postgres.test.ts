import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeAck, hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { KIOSK_AGREEMENT_PATH } from '../../shared/agreements/kioskSigning.js';
import { BUNDLED_MANIFEST_FILE } from '../../shared/playlist.js';
import { ENROLLMENT_ATTEMPTS_PER_MINUTE } from '../../shared/terminals/enrollment.js';
import { findDefaultPlaylistDir } from '../../server/playlist/mediaLibrary.js';
import { sampleIngest, tempDir } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { testDatabase } from '../support/hubEngine.js';
import { signIn } from '../support/courtClient.js';
import { enrollTerminal } from '../support/signallingClients.js';

// Two hub instances on one PostgreSQL database, started at the same moment (they migrate once and
// seed the default playlist once), then receiving intakes at the same time — new ones on
// either instance, and the same Idempotency-Key on both at once — for many rounds. Whatever the
// interleaving: every key is recorded once, every answer to a key carries the same ack, and each
// intake opens exactly one dispute case (numbered by the court later, so no ack carries a number).
// Clerks on both instances act on the cases of each round while the next one is received: no
// deadlock between the two kinds of transaction reaches anyone as a refusal.

let a: RunningHub;
let b: RunningHub;
const credentials: string[] = [];

beforeAll(async () => {
  const { databaseUrl } = await testDatabase(tempDir('hub-instances-'));
  // Both start (and migrate, and create the admin account) at the same moment. Instances on one
  // database share its data key (HUB_DATA_KEY), or neither could open what the other sealed.
  const dataKey = randomBytes(32).toString('base64');
  // The product's enrollment bound (the harness lifts it for tests that enroll many kiosks).
  const enrollmentAttemptsPerMinute = ENROLLMENT_ATTEMPTS_PER_MINUTE;
  // And one files folder (server/files/sharedFolder.ts), each its own data folder.
  const filesDir = tempDir('hub-files-');
  [a, b] = await Promise.all([
    startHub({ dataDir: tempDir('hub-a-'), filesDir, databaseUrl, dataKey, enrollmentAttemptsPerMinute }),
    startHub({ dataDir: tempDir('hub-b-'), filesDir, databaseUrl, dataKey, enrollmentAttemptsPerMinute }),
  ]);
  // A terminal enrolled through one instance is known to the other.
  credentials.push(await enrollTerminal(a.url, 'KSK-MULTI-1'), await enrollTerminal(b.url, 'KSK-MULTI-2'));
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

interface Answer {
  key: string;
  status: number;
  body: string;
}

async function send(hub: RunningHub, credential: string, intake: IntakeIngest): Promise<Answer> {
  const res = await fetch(new URL(hubPaths.intakes, hub.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': intake.submissionId, authorization: `Bearer ${credential}` },
    body: JSON.stringify(intake),
  });
  return { key: intake.submissionId, status: res.status, body: await res.text() };
}

/** One round: intakes sent to an instance each, and some of them to both instances at once. */
const round = fc.array(fc.record({ terminal: fc.integer({ min: 0, max: 1 }), on: fc.constantFrom('a', 'b', 'both'), again: fc.boolean() }), { minLength: 1, maxLength: 8 });

describe('two hub instances on one PostgreSQL database', () => {
  it('seed the default playlist once when they start together', async () => {
    const bundled = JSON.parse(readFileSync(path.join(findDefaultPlaylistDir()!, BUNDLED_MANIFEST_FILE), 'utf8')) as { items: unknown[] };
    const rows = await a.hub.database.db.selectFrom('playlist_items').select('item_id').execute();
    expect(rows).toHaveLength(bundled.items.length);
  });

  it('record each key once, answer it the same everywhere, and open one case per intake — while staff act on earlier cases', async () => {
    const answers: Answer[] = [];
    // Clerks on both instances divert the cases of the round before, during the next round's
    // intakes: their appends upsert the same dashboard rows as the intakes' cases, in their own order.
    // The default accounts were made by whichever instance started first; either signs them in.
    const passwords = a.hub.initialPasswords.size > 0 ? a.hub.initialPasswords : b.hub.initialPasswords;
    const clerks = { a: await signIn(a.url, 'clerk', passwords.get('clerk')!), b: await signIn(b.url, 'clerk', passwords.get('clerk')!) };
    let received: string[] = [];
    let diverted = 0;
    const divert = async (submissionId: string, i: number) => {
      const c = (await a.hub.cases.bySubmission(a.hub.database, submissionId))!;
      const by = i % 2 === 0 ? clerks.a : clerks.b;
      const res = await by.call('actOnCase', {
        params: { caseId: c.caseId },
        body: { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } }, expectedSeq: c.seq },
      });
      return { status: res.status, body: JSON.stringify(res.body) };
    };
    await fc.assert(
      fc.asyncProperty(round, async (plan) => {
        const staffActs = received.splice(0).map(divert);
        const sends: Array<Promise<Answer>> = [];
        const retries: Array<() => Promise<Answer>> = [];
        for (const p of plan) {
          const intake = sampleIngest();
          const credential = credentials[p.terminal]!;
          const targets = p.on === 'both' ? [a, b] : [p.on === 'a' ? a : b];
          for (const hub of targets) sends.push(send(hub, credential, intake));
          // A kiosk retrying after a lost answer, on whichever instance the proxy picks.
          if (p.again) retries.push(() => send(p.on === 'a' ? b : a, credential, intake));
        }
        const first = await Promise.all(sends);
        const later = await Promise.all(retries.map((r) => r()));
        answers.push(...first, ...later);
        // Every request is answered as a first delivery or a replay, never refused or failed.
        for (const answer of [...first, ...later]) expect([201, 200], answer.body).toContain(answer.status);
        for (const act of await Promise.all(staffActs)) expect(act.status, act.body).toBe(201);
        diverted += staffActs.length;
        received = [...new Set(first.filter((x) => x.status === 201).map((x) => x.key))];
      }),
      { numRuns: 40 },
    );

    const diversions = await a.hub.database.db.selectFrom('case_events').select('event_id').where('type', '=', 'case.diverted').execute();
    expect(diversions.length).toBe(diverted);
    expect(diverted).toBeGreaterThan(0);

    const byKey = new Map<string, Answer[]>();
    for (const answer of answers) byKey.set(answer.key, [...(byKey.get(answer.key) ?? []), answer]);
    for (const [key, all] of byKey) {
      expect(
        all.filter((x) => x.status === 201),
        key,
      ).toHaveLength(1);
      expect(new Set(all.map((x) => x.body)).size, key).toBe(1); // a replay is the first ack, byte for byte
    }

    const rows = await a.intakes();
    expect(rows.map((r) => r.submission_id).sort()).toEqual([...byKey.keys()].sort());
    // The court numbers a case later: every ack says so, and each intake opened exactly one case.
    const acked = [...byKey.values()].map((all) => IntakeAck.parse(JSON.parse(all[0]!.body)));
    expect(acked.map((ack) => [ack.submissionId, ack.caseNumber])).toEqual([...byKey.keys()].map((key) => [key, null]));
    const cases = await b.hub.database.db.selectFrom('cases').select('submission_id').where('submission_id', 'is not', null).execute();
    expect(cases.map((c) => c.submission_id).sort()).toEqual([...byKey.keys()].sort());
  });

  it('count a terminal’s agreement look-ups together too: guessing a phone number is not easier with two instances', async () => {
    const lookUp = (hub: RunningHub) =>
      fetch(new URL(KIOSK_AGREEMENT_PATH, hub.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials[1]!}` },
        body: JSON.stringify({ provisionalNumber: 'KSK-MULTI-2-260305-0001', mobile: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }),
      });
    const PER_MINUTE = 30; // the product's bound (server/agreements/kioskSigningRoutes.ts)
    let allowed = 0;
    let refused: Response | null = null;
    for (let i = 0; i < 2 * PER_MINUTE + 2 && !refused; i++) {
      const res = await lookUp(i % 2 === 0 ? a : b);
      await res.body?.cancel();
      if (res.status === 429) refused = res;
      else allowed += 1;
    }
    expect(refused).not.toBeNull();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(allowed).toBeLessThanOrEqual(PER_MINUTE + 2);
    expect((await lookUp(a)).status).toBe(429);
    expect((await lookUp(b)).status).toBe(429);
  });

  // Last: it uses up this address's enrollment allowance on both instances.
  it('count rate-limited attempts together: a second instance is not a second allowance', async () => {
    const attempt = (hub: RunningHub) => fetch(new URL(hubPaths.enroll, hub.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    let allowed = 0;
    let refused: Response | null = null;
    for (let i = 0; i < 2 * ENROLLMENT_ATTEMPTS_PER_MINUTE + 2 && !refused; i++) {
      const res = await attempt(i % 2 === 0 ? a : b);
      if (res.status === 429) refused = res;
      else allowed += 1;
    }
    expect(refused).not.toBeNull();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    // One bound for both (the sliding estimate may let one or two more through at a minute's turn).
    expect(allowed).toBeLessThanOrEqual(ENROLLMENT_ATTEMPTS_PER_MINUTE + 2);
    expect((await attempt(a)).status).toBe(429);
    expect((await attempt(b)).status).toBe(429);
  });
});
