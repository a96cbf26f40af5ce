import type { Browser, Page } from 'playwright-core';
import { waitFor } from '../../support/hubHarness.js';
import { completeApplication } from './applications.js';
import { callFromHome, type CallStack } from './callStack.js';
import { seedDraft } from './drafts.js';
import { kioskPage, withQuery } from './stack.js';
import { drawSignature, next, tap } from './wizard.js';

// The room suites' start: the applicant files at the first kiosk (the case names the respondent,
// so a respondent can be invited and identified), the case is opened at the hub, and the
// applicant calls a mediator from the receipt. Returns the kiosk's page, queued.

export async function fileAndCall(browser: Browser, stack: CallStack, respondent: { name: string; idNumber: string }, timeoutMs: number): Promise<Page> {
  const { hub, hosts, kioskUrls } = stack;
  const application = completeApplication();
  application.respondents = [{ kind: 'person', name: respondent.name, idNumber: respondent.idNumber, address: '兰州市城关区庆阳路2号' }];
  await seedDraft({ host: hosts[0]! }, { step: 'review', reviewing: true, language: 'zh-CN', application });
  const { page } = await kioskPage(browser, withQuery(kioskUrls[0]!, '?receiptMs=300000'), undefined, 'review');
  page.setDefaultTimeout(timeoutMs);
  await next(page, 'signature');
  await drawSignature(page);
  await tap(page, 'next');
  await page.getByTestId('receipt').waitFor();
  const [intake] = await waitFor(async () => {
    const rows = await hub.intakes();
    return rows.length === 1 ? rows : null;
  }, 'the intake at the hub');
  await waitFor(() => hub.hub.cases.bySubmission(hub.hub.database, intake!.submission_id), 'the case');
  await callFromHome(page);
  return page;
}
