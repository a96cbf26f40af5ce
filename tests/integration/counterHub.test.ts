import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { createLog } from '../../main/agent/log.js';
import { sampleIdCards } from '../../main/agent/idCard/simulatedIdCardReader.js';
import { COUNTER_SIGN_IN_PATH } from '../../shared/counter/counterProtocol.js';
import { hubPaths } from '../../shared/hubProtocol.js';
import { sampleIngest, sampleSubmission, tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// The remote service counter against a real hub: counter staff sign in at a terminal through its
// agent (the hub checks the password, the role and the terminal's site), read the simulated ID
// card, and file through the same outbox as a resident — the hub records the case once, channel
// 'counter', with that staff member as the actor. Everyone else is refused, and nothing the clerk
// typed, nor the card, nor the password, reaches the log.

const XIYUAN = 'qlh-centre-xiyuan';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hub(): Promise<RunningHub> {
  const h = await startHub();
  cleanup.push(() => h.close());
  return h;
}

async function counterAt(h: RunningHub, siteId: string | null, logLines: string[] = []): Promise<Agent> {
  const key = randomBytes(32);
  const terminalId = `CTR-${randomBytes(3).toString('hex')}`;
  const agent = await createAgent({
    dataDir: tempDir(),
    hubUrl: h.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: createLog((l) => logLines.push(l)),
    healthIntervalMs: 100,
    counter: true,
    idCardReader: 'simulated',
  });
  cleanup.push(() => agent.close());
  await waitFor(() => agent.config.credential(), 'enrollment');
  // The court places the terminal (fleet admin's work; written here as that work would).
  if (siteId) await h.hub.database.db.updateTable('terminals').set({ site_id: siteId, kind: 'counter' }).where('terminal_id', '=', terminalId).execute();
  return agent;
}

const password = (h: RunningHub, username: string) => h.hub.initialPasswords.get(username)!;

async function call(agent: Agent, name: string, input?: unknown) {
  return agent.dispatch(name, input);
}

describe('remote service counter', () => {
  it('counter staff of the site sign in, read a card and file; the court records it once as theirs, channel counter', async () => {
    const h = await hub();
    const logLines: string[] = [];
    const agent = await counterAt(h, XIYUAN, logLines);
    expect(await call(agent, 'counter.state')).toMatchObject({ ok: true, value: { enabled: true, reader: true, staff: null } });
    // nothing works signed out
    expect(await call(agent, 'idCard.read')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(agent, 'counter.submit', sampleSubmission())).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    const signedIn = await call(agent, 'counter.signIn', { username: 'counter.xiyuan', password: password(h, 'counter.xiyuan') });
    expect(signedIn).toMatchObject({ ok: true, value: { staff: { username: 'counter.xiyuan' } } });
    const card = await call(agent, 'idCard.read');
    expect(card).toMatchObject({ ok: true, value: { name: '阿卜杜拉·艾买提', idNumber: sampleIdCards[0]!.idNumber } });

    const sub = sampleSubmission({ name: '阿卜杜拉·艾买提' });
    const receipt = await call(agent, 'counter.submit', sub);
    expect(receipt).toMatchObject({ ok: true, value: { status: 'queued' } });
    // the same submission again (a double Enter): the first receipt, nothing written twice
    expect(await call(agent, 'counter.submit', sub)).toEqual(receipt);

    const row = () => agent.db.prepare('SELECT status, last_error FROM submissions WHERE submission_id = ?').get(sub.submissionId) as { status: string; last_error: string | null };
    await waitFor(() => row().status !== 'queued', 'delivery');
    expect(row()).toEqual({ status: 'delivered', last_error: null });
    const cases = await h.hub.database.db.selectFrom('cases').select(['case_id', 'channel', 'site_id', 'submission_id']).where('submission_id', '=', sub.submissionId).execute();
    expect(cases).toEqual([expect.objectContaining({ channel: 'counter', site_id: XIYUAN })]);
    const received = await h.hub.database.db
      .selectFrom('case_events')
      .select(['actor_kind', 'actor_id', 'actor_role'])
      .where('case_id', '=', cases[0]!.case_id)
      .where('type', '=', 'case.received')
      .execute();
    expect(received).toEqual([{ actor_kind: 'staff', actor_id: 'counter.xiyuan', actor_role: 'counter_staff' }]);
    expect(await h.intakes()).toHaveLength(1);

    // signing out wipes the session; the card, the password and the resident stay out of the log
    expect(await call(agent, 'counter.signOut')).toMatchObject({ ok: true, value: { staff: null } });
    expect(await call(agent, 'idCard.read')).toMatchObject({ ok: false });
    const log = logLines.join('\n');
    for (const secret of [password(h, 'counter.xiyuan'), '阿卜杜拉', '13912345678']) expect(log).not.toContain(secret);
    expect(log).toContain('counter.signed_in');
  });

  it('refuses a wrong password, a non-counter account, counter staff of another site, and a terminal with no site', async () => {
    const h = await hub();
    const agent = await counterAt(h, XIYUAN);
    const signIn = (username: string, pw = password(h, username)) => call(agent, 'counter.signIn', { username, password: pw });
    expect(await signIn('counter.xiyuan', 'not-the-password')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', issues: [{ message: 'counter.errors.wrong' }] } });
    expect(await signIn('clerk')).toMatchObject({ ok: false, error: { issues: [{ message: 'counter.errors.notCounterStaff' }] } });
    expect(await signIn('mediator.people')).toMatchObject({ ok: false, error: { issues: [{ message: 'counter.errors.notCounterStaff' }] } });
    // the same counter account at a terminal of another site
    const elsewhere = await counterAt(h, 'qlh-centre-agan');
    expect(await call(elsewhere, 'counter.signIn', { username: 'counter.xiyuan', password: password(h, 'counter.xiyuan') })).toMatchObject({
      ok: false,
      error: { issues: [{ message: 'counter.errors.notCounterStaff' }] },
    });
    const unplaced = await counterAt(h, null);
    expect(await call(unplaced, 'counter.signIn', { username: 'counter.xiyuan', password: password(h, 'counter.xiyuan') })).toMatchObject({
      ok: false,
      error: { issues: [{ message: 'counter.errors.noSite' }] },
    });
    expect(await call(agent, 'counter.state')).toMatchObject({ ok: true, value: { staff: null } });
    // each refusal of a known account is in the audit log
    const denied = await h.hub.database.db.selectFrom('audit_log').select(['actor_id']).where('action', '=', 'counter.sign_in').where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.actor_id).sort()).toEqual(['clerk', 'counter.xiyuan', 'mediator.people']);
  });

  it('the hub refuses an intake naming a counter sign-in its terminal never made, and a sign-in without a terminal credential', async () => {
    const h = await hub();
    const agent = await counterAt(h, XIYUAN);
    const other = await counterAt(h, XIYUAN);
    expect(await call(other, 'counter.signIn', { username: 'counter.xiyuan', password: password(h, 'counter.xiyuan') })).toMatchObject({ ok: true });
    const signInId = (await h.hub.database.db.selectFrom('counter_sign_ins').select('sign_in_id').executeTakeFirstOrThrow()).sign_in_id;
    const send = (counterEntry: { signInId: string; staffUsername: string }) => {
      const ingest = { ...sampleIngest(), counterEntry };
      return fetch(new URL(hubPaths.intakes, h.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.config.credential()!}`, 'idempotency-key': ingest.submissionId },
        body: JSON.stringify(ingest),
      });
    };
    // another terminal's sign-in, and one that was never made
    for (const entry of [
      { signInId, staffUsername: 'counter.xiyuan' },
      { signInId: randomUUID(), staffUsername: 'counter.xiyuan' },
    ]) {
      const res = await send(entry);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: 'COUNTER_ENTRY_UNKNOWN' } });
    }
    expect(await h.intakes()).toHaveLength(0);
    const bare = await fetch(new URL(COUNTER_SIGN_IN_PATH, h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'counter.xiyuan', password: 'x' }),
    });
    expect(bare.status).toBe(401);
    const malformed = await fetch(new URL(COUNTER_SIGN_IN_PATH, h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.config.credential()!}` },
      body: JSON.stringify({ username: 'x'.repeat(500) }),
    });
    expect(malformed.status).toBe(400);
  });
});
