import type { Browser, Page } from 'playwright-core';
import { waitFor } from '../../support/hubHarness.js';
import { completeApplication } from './applications.js';
import { answerFirst, callFromHome, openMediator, type CallStack } from './callStack.js';
import { invite, joinByPage, shows } from './joinPage.js';
import { seedDraft } from './drafts.js';
import { kioskPage, withQuery } from './stack.js';
import { drawSignature, next, tap } from './wizard.js';

// The room suites' start: the applicant files at the first kiosk (the case names the respondent,
// so a respondent can be invited and identified), the case is opened at the hub, and the
// applicant calls a mediator from the receipt. Returns the kiosk's page, queued. `roomOfThree`
// goes on: the desk answers and lets the respondent in from the join page on a phone.

/** The respondent the filed case names (the join page's identity check uses the ID's last four). */
export const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };

export interface RoomOfThree {
  kiosk: Page;
  desk: Page;
  phone: Page;
  callId: string;
}

/** The applicant at the kiosk, the mediator at the desk, the respondent on a phone, all in the room and past the waiting room. */
export async function roomOfThree(browser: Browser, stack: CallStack, timeoutMs: number): Promise<RoomOfThree> {
  const kiosk = await fileAndCall(browser, stack, RESPONDENT, timeoutMs);
  const desk = (await openMediator(browser, stack.hub.url)).page;
  desk.setDefaultTimeout(timeoutMs);
  const callId = await answerFirst(desk);
  await kiosk.getByTestId('call-live').waitFor();
  const invited = await invite(desk, 'respondent');
  const phone = await joinByPage(browser, invited.link, invited.code, { name: RESPONDENT.name, idLast4: RESPONDENT.idNumber.slice(-4) }, 'phone', timeoutMs);
  await desk.getByTestId('admit-respondent').click();
  await shows(phone, 'none');
  return { kiosk, desk, phone, callId };
}

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
