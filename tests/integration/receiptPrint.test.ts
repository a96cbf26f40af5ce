import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../main/browserHost/host.js';
import type { Receipt } from '../../shared/intake.js';
import type { PrintOutcome, ReceiptView } from '../../shared/receipt.js';
import { PERSON_ID } from '../e2e/support/applications.js';
import { APPLICANT_MOBILE, fullSubmission } from '../support/applicationFixtures.js';
import { tempDir } from '../support/fixtures.js';
import { pdfText } from '../support/pdfText.js';

// The receipt through the browser host: the agent builds it from its own store, the host renders
// an 80 mm PDF into <dataDir>/spool and hands it to `lp` when there is one. The PDF shows the ID
// number masked and never in full.

const MASKED_ID = '620102********0310';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function host(lpPath: string, dir = tempDir('receipt-')): Promise<BrowserHost & { dataDir: string }> {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const dataDir = join(dir, 'data');
  // No hub at this address: a receipt must print offline, straight after the durable submit.
  const h = await startBrowserHost({
    dataDir,
    hubUrl: 'http://127.0.0.1:9',
    publicHubUrl: 'https://tiaojie.court.example',
    terminalName: '城关区矛调中心 1号机',
    rendererDir,
    port: 0,
    log: silentLog,
    printer: { lpPath },
  });
  cleanup.push(() => h.close());
  return Object.assign(h, { dataDir });
}
async function call<T>(h: BrowserHost, name: string, input: unknown): Promise<T> {
  const r = await h.agent.dispatch(name, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}
function expectMaskedOnly(text: string): void {
  expect(text).toContain(MASKED_ID);
  expect(text).not.toContain(PERSON_ID);
  expect(text).not.toContain(APPLICANT_MOBILE);
  expect(text).not.toContain('王建国');
}

describe('receipt printing in the browser host', () => {
  it('shows the receipt document with its QR code and the masked ID', async () => {
    const h = await host('/nonexistent/lp');
    const receipt = await call<Receipt>(h, 'intake.submit', fullSubmission());
    const view = await call<ReceiptView>(h, 'receipt.view', { submissionId: receipt.submissionId });
    expect(view.document.provisionalNumber).toBe(receipt.provisionalNumber);
    expect(view.document.statusUrl).toBe(`https://tiaojie.court.example/status/${receipt.provisionalNumber}`);
    expect(view.document.rows.find((r) => r.key === 'idNumber')?.value).toBe(MASKED_ID);
    expectMaskedOnly(JSON.stringify(view));
    expect(Buffer.from(view.qrDataUrl.split(',')[1]!, 'base64').toString()).toMatch(/^<svg /);
    const en = await call<ReceiptView>(h, 'receipt.view', { submissionId: receipt.submissionId, language: 'en' });
    expect(en.document.title).toBe('Mediation application receipt');
    expect(await h.agent.dispatch('receipt.view', { submissionId: '6f1c1f7e-1111-4111-8111-111111111111' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('after a restart, still builds the receipt from the application waiting to be sent', async () => {
    const dir = tempDir('receipt-restart-');
    const first = await host('/nonexistent/lp', dir);
    const receipt = await call<Receipt>(first, 'intake.submit', fullSubmission());
    await first.close();
    const again = await host('/nonexistent/lp', dir);
    const view = await call<ReceiptView>(again, 'receipt.view', { submissionId: receipt.submissionId });
    expect(view.document.rows.find((r) => r.key === 'idNumber')?.value).toBe(MASKED_ID);
    expectMaskedOnly(JSON.stringify(view));
  });

  it('without lp: keeps a PDF in the spool folder that shows the masked ID and never the full one', async () => {
    const h = await host('/nonexistent/lp');
    const receipt = await call<Receipt>(h, 'intake.submit', fullSubmission());
    const spool = join(h.dataDir, 'spool');

    // The receipt screen's own print: no printer, so nothing is kept for nobody.
    expect(await call<PrintOutcome>(h, 'receipt.print', { submissionId: receipt.submissionId, auto: true })).toEqual({ printed: false, reason: 'no_printer' });
    expect(existsSync(spool) ? readdirSync(spool) : []).toEqual([]);
    expect(await call<PrintOutcome>(h, 'receipt.print', { submissionId: receipt.submissionId, auto: true })).toEqual({ printed: false, reason: 'already_printed' });

    const outcome = await call<PrintOutcome>(h, 'receipt.print', { submissionId: receipt.submissionId });
    expect(outcome).toMatchObject({ printed: false, reason: 'no_printer' });
    expect(outcome.spooledTo!.startsWith(spool)).toBe(true);
    expect(statSync(outcome.spooledTo!).mode & 0o777).toBe(0o600);
    expect(statSync(spool).mode & 0o777).toBe(0o700);
    const text = pdfText(outcome.spooledTo!);
    expectMaskedOnly(text);
    expect(text).toContain(receipt.provisionalNumber);
    expect(text).toContain('调解申请回执');
    expect(text).toContain('王**');
    expect(text).toContain('12368');
  });

  it('hands the PDF to lp and deletes it once lp has taken it; keeps it if lp fails', async () => {
    const dir = tempDir('lp-');
    const lp = join(dir, 'lp');
    // A stand-in for CUPS' lp: records its arguments and the file it was given.
    writeFileSync(lp, `#!/bin/sh\nfor last; do :; done\necho "$@" > "${dir}/args"\ncp "$last" "${dir}/printed.pdf"\n`);
    chmodSync(lp, 0o755);
    const h = await host(lp);
    const receipt = await call<Receipt>(h, 'intake.submit', fullSubmission());
    expect(await call<PrintOutcome>(h, 'receipt.print', { submissionId: receipt.submissionId, auto: true, language: 'en' })).toEqual({ printed: true });
    expect(readdirSync(join(h.dataDir, 'spool'))).toEqual([]);
    const text = pdfText(join(dir, 'printed.pdf'));
    expectMaskedOnly(text);
    expect(text).toContain('Mediation application receipt');

    writeFileSync(lp, '#!/bin/sh\necho "lp: printer not found" >&2\nexit 1\n');
    const failed = await call<PrintOutcome>(h, 'receipt.print', { submissionId: receipt.submissionId });
    expect(failed).toMatchObject({ printed: false, reason: 'failed' });
    expect(existsSync(failed.spooledTo!)).toBe(true);
  });

  it('deletes spooled receipts after a day', async () => {
    const h = await host('/nonexistent/lp');
    const receipt = await call<Receipt>(h, 'intake.submit', fullSubmission());
    const fresh = (await call<PrintOutcome>(h, 'receipt.print', { submissionId: receipt.submissionId })).spooledTo!;
    const old = (await call<PrintOutcome>(h, 'receipt.print', { submissionId: receipt.submissionId })).spooledTo!;
    const twoDaysAgo = (Date.now() - 2 * 24 * 3_600_000) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(await h.printer.sweep()).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});
