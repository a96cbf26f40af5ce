import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent, type AgentOptions } from '../../main/agent/agent.js';
import { agentLogPath, silentLog } from '../../main/agent/log.js';
import { crashReportDir, recordAgentCrash } from '../../main/agent/reports/crashReports.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import type { CrashReportList } from '../../shared/terminals/crashReport.js';
import { PERSON_ID } from '../e2e/support/applications.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Crash reports from a real agent to a real hub (issue 14 item 10): an agent that crashes leaves a
// report on disk (what its uncaught-error handler does), the restarted agent sends it through the
// outbox, and a court admin reads it on the terminal's page — when, which part, the version, the
// message and stack — with no ID number, phone or name in it, and the reading audited. A screen
// that fails reports through the contract the same way. Others may not read them.

const PHONE = '13912345678';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('crash reports', () => {
  it('an agent crash and a screen crash reach the terminal page, scrubbed, and reading them is audited', async () => {
    const running: RunningHub = await startHub();
    cleanup.push(() => running.close());
    const key = randomBytes(32);
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const dataDir = tempDir();
    const options: AgentOptions = {
      dataDir,
      hubUrl: running.url,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId,
      appVersion: '2.3.4',
      host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
      log: silentLog,
      healthIntervalMs: 100,
      heartbeatIntervalMs: 100,
      bundledPlaylistDir: null,
    };
    let agent: Agent = await createAgent(options);
    await waitFor(() => running.hub.database.db.selectFrom('terminal_status').select('terminal_id').where('terminal_id', '=', terminalId).executeTakeFirst(), 'enrolled and reporting');
    await agent.dispatch('terminal.presence', { screen: 'intake', camera: 'ok', microphone: 'ok' });

    // the agent fails on input that echoes a resident: its last-resort handler writes the report
    const error = new SyntaxError(`Unexpected token in JSON at position 7: "张秀兰 ${PERSON_ID}" phone ${PHONE}`);
    error.stack = `${error.message}\n    at parseDraft (file:///opt/kiosk/main/agent/intake/intakeStore.js:120:11)\n    at IntakeStore.loadDraft (file:///opt/kiosk/main/agent/intake/intakeStore.js:88:5)`;
    recordAgentCrash(dataDir, error, { app: '2.3.4' }, agent.screen(), silentLog);
    expect(readdirSync(crashReportDir(dataDir))).toHaveLength(1);
    const onDisk = readFileSync(`${crashReportDir(dataDir)}/${readdirSync(crashReportDir(dataDir))[0]}`, 'utf8');
    for (const secret of [PERSON_ID, PHONE, '张秀兰']) expect(onDisk).not.toContain(secret);

    // the process ends; the next start sends what it left
    await agent.close();
    agent = await createAgent(options);
    cleanup.push(() => agent.close());
    expect(existsSync(crashReportDir(dataDir)) ? readdirSync(crashReportDir(dataDir)) : []).toEqual([]);

    // and the screen fails too (its error boundary)
    expect(await agent.dispatch('terminal.crash', { message: `TypeError: cannot read "${PHONE}"`, stack: 'TypeError\n    at ReviewStep (index-abc.js:1:2345678)', screen: 'intake' })).toEqual({
      ok: true,
      value: null,
    });

    const admin = await signedInStaff(running.hub, 'court_admin');
    const read = async (cookie: string) => fetch(`${running.url}${courtPath('terminalCrashReports', { terminalId })}`, { headers: { cookie } });
    const list = await waitFor(async () => {
      const body = (await (await read(admin.cookie)).json()) as CrashReportList;
      return body.reports.length === 2 ? body : null;
    }, 'both reports on the terminal page');
    expect(list.reports.map((r) => r.source).sort()).toEqual(['agent', 'renderer']);
    const agentReport = list.reports.find((r) => r.source === 'agent')!;
    expect(agentReport).toMatchObject({ versions: { app: '2.3.4', node: process.versions.node }, screen: 'intake', message: expect.stringContaining('SyntaxError: Unexpected token') });
    expect(agentReport.stack).toContain('at parseDraft (file:///opt/kiosk/main/agent/intake/intakeStore.js:120:11)');
    expect(list.reports.find((r) => r.source === 'renderer')).toMatchObject({ screen: 'intake', message: 'TypeError: cannot read "…"' });

    // nothing personal anywhere: the answer, the hub's table, the agent's log file
    const stored = JSON.stringify(await running.hub.database.db.selectFrom('terminal_crash_reports').selectAll().execute());
    const logFile = readFileSync(agentLogPath(dataDir), 'utf8');
    expect(logFile).toContain('"event":"crash.report_queued"');
    for (const text of [JSON.stringify(list), stored, logFile]) for (const secret of [PERSON_ID, PHONE, '张秀兰']) expect(text).not.toContain(secret);

    // the reading is audited; a dashboard viewer may not read them
    const audit = await running.hub.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', terminalId).execute();
    expect(audit.some((a) => JSON.stringify(a).includes('terminal.crash_reports_viewed'))).toBe(true);
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    expect((await read(viewer.cookie)).status).toBe(403);
  });
});
