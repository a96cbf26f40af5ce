import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CRASH_REPORTS_KEPT, crashReportPath, type CrashReport } from '../../shared/terminals/crashReport.js';
import { enroll } from '../support/attachmentFixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// Crash reports of one terminal that arrive together are all kept (up to CRASH_REPORTS_KEPT). A
// kiosk sends what it queued concurrently — after a restart, its own crash report and the screen's
// arrive within milliseconds — and on PostgreSQL the hub's pruning once deleted one of them (each
// transaction listed the rows to keep without the other's, and deleted the rest after the other
// had committed). The newest are kept once a lone report prunes the table again.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function report(message: string): CrashReport {
  return {
    reportId: randomUUID(),
    source: 'agent',
    at: new Date().toISOString(),
    message,
    stack: 'Error\n    at somewhere (file:///opt/kiosk/main/agent/agent.js:1:1)',
    versions: { app: '1.0.0', node: process.versions.node, chrome: null, electron: null },
    screen: 'home',
  };
}

describe('crash reports arriving together', () => {
  it('keeps every report of a burst, and the newest ones once there are more than the limit', async () => {
    const running: RunningHub = await startHub();
    cleanup.push(() => running.close());
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const credential = await enroll(running.url, terminalId);
    const send = async (r: CrashReport) => {
      const res = await fetch(new URL(crashReportPath, running.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify(r),
      });
      expect(res.status).toBe(204);
    };
    const stored = async () => (await running.hub.database.db.selectFrom('terminal_crash_reports').select('report_id').where('terminal_id', '=', terminalId).execute()).map((r) => r.report_id).sort();

    // a burst of as many as are kept: every one stays
    const burst = Array.from({ length: CRASH_REPORTS_KEPT }, (_, i) => report(`burst ${i}`));
    await Promise.all(burst.map(send));
    expect(await stored()).toEqual(burst.map((r) => r.reportId).sort());

    // more than the limit: a later lone report prunes to the newest, itself among them
    const more = Array.from({ length: 5 }, (_, i) => report(`more ${i}`));
    await Promise.all(more.map(send));
    const last = report('last');
    await send(last);
    const kept = await stored();
    expect(kept).toHaveLength(CRASH_REPORTS_KEPT);
    expect(kept).toEqual(expect.arrayContaining([...more, last].map((r) => r.reportId)));
  });
});
