import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, sha256, tusUpload } from '../support/attachmentFixtures.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { courtStaff, deliverIntake, draftedAgreement, type CourtStaff } from '../support/courtSteps.js';
import { sampleApplication, sampleIngest, tempDir } from '../support/fixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { enrollTerminal } from '../support/signallingClients.js';

// A file the database names but the files folder lacks (lost, or a database restored without its
// files) is a clear 404, never the 503 "database unavailable" it read as while ENOENT counted as
// an outage: JSON on the API, the error page in the reader's language when a person opened the
// link in a browser (the console's document link, an attachment), and a log line naming the file
// so the IT clerk can restore it from the backup. The database being away is still a 503 (hubOutage tests).

let h: RunningHub;
let staff: CourtStaff;
const logPath = path.join(tempDir('missing-files-log-'), 'hub.log');

beforeAll(async () => {
  h = await startHub({ backup: false, logger: true, logFile: { path: logPath } });
  staff = await courtStaff(h);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const logLines = async () => (await fs.readFile(logPath, 'utf8').catch(() => '')).split('\n').filter((l) => l.includes('missing from the files folder'));

describe('a file missing from the files folder', () => {
  it('reads as 404 on the API, as a page in the reader’s language in a browser, and is logged with its path', async () => {
    const entered = await staff.clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ name: '王桂英' }) } });
    expect(entered.status).toBe(201);
    const { caseId, draftId } = await draftedAgreement(staff, entered.body.case);
    const params = { caseId, documentId: draftId };
    expect((await staff.mediator.raw('getDocument', { params })).status).toBe(200);
    const file = path.join(h.hub.files.documents, draftId);
    await fs.rm(file);

    const api = await staff.mediator.raw('getDocument', { params });
    expect(api.status).toBe(404);
    expect(api.headers.get('retry-after')).toBeNull();
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('文件夹中找不到');

    const opened = await staff.mediator.raw('getDocument', { params, headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'accept-language': 'en-GB,en;q=0.9' } });
    expect(opened.status).toBe(404);
    expect(opened.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await opened.text();
    expect(html).toContain('missing from the court hub’s files folder');
    expect(html).toContain('返回工作台');

    await waitFor(async () => (await logLines()).some((l) => l.includes(file)), 'the missing file in the log');
    const line = JSON.parse((await logLines()).find((l) => l.includes(file))!) as { level: number; file: string; errCode: string };
    expect(line).toMatchObject({ file, errCode: 'ENOENT' });
    expect(line.level).toBeGreaterThanOrEqual(50); // error: the IT clerk's alerting reads these
  });

  it('shows the console’s attachment view as the missing-file page, not "database unavailable"', async () => {
    const credential = await enrollTerminal(h.url, 'KSK-MISSING-1');
    const photo = jpeg(40_000);
    const id = sampleIngest().submissionId;
    const meta = { submissionId: id, sha256: sha256(photo), mimeType: 'image/jpeg' as const };
    expect((await tusUpload(h.url, credential, photo, meta)).status).toBeNull();
    // the filing that lists it: staff open an attachment of a case, as its parties' data (openPersonalData, in scope)
    await deliverIntake(h, credential, sampleIngest({ submissionId: id, attachments: [{ sha256: meta.sha256, mimeType: meta.mimeType, size: photo.length }] }));
    const found = (await h.hub.intakes.attachment(meta.submissionId, meta.sha256))!;
    const { cookie } = await signedInStaff(h.hub, 'filing_clerk');
    const view = () => fetch(new URL(`/console/attachments/${meta.submissionId}/${meta.sha256}`, h.url), { headers: { cookie, 'accept-language': 'zh-CN' } });
    expect((await view()).status).toBe(200);
    await fs.rm(path.join(h.hub.files.uploads, found.uploadId));

    const res = await view();
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('这份文件在法院服务的文件夹中找不到');
    expect(html).not.toContain('数据库');
    await waitFor(async () => (await logLines()).some((l) => l.includes(found.uploadId)), 'the missing attachment in the log');
  });
});
