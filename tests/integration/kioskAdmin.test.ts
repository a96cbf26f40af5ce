import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { adminPaths, adminPinWaitS, ADMIN_PIN_FREE_FAILURES, type AdminAuditReport } from '../../shared/kioskAdmin.js';
import { signIn } from '../support/courtClient.js';
import { ADMIN_PASSWORD, ENROLLMENT_CODE, freePort, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { tempDir } from '../support/fixtures.js';
import { enroll } from '../support/attachmentFixtures.js';

// The kiosk's staff panel (issue 14 item 7) with a real hub and agent: a court admin sets a site's
// PIN; the hub keeps only a salted digest and sends it with the heartbeat reply; the kiosk opens its
// panel with that PIN, slows wrong ones down with a growing wait (kept across a restart), and every
// opening, refusal and action reaches the hub's audit log as the terminal — also an action taken
// while the hub could not be reached (the moment a clerk opens the panel most), once it can.

const cleanup: Array<() => Promise<void>> = [];
const audited = async (running: RunningHub, terminalId: string) =>
  (await running.hub.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'kiosk.admin.%').where('actor_id', '=', terminalId).execute()).map((a) => a.action);
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('kiosk staff panel', () => {
  it('opens with the site PIN the console set, refuses and slows wrong ones, and audits at the hub', async () => {
    const running: RunningHub = await startHub();
    cleanup.push(() => running.close());
    const admin = await signIn(running.url, 'admin', ADMIN_PASSWORD);
    const key = randomBytes(32);
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const printed: string[] = [];
    const options = {
      dataDir: tempDir(),
      hubUrl: running.url,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId,
      appVersion: '1.2.3',
      host: {
        kind: 'browser' as const,
        loadDataKey: async () => key,
        relaunch: () => undefined,
        printReceipt: async (doc: { title: string }) => (printed.push(doc.title), { printed: true }),
      },
      log: silentLog,
      healthIntervalMs: 100,
      heartbeatIntervalMs: 100,
      bundledPlaylistDir: null,
    };
    let agent = await createAgent(options);
    await waitFor(() => running.hub.database.db.selectFrom('terminal_status').select('terminal_id').where('terminal_id', '=', terminalId).executeTakeFirst(), 'a heartbeat');
    // no PIN set for its site yet: the panel stays shut
    expect(await agent.dispatch('admin.unlock', { pin: '246810' })).toEqual({ ok: true, value: { unlocked: false, reason: 'noPin', retryAfterS: 0 } });

    const siteId = 'qlh-centre-xiyuan';
    expect((await admin.call('updateTerminal', { params: { terminalId }, body: { siteId } })).status).toBe(200);
    expect((await admin.call('setSiteAdminPin', { params: { siteId }, body: { pin: '12ab' } })).status).toBe(400);
    expect((await admin.call('setSiteAdminPin', { params: { siteId }, body: { pin: '246810' } })).status).toBe(204);
    const stored = await running.hub.database.db.selectFrom('site_admin_pins').selectAll().where('site_id', '=', siteId).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('246810');

    // the digest arrives with a heartbeat reply; then the right PIN opens the panel
    const opened = await waitFor(async () => {
      const r = await agent.dispatch('admin.unlock', { pin: '246810' });
      return r.ok && (r.value as { unlocked: boolean }).unlocked ? r : null;
    }, 'the PIN to reach the kiosk');
    expect(opened.value).toEqual({ unlocked: true });
    const panel = await agent.dispatch('admin.panel', undefined);
    expect(panel).toMatchObject({ ok: true, value: { terminalId, hubUrl: running.url, appVersion: '1.2.3', host: 'browser', enrolled: true } });
    expect(await agent.dispatch('admin.act', { action: 'testPrint' })).toEqual({ ok: true, value: { done: true, notice: 'printed' } });
    expect(printed).toEqual(['打印测试 Printer test']);
    expect(await agent.dispatch('admin.act', { action: 'exitKiosk' })).toEqual({ ok: true, value: { done: false, notice: 'notAvailable' } });
    expect(await agent.dispatch('admin.act', { action: 'close' })).toEqual({ ok: true, value: { done: true, notice: 'closed' } });
    expect(await agent.dispatch('admin.panel', undefined)).toEqual({ ok: true, value: null });
    expect(await agent.dispatch('admin.act', { action: 'resync' })).toEqual({ ok: true, value: null });

    // wrong PINs: a few free, then a wait that grows, during which even the right PIN is not checked
    for (let i = 1; i < ADMIN_PIN_FREE_FAILURES; i++)
      expect(await agent.dispatch('admin.unlock', { pin: '000000' })).toEqual({ ok: true, value: { unlocked: false, reason: 'wrong', retryAfterS: 0 } });
    expect(await agent.dispatch('admin.unlock', { pin: '000000' })).toEqual({ ok: true, value: { unlocked: false, reason: 'wait', retryAfterS: adminPinWaitS(ADMIN_PIN_FREE_FAILURES) } });
    const waiting = await agent.dispatch('admin.unlock', { pin: '246810' });
    expect(waiting).toMatchObject({ ok: true, value: { unlocked: false, reason: 'wait' } });
    // a restart does not reset the count
    await agent.close();
    agent = await createAgent(options);
    cleanup.push(() => agent.close());
    expect(await agent.dispatch('admin.unlock', { pin: '246810' })).toMatchObject({ ok: true, value: { unlocked: false, reason: 'wait' } });

    const audited = async () =>
      (await running.hub.database.db.selectFrom('audit_log').select(['action', 'outcome', 'actor_kind', 'actor_id']).where('action', 'like', 'kiosk.admin.%').execute()).map(
        (a) => `${a.action}:${a.outcome}:${a.actor_kind}:${a.actor_id}`,
      );
    // reports go out through the outbox, in no promised order (one was in flight at the restart)
    const count = (events: string[], prefix: string) => events.filter((a) => a.startsWith(prefix)).length;
    await waitFor(async () => {
      const e = await audited();
      return (count(e, 'kiosk.admin.pinWait') >= 2 && count(e, 'kiosk.admin.pinRefused') >= ADMIN_PIN_FREE_FAILURES) || null;
    }, 'the panel events at the hub');
    const events = await audited();
    expect(events).toEqual(
      expect.arrayContaining([
        `kiosk.admin.opened:ok:terminal:${terminalId}`,
        `kiosk.admin.testPrint:ok:terminal:${terminalId}`,
        `kiosk.admin.exitKiosk:ok:terminal:${terminalId}`,
        `kiosk.admin.pinRefused:denied:terminal:${terminalId}`,
        `kiosk.admin.pinWait:denied:terminal:${terminalId}`,
      ]),
    );
    expect(events.filter((e) => e.startsWith('kiosk.admin.pinRefused'))).toHaveLength(ADMIN_PIN_FREE_FAILURES);
    const pinSet = await running.hub.database.db.selectFrom('audit_log').select(['actor_id', 'record_id']).where('action', '=', 'site.admin_pin_set').execute();
    expect(pinSet).toEqual([{ actor_id: 'admin', record_id: siteId }]);
  });

  it('audits what was done on the panel while the hub was down, once the hub is back', async () => {
    const port = await freePort();
    let running: RunningHub = await startHub({ port });
    cleanup.push(() => running.close());
    const admin = await signIn(running.url, 'admin', ADMIN_PASSWORD);
    const key = randomBytes(32);
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const siteId = 'qlh-centre-xiyuan';
    const agent = await createAgent({
      dataDir: tempDir(),
      hubUrl: running.url,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId,
      host: { kind: 'browser' as const, loadDataKey: async () => key, relaunch: () => undefined, printReceipt: async () => ({ printed: true }) },
      log: silentLog,
      healthIntervalMs: 100,
      heartbeatIntervalMs: 100,
      bundledPlaylistDir: null,
    });
    cleanup.push(() => agent.close());
    await waitFor(() => agent.config.credential(), 'enrollment');
    expect((await admin.call('updateTerminal', { params: { terminalId }, body: { siteId } })).status).toBe(200);
    expect((await admin.call('setSiteAdminPin', { params: { siteId }, body: { pin: '135790' } })).status).toBe(204);
    await waitFor(async () => {
      const r = await agent.dispatch('admin.unlock', { pin: '135790' });
      return r.ok && (r.value as { unlocked: boolean }).unlocked ? r : null;
    }, 'the PIN to reach the kiosk');
    const dataDir = running.dataDir;
    await waitFor(async () => (await audited(running, terminalId)).includes('kiosk.admin.opened') || null, 'the opening at the hub');

    // the hub goes away; the clerk prints a test page and asks for a resync, then shuts the panel
    await running.close();
    await waitFor(async () => {
      const status = await agent.dispatch('sync.status', undefined);
      return (status.ok && !(status.value as { hubReachable: boolean }).hubReachable) || null;
    }, 'the kiosk to see the hub gone');
    expect(await agent.dispatch('admin.act', { action: 'testPrint' })).toEqual({ ok: true, value: { done: true, notice: 'printed' } });
    expect(await agent.dispatch('admin.act', { action: 'resync' })).toEqual({ ok: true, value: { done: true, notice: 'resyncStarted' } });
    expect(await agent.dispatch('admin.act', { action: 'close' })).toEqual({ ok: true, value: { done: true, notice: 'closed' } });

    running = await startHub({ dataDir, port });
    const events = await waitFor(async () => {
      const e = await audited(running, terminalId);
      return ['kiosk.admin.testPrint', 'kiosk.admin.resync', 'kiosk.admin.close'].every((a) => e.includes(a)) ? e : null;
    }, 'the panel events taken offline at the hub');
    expect(events.filter((a) => a === 'kiosk.admin.testPrint')).toHaveLength(1);
    await waitFor(() => (agent.db.prepare("SELECT COUNT(*) AS n FROM terminal_reports WHERE kind = 'admin'").get() as { n: number }).n === 0 || null, 'the reports to leave the kiosk');
  });

  it('audits a resent panel event once (its first answer was lost), answering every send', async () => {
    const running: RunningHub = await startHub();
    cleanup.push(() => running.close());
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const credential = await enroll(running.url, terminalId);
    const send = (report: AdminAuditReport) =>
      fetch(new URL(adminPaths.audit, running.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify(report),
      }).then((r) => r.status);
    const at = '2026-12-05T08:00:00.000Z';
    const opened: AdminAuditReport = { event: 'opened', at, reportId: 'admin-0000-aaaa' };
    expect(await send(opened)).toBe(204);
    expect(await send(opened)).toBe(204);
    // two sends at once (a retry overtaking a slow first attempt) are recorded once too
    const resync: AdminAuditReport = { event: 'resync', at, reportId: 'admin-0000-bbbb' };
    expect(await Promise.all([send(resync), send(resync)])).toEqual([204, 204]);
    // another report with the same kiosk time is another event
    expect(await send({ event: 'opened', at, reportId: 'admin-0000-cccc' })).toBe(204);
    // an older kiosk sends no id: its event is still audited (no resend guard); a bad id is bad input
    expect(await send({ event: 'close', at })).toBe(204);
    expect(await send({ event: 'close', at, reportId: 'x' })).toBe(400);
    expect((await audited(running, terminalId)).sort()).toEqual(['kiosk.admin.close', 'kiosk.admin.opened', 'kiosk.admin.opened', 'kiosk.admin.resync']);
  });
});
